using System.Text.Json;

namespace MelGenre.Prediction.Tests;

/// <summary>The JSON schema shared by the CLI and the web API: names, order, nulls, rounding, optional segments.</summary>
public sealed class PredictionJsonTests
{
    private static readonly string[] Labels = ["blues", "jazz", "rock"];

    private static IReadOnlyDictionary<string, double> Probabilities(double blues, double jazz, double rock)
    {
        var ordered = new OrderedDictionary<string, double> { ["blues"] = blues, ["jazz"] = jazz, ["rock"] = rock };
        return ordered;
    }

    private static readonly FileClassification Good = FileClassification.Succeeded("music/song.wav", new GenrePrediction(
        30.01349, Labels, Probabilities(0.123456789, 0.5000004, 0.3765428110), "jazz",
        [
            new SegmentPrediction(0, 3.0185941, "jazz", Probabilities(0.1, 0.6, 0.3)),
            new SegmentPrediction(3.0185941, 6.0371882, "rock", Probabilities(0.2, 0.3, 0.5)),
        ]));

    private static readonly FileClassification Bad = FileClassification.Failed("broken.mp3", "not an audio format we recognise");

    private static JsonElement Parse(bool includeSegments)
    {
        using var document = JsonDocument.Parse(PredictionJson.Serialize([Good, Bad], includeSegments));
        return document.RootElement.Clone();
    }

    [Fact]
    public void Without_segments_each_entry_has_file_duration_top_probabilities_error_in_that_order()
    {
        var root = Parse(includeSegments: false);

        Assert.Equal(JsonValueKind.Array, root.ValueKind);
        Assert.Equal(2, root.GetArrayLength());
        var good = root[0];
        Assert.Equal(["file", "duration", "top", "probabilities", "error"], good.EnumerateObject().Select(p => p.Name));
        Assert.Equal("music/song.wav", good.GetProperty("file").GetString());
        Assert.Equal(30.013, good.GetProperty("duration").GetDouble());
        Assert.Equal("jazz", good.GetProperty("top").GetString());
        Assert.Equal(JsonValueKind.Null, good.GetProperty("error").ValueKind);
    }

    [Fact]
    public void Probabilities_are_an_object_in_label_order_rounded_to_six_decimals()
    {
        var probabilities = Parse(includeSegments: false)[0].GetProperty("probabilities");

        Assert.Equal(Labels, probabilities.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.123457, probabilities.GetProperty("blues").GetDouble());
        Assert.Equal(0.5, probabilities.GetProperty("jazz").GetDouble());
        Assert.Equal(0.376543, probabilities.GetProperty("rock").GetDouble());
        Assert.Equal("0.123457", probabilities.GetProperty("blues").GetRawText());
    }

    [Fact]
    public void A_failed_entry_has_null_results_and_the_error_message()
    {
        var bad = Parse(includeSegments: true)[1];

        Assert.Equal(["file", "duration", "top", "probabilities", "error"], bad.EnumerateObject().Select(p => p.Name));
        Assert.Equal("broken.mp3", bad.GetProperty("file").GetString());
        foreach (var name in new[] { "duration", "top", "probabilities" })
            Assert.True(bad.GetProperty(name).ValueKind == JsonValueKind.Null, $"{name} of a failed entry is {bad.GetProperty(name)}");
        Assert.Equal("not an audio format we recognise", bad.GetProperty("error").GetString());
    }

    [Fact]
    public void With_segments_successful_entries_list_start_end_top_probabilities_per_segment()
    {
        var good = Parse(includeSegments: true)[0];

        Assert.Equal(["file", "duration", "top", "probabilities", "segments", "error"], good.EnumerateObject().Select(p => p.Name));
        var segments = good.GetProperty("segments");
        Assert.Equal(2, segments.GetArrayLength());
        var second = segments[1];
        Assert.Equal(["start", "end", "top", "probabilities"], second.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3.019, second.GetProperty("start").GetDouble());
        Assert.Equal(6.037, second.GetProperty("end").GetDouble());
        Assert.Equal("rock", second.GetProperty("top").GetString());
        Assert.Equal(Labels, second.GetProperty("probabilities").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.5, second.GetProperty("probabilities").GetProperty("rock").GetDouble());
    }

    [Fact]
    public void Write_puts_the_same_UTF8_text_on_a_stream()
    {
        using var stream = new MemoryStream();
        PredictionJson.Write(stream, [Good, Bad], includeSegments: true);

        Assert.Equal(PredictionJson.Serialize([Good, Bad], includeSegments: true), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void File_names_and_messages_keep_quotes_and_accents_readable()
    {
        var json = PredictionJson.Serialize([FileClassification.Failed("música \"live\".wav", "starts with \"ID3\" but <no> frames")], includeSegments: false);

        Assert.Contains("\"file\": \"música \\\"live\\\".wav\"", json, StringComparison.Ordinal);
        Assert.Contains("\"error\": \"starts with \\\"ID3\\\" but <no> frames\"", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("música \"live\".wav", document.RootElement[0].GetProperty("file").GetString());
    }
}
