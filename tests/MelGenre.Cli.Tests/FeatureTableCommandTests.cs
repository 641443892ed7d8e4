using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MelGenre.Features.Descriptors;
using MelGenre.TestSupport;

namespace MelGenre.Cli.Tests;

/// <summary>
/// <c>train-features</c> and <c>classify --features-csv</c> on a small table the test writes in the Kaggle GTZAN
/// format (two genres told apart by <c>tempo</c>, every other column constant, four artists each), and on the real table when ../shared is present.
/// </summary>
public sealed partial class FeatureTableCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _table;
    private readonly string _index;

    public FeatureTableCommandTests()
    {
        var random = new Random(7);
        var lines = new List<string> { string.Join(',', MusicFeatureSummary.ColumnNames.Prepend("length").Prepend("filename").Append("label")) };
        var index = new List<string>();
        foreach (var (genre, tempo) in new[] { ("slow", 70.0), ("fast", 170.0) })
            for (var clip = 0; clip < 16; clip++)
            {
                var values = MusicFeatureSummary.ColumnNames.Select(c => c == "tempo" ? tempo + 10 * random.NextDouble() : 0.25);
                lines.Add(string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))
                    .Prepend("661500").Prepend($"{genre}.{clip:D5}.wav").Append(genre)));
                index.Add($"{genre}.{clip:D5}.wav ::: {genre} artist {clip % 4} ::: song {clip}");
            }
        _table = _folder.File("features.csv");
        File.WriteAllLines(_table, lines);
        _index = _folder.File("index.txt");
        File.WriteAllLines(_index, index);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_features_then_classify_rows_gives_one_prediction_json_object_per_row()
    {
        File.WriteAllLines(_folder.File("valid.txt"), ["slow/slow.00000.wav", "fast/fast.00000.wav", "fast/fast.00004.wav", "slow/slow.00004.wav"]);
        var model = _folder.File("model");

        var training = Cli.Run("train-features", "--table", _table, "--index", _index, "--valid-list", _folder.File("valid.txt"),
            "--folds", "3", "--out", model);
        Assert.True(training.ExitCode == 0, training.ToString());
        Assert.Contains("validation (valid.txt, 4 rows)", training.Error, StringComparison.Ordinal);
        Assert.True(training.Error.Contains(": accuracy 100.0 %", StringComparison.Ordinal), training.Error);

        var classified = Cli.Succeed("classify", "--features-csv", _table, "--model", model, "--format", "json");
        using var json = JsonDocument.Parse(classified.Output);
        var results = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(32, results.Count);
        var first = results[0];
        Assert.Equal("slow.00000.wav", first.GetProperty("file").GetString());
        Assert.Equal(30.0, first.GetProperty("duration").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("error").ValueKind);
        Assert.Equal(["fast", "slow"], first.GetProperty("probabilities").EnumerateObject().Select(p => p.Name));
        Assert.All(results, r => Assert.Equal(r.GetProperty("file").GetString()![..4], r.GetProperty("top").GetString()));
    }

    [Fact]
    public void Classify_refuses_features_csv_together_with_audio_paths_and_a_model_of_other_columns()
    {
        var both = Cli.Run("classify", "--features-csv", _table, "song.wav");
        Assert.Equal(ExitCodes.UsageError, both.ExitCode);
        Assert.Contains("give no audio PATH", both.Error, StringComparison.Ordinal);

        var model = _folder.File("model");
        Assert.Equal(0, Cli.Run("train-features", "--table", _table, "--index", _index, "--folds", "2", "--l2", "0.01", "--out", model).ExitCode);
        var manifest = Path.Combine(model, "features-manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"tempo\"", "\"bpm\"", StringComparison.Ordinal));
        var mismatch = Cli.Run("classify", "--features-csv", _table, "--model", model);
        Assert.Equal(ExitCodes.UsageError, mismatch.ExitCode);
        Assert.Contains("differing: bpm, tempo", mismatch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_without_model_uses_the_shipped_features_model()
    {
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "models", "features", "features-manifest.json")))
            Assert.Skip("no shipped models/features in the build output");

        var result = Cli.Succeed("classify", "--features-csv", _table, "--format", "csv");

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(33, lines.Length);
        Assert.StartsWith("file,segment,start,end,top,blues,classical,country,disco,hiphop,jazz,metal,pop,reggae,rock,error", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_gtzan_table_train_features_validates_at_least_40_percent_on_valid_filtered_measured_45_2()
    {
        var meta = SharedData.RequirePath("gtzan/meta");

        var result = Cli.Run("train-features", "--table", Path.Combine(meta, "features_30_sec.csv"), "--index", Path.Combine(meta, "GTZANindex.txt"),
            "--train-list", Path.Combine(meta, "train_filtered.txt"), "--valid-list", Path.Combine(meta, "valid_filtered.txt"),
            "--l2", "0.01", "--out", _folder.File("gtzan"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var match = ValidationLine().Match(result.Error);
        Assert.True(match.Success, result.Error);
        var accuracy = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 40, $"valid_filtered accuracy {accuracy} % (balanced {match.Groups[2].Value} %); measured 45.2 % when written");
    }

    [GeneratedRegex(@"validation \(valid_filtered\.txt, 197 rows\), L2 0\.01: accuracy ([\d.]+) %, balanced accuracy ([\d.]+) %")]
    private static partial Regex ValidationLine();
}
