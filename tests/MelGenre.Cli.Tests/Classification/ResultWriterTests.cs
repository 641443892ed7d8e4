using MelGenre.Cli.Classification;
using MelGenre.Prediction;

namespace MelGenre.Cli.Tests.Classification;

/// <summary>The line formats: CSV quoting and failures, JSON Lines one object per line.</summary>
public sealed class ResultWriterTests
{
    private static readonly string[] Labels = ["blues", "jazz"];

    private static FileClassification Success(string file) => FileClassification.Succeeded(file, new GenrePrediction(
        12.3456, Labels, new Dictionary<string, double> { ["blues"] = 0.25, ["jazz"] = 0.75 }, "jazz",
        [new SegmentPrediction(0, 3.0186, "jazz", new Dictionary<string, double> { ["blues"] = 0.1234567, ["jazz"] = 0.8765433 })]));

    private static string Write(ResultFormat format, ClassifyOptions options, params FileClassification[] results)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var writer = ResultWriter.Create(format, text, Labels, options);
        foreach (var result in results)
            writer.Write(result);
        writer.Finish();
        return text.ToString();
    }

    [Fact]
    public void Csv_quotes_fields_with_commas_or_quotes_and_leaves_a_failure_its_error_only()
    {
        var csv = Write(ResultFormat.Csv, new ClassifyOptions { IncludeSegments = true },
            Success("a, \"live\".wav"), FileClassification.Failed("b.wav", "not a recognised audio format, sorry"));

        Assert.Equal(
            "file,segment,start,end,top,blues,jazz,error\n"
            + "\"a, \"\"live\"\".wav\",,0,12.346,jazz,0.25,0.75,\n"
            + "\"a, \"\"live\"\".wav\",0,0,3.019,jazz,0.123457,0.876543,\n"
            + "b.wav,,,,,,,\"not a recognised audio format, sorry\"\n", csv);
    }

    [Fact]
    public void Json_lines_hold_one_object_per_line_with_segments_only_when_asked()
    {
        var lines = Write(ResultFormat.Jsonl, ClassifyOptions.Default, Success("a.wav"), FileClassification.Failed("b.wav", "empty")).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Equal("{\"file\":\"a.wav\",\"duration\":12.346,\"top\":\"jazz\",\"probabilities\":{\"blues\":0.25,\"jazz\":0.75},\"error\":null}", lines[0]);
        Assert.Equal("{\"file\":\"b.wav\",\"duration\":null,\"top\":null,\"probabilities\":null,\"error\":\"empty\"}", lines[1]);
        Assert.Equal("", lines[2]);
    }
}
