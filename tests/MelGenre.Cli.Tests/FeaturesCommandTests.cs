using System.Globalization;
using System.Text.Json;
using MelGenre.TestSupport;

namespace MelGenre.Cli.Tests;

/// <summary><c>melgenre features</c> in process.</summary>
public sealed class FeaturesCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Csv_has_the_tables_header_without_label_and_a_row_per_input()
    {
        var sine = TestAudio.WriteSineWav(_folder.File("sine.wav"), frames: 44100);
        var result = Cli.Succeed("features", sine);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(59, header.Length);
        Assert.Equal(["filename", "length", "chroma_stft_mean"], header[..3]);
        Assert.Equal("mfcc20_var", header[^1]);
        var row = lines[1].Split(',');
        Assert.Equal("sine.wav", row[0]);
        Assert.Equal("44100", row[1]);
        // A 440 Hz sine: its spectral centroid is within a few Hz of 440.
        var centroid = double.Parse(row[Array.IndexOf(header, "spectral_centroid_mean")], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(centroid - 440) < 30, $"spectral_centroid_mean {centroid} Hz for a 440 Hz sine");
    }

    [Fact]
    public void Json_written_to_out_has_the_same_keys_and_a_bad_input_is_reported_and_left_out()
    {
        var sine = TestAudio.WriteSineWav(_folder.File("sine.wav"));
        var bad = TestAudio.WriteRandomBytes(_folder.File("bad.wav"));
        var target = _folder.File("features.json");

        var result = Cli.Run("features", sine, bad, "--out", target);

        Assert.True(result.ExitCode == ExitCodes.SomeInputsFailed, result.ToString());
        Assert.StartsWith($"melgenre: {bad}: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(target));
        var entry = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        var keys = entry.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(59, keys.Length);
        Assert.Equal("sine.wav", entry.GetProperty("filename").GetString());
        Assert.Equal(22050, entry.GetProperty("length").GetInt32());
        Assert.Equal("tempo", keys[18]);
    }

    [Fact]
    public void Kaggle_option_reproduces_the_tables_row_of_a_gtzan_clip()
    {
        var clip = SharedData.RequirePath("gtzan/wav/hiphop.00002.wav");
        var table = File.ReadAllLines(SharedData.RequirePath("gtzan/meta/features_30_sec.csv"));
        var expected = table.Single(line => line.StartsWith("hiphop.00002.wav,", StringComparison.Ordinal)).Split(',');

        var lines = Cli.Succeed("features", clip, "--kaggle", "--format", "csv").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(table[0][..table[0].LastIndexOf(",label", StringComparison.Ordinal)], lines[0]);
        var actual = lines[1].Split(',');
        Assert.Equal(expected[..2], actual[..2]);
        for (var i = 2; i < actual.Length; i++)
        {
            double ours = double.Parse(actual[i], CultureInfo.InvariantCulture), theirs = double.Parse(expected[i], CultureInfo.InvariantCulture);
            // Float32 rounding: the library's table tests bound every column by 1e-4 relative (means of HPSS signals aside).
            Assert.True(Math.Abs(ours - theirs) <= 1e-4 * Math.Abs(theirs) + 1e-9, $"{lines[0].Split(',')[i]}: {ours}, table {theirs}");
        }
    }

    [Fact]
    public void An_unknown_out_extension_is_a_usage_error()
    {
        var result = Cli.Run("features", "x.wav", "--out", "x.npy");
        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
    }
}
