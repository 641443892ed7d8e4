using System.Text.Json;
using MelGenre.Prediction.Tests;

namespace MelGenre.Cli.Tests;

/// <summary><c>melgenre classify</c> over many files: folders, stdin, jobs, shards, resume, line formats.</summary>
public sealed class ClassifyBatchTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _model;
    private readonly string _music;

    public ClassifyBatchTests()
    {
        _model = TinyModel.Save(_folder.File("model"));
        _music = _folder.File("music");
        Directory.CreateDirectory(Path.Combine(_music, "album"));
        for (var i = 0; i < 6; i++)
            TestAudio.WriteSineWav(Path.Combine(_music, i % 2 == 0 ? "album" : "", $"track{i}.wav"), frames: (4 + i) * 22050, frequency: 220 * (i + 1));
    }

    public void Dispose() => _folder.Dispose();

    private string[] Tracks => [.. Directory.EnumerateFiles(_music, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    private static string[] Lines(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();

    private static string FileOf(string jsonLine)
    {
        using var document = JsonDocument.Parse(jsonLine);
        return document.RootElement.GetProperty("file").GetString()!;
    }

    [Fact]
    public void A_folder_is_classified_recursively_in_path_order_one_json_line_per_file()
    {
        var result = Cli.Succeed("classify", _music, "--model", _model, "--format", "jsonl");

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Tracks, lines.Select(FileOf));
        Assert.All(lines, line => Assert.DoesNotContain("\"error\":\"", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Jobs_1_and_2_write_byte_identical_results()
    {
        var one = _folder.File("one.jsonl");
        var two = _folder.File("two.jsonl");

        Cli.Succeed("classify", _music, "--model", _model, "--out", one, "--jobs", "1", "--segments");
        Cli.Succeed("classify", _music, "--model", _model, "--out", two, "--jobs", "2", "--segments");

        Assert.Equal(Tracks.Length, Lines(one).Length);
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(two));
    }

    [Fact]
    public void The_shards_of_a_run_hold_every_file_exactly_once_with_the_same_results()
    {
        var whole = _folder.File("whole.jsonl");
        Cli.Succeed("classify", _music, "--model", _model, "--out", whole);

        var sharded = Enumerable.Range(0, 3).SelectMany(i =>
        {
            var part = _folder.File($"part{i}.jsonl");
            Cli.Succeed("classify", _music, "--model", _model, "--out", part, "--shard", $"{i}/3");
            return Lines(part);
        }).ToList();

        Assert.Equal(Tracks.Length, sharded.Select(FileOf).Distinct().Count());
        Assert.Equal(Lines(whole).Order(StringComparer.Ordinal), sharded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resuming_an_interrupted_run_yields_each_file_exactly_once()
    {
        var complete = _folder.File("complete.jsonl");
        Cli.Succeed("classify", _music, "--model", _model, "--out", complete);
        var expected = Lines(complete);
        // What a run killed while writing its fourth line leaves: three whole lines and a cut one.
        var output = _folder.File("resumed.jsonl");
        File.WriteAllText(output, string.Join('\n', expected.Take(3)) + "\n" + expected[3][..25]);

        var result = Cli.Run("classify", _music, "--model", _model, "--out", output, "--resume");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("resuming: 3 of 6 file(s) already in", result.Error, StringComparison.Ordinal);
        Assert.Equal(expected, Lines(output));
        // Resuming a finished run adds nothing.
        Cli.Run("classify", _music, "--model", _model, "--out", output, "--resume");
        Assert.Equal(expected, Lines(output));
    }

    [Fact]
    public void A_folder_with_good_corrupt_and_non_audio_files_classifies_the_good_ones_and_reports_the_others()
    {
        var mixed = _folder.File("mixed");
        Directory.CreateDirectory(mixed);
        var good = TestAudio.WriteSineWav(Path.Combine(mixed, "a-good.wav"), frames: 4 * 22050);
        var corrupt = TestAudio.WriteRandomBytes(Path.Combine(mixed, "b-corrupt.wav"));
        var text = Path.Combine(mixed, "c-text.mp3");
        File.WriteAllText(text, "These are liner notes, not an MP3.");
        var notes = Path.Combine(mixed, "notes.txt");
        File.WriteAllText(notes, "not audio");

        var result = Cli.Run("classify", mixed, "--model", _model, "--format", "jsonl");

        Assert.True(result.ExitCode == ExitCodes.SomeInputsFailed, result.ToString());
        var entries = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([good, corrupt, text], entries.Select(e => e.GetProperty("file").GetString()));
        Assert.Equal(JsonValueKind.String, entries[0].GetProperty("top").ValueKind);
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("error").ValueKind);
        foreach (var bad in entries.Skip(1))
        {
            Assert.Equal(JsonValueKind.Null, bad.GetProperty("top").ValueKind);
            Assert.Contains("not a recognised audio format", bad.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        Assert.Contains(result.ErrorLines, l => l.StartsWith($"melgenre: {corrupt}: ", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.StartsWith($"melgenre: {text}: ", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("skipped 1 file(s)", StringComparison.Ordinal) && l.EndsWith(notes, StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_without_audio_says_there_is_nothing_to_classify()
    {
        var empty = _folder.File("empty");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, "cover.jpg"), "not audio");

        var result = Cli.Run("classify", empty, "--model", _model);

        Assert.True(result.ExitCode == ExitCodes.SomeInputsFailed, result.ToString());
        Assert.Equal("melgenre: nothing to classify: the inputs hold no audio files.", result.ErrorLines[^1]);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_dash_classifies_the_paths_read_from_stdin()
    {
        var tracks = Tracks;

        var result = Cli.RunWithInput($"{tracks[2]}\n{tracks[0]}\n", "classify", "-", "--model", _model, "--format", "jsonl");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal([tracks[2], tracks[0]], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FileOf));
    }

    [Fact]
    public void Csv_has_a_header_a_row_per_file_and_a_numbered_row_per_segment()
    {
        var target = _folder.File("results.csv");

        Cli.Succeed("classify", Tracks[0], "--model", _model, "--out", target, "--segments");

        var rows = Lines(target);
        Assert.Equal("file,segment,start,end,top,blues,jazz,rock,error", rows[0]);
        var fileRow = rows[1].Split(',');
        Assert.Equal([Tracks[0], "", "0", "4"], fileRow[..4]);
        Assert.Contains(fileRow[4], TinyModel.Labels);
        var sum = fileRow[5..8].Sum(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Math.Abs(sum - 1) <= 3 * 5e-7 + 1e-12, $"the row's probabilities sum to {sum}");
        // 4 s at hop 130 frames: 1 + (173 - 130) / 130 = 1 patch, so one segment row numbered 0.
        Assert.Equal([Tracks[0], "0", "0"], rows[2].Split(',')[..3]);
        Assert.Equal(3, rows.Length);
    }

    [Fact]
    public void Captured_output_defaults_to_json_lines_and_an_out_file_to_the_format_of_its_extension()
    {
        var result = Cli.Succeed("classify", Tracks[0], "--model", _model);
        Assert.Equal(Tracks[0], FileOf(result.Output.Trim()));

        var json = _folder.File("results.json");
        Cli.Succeed("classify", Tracks[0], "--model", _model, "--out", json);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
    }

    [Theory]
    [InlineData("--resume")]
    [InlineData("--resume", "--out", "x.json")]
    [InlineData("--resume", "--out", "x.jsonl", "--format", "csv")]
    [InlineData("--shard", "3/3")]
    [InlineData("--segment-seconds", "1")]
    [InlineData("--jobs", "0")]
    public void Contradictory_or_out_of_range_options_are_usage_errors(params string[] options)
    {
        var result = Cli.Run(["classify", Tracks[0], "--model", _model, .. options]);

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        Assert.StartsWith("melgenre: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }
}
