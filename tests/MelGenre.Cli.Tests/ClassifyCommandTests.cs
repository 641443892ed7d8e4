using System.Text.Json;
using MelGenre.Prediction;
using MelGenre.Prediction.Tests;

namespace MelGenre.Cli.Tests;

/// <summary><c>melgenre classify</c>: table and JSON output, bad inputs reported per file, an unusable model as a usage error.</summary>
public sealed class ClassifyCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _model;

    public ClassifyCommandTests() => _model = TinyModel.Save(_folder.File("model"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Json_lists_every_input_in_order_with_errors_for_the_corrupt_and_missing_ones_and_exit_code_1()
    {
        var good = TestAudio.WriteSineWav(_folder.File("good.wav"), frames: 5 * 22050);
        var corrupt = TestAudio.WriteRandomBytes(_folder.File("corrupt.wav"));
        var missing = _folder.File("missing.wav");
        var target = _folder.File("result.json");

        var result = Cli.Run("classify", good, corrupt, missing, "--model", _model, "--format", "json", "--out", target);

        Assert.True(result.ExitCode == ExitCodes.SomeInputsFailed, result.ToString());
        Assert.Equal("", result.Output);
        Assert.True(result.ErrorLines.Length == 2, $"expected one stderr line per bad input, got:\n{result.Error}");
        Assert.StartsWith($"melgenre: {corrupt}: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.StartsWith($"melgenre: {missing}: ", result.ErrorLines[1], StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllBytes(target));
        var entries = document.RootElement;
        Assert.Equal(3, entries.GetArrayLength());
        Assert.Equal([good, corrupt, missing], entries.EnumerateArray().Select(e => e.GetProperty("file").GetString()));

        var entry = entries[0];
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("error").ValueKind);
        Assert.False(entry.TryGetProperty("segments", out _), "segments written without --segments");
        var probabilities = entry.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(TinyModel.Labels, probabilities.Keys);
        var sum = probabilities.Values.Sum();
        Assert.True(Math.Abs(sum - 1) <= 3 * 5e-7 + 1e-12, $"rounded probabilities sum to {sum:R}");
        // The CLI's numbers are the library's, rounded to the schema's six decimals.
        using var classifier = Classifier.Load(_model);
        var expected = classifier.Classify(good);
        Assert.Equal(expected.Top, entry.GetProperty("top").GetString());
        Assert.Equal(Math.Round(expected.Duration, 3), entry.GetProperty("duration").GetDouble());
        foreach (var label in TinyModel.Labels)
            Assert.True(Math.Abs(probabilities[label] - expected.Probabilities[label]) <= 5e-7,
                $"P({label}) in the JSON is {probabilities[label]}, the library says {expected.Probabilities[label]:R}");

        foreach (var bad in new[] { entries[1], entries[2] })
        {
            Assert.False(string.IsNullOrEmpty(bad.GetProperty("error").GetString()), $"no error message for {bad.GetProperty("file")}");
            Assert.Equal(JsonValueKind.Null, bad.GetProperty("probabilities").ValueKind);
            Assert.Equal(JsonValueKind.Null, bad.GetProperty("top").ValueKind);
        }
    }

    [Fact]
    public void Json_on_stdout_with_segments_lists_each_patch()
    {
        var good = TestAudio.WriteSineWav(_folder.File("good.wav"), frames: 7 * 22050);

        var result = Cli.Succeed("classify", good, "--model", _model, "--format", "json", "--segments");

        using var document = JsonDocument.Parse(result.Output);
        var segments = document.RootElement[0].GetProperty("segments");
        // 7 s → 1 + 154350 / 512 = 302 frames → two whole 130-frame patches.
        Assert.Equal(2, segments.GetArrayLength());
        Assert.Equal(0.0, segments[0].GetProperty("start").GetDouble());
        Assert.Equal(segments[0].GetProperty("end").GetDouble(), segments[1].GetProperty("start").GetDouble());
    }

    [Fact]
    public void Table_shows_each_file_with_its_top_genres_as_percentages_and_every_genre()
    {
        var good = TestAudio.WriteSineWav(_folder.File("good.wav"), frames: 4 * 22050);
        using var classifier = Classifier.Load(_model);
        var expected = classifier.Classify(good).TopGenres(2);

        var result = Cli.Succeed("classify", good, "--model", _model, "--top", "2", "--format", "table");

        var lines = result.Output.Split('\n');
        Assert.StartsWith($"{good}  (4.00 s)", lines[0], StringComparison.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            var percent = expected[i].Probability.ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(lines[1 + i].Contains(expected[i].Genre, StringComparison.Ordinal) && lines[1 + i].EndsWith(percent, StringComparison.Ordinal),
                $"line {1 + i} should give {expected[i].Genre} {percent}: '{lines[1 + i]}'");
        }
        Assert.StartsWith("  all: blues ", lines[3], StringComparison.Ordinal);
        Assert.Contains(", jazz ", lines[3], StringComparison.Ordinal);
        Assert.Contains(", rock ", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_folder_that_does_not_exist_is_a_usage_error_saying_so()
    {
        var good = TestAudio.WriteSineWav(_folder.File("good.wav"));
        var absent = _folder.File("no-model");

        var result = Cli.Run("classify", good, "--model", absent);

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        Assert.Equal($"melgenre: Cannot load the model in {absent}: the folder does not exist.", Assert.Single(result.ErrorLines));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_model_whose_weights_were_changed_is_a_usage_error_naming_the_file()
    {
        var good = TestAudio.WriteSineWav(_folder.File("good.wav"));
        File.AppendAllText(Path.Combine(_model, "network-0.bin"), "tampered");

        var result = Cli.Run("classify", good, "--model", _model);

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        Assert.Contains("network-0.bin", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
