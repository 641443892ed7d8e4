using System.Text.Json;

namespace MelGenre.Cli.Tests;

/// <summary>
/// <c>train</c> → <c>evaluate</c> → <c>classify</c> and <c>cv</c> on a tiny generated dataset: two "genres" of low and
/// high tones, two "artists" each, so the whole command-line path runs in a few seconds.
/// </summary>
public sealed class TrainingCommandTests : IDisposable
{
    private static readonly string[] Genres = ["high", "low"];
    private readonly TempFolder _folder = new();
    private readonly string _data;
    private readonly string _groups;

    public TrainingCommandTests()
    {
        _data = _folder.File("data");
        var index = new List<string>();
        foreach (var (genre, baseFrequency) in new[] { ("low", 110.0), ("high", 3520.0) })
        {
            Directory.CreateDirectory(Path.Combine(_data, genre));
            for (var clip = 0; clip < 4; clip++)
            {
                var id = $"{genre}.{clip:D5}";
                TestAudio.WriteSineWav(Path.Combine(_data, genre, id + ".wav"), frames: 7 * 22050, frequency: baseFrequency * (1 + 0.1 * clip));
                index.Add($"{id} ::: {genre} artist {clip % 2} ::: tone {clip}");
            }
        }
        _groups = _folder.File("index.txt");
        File.WriteAllLines(_groups, index);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_saves_a_model_that_evaluate_and_classify_use()
    {
        var model = _folder.File("model");
        File.WriteAllLines(_folder.File("valid.txt"), ["low/low.00003.wav", "high/high.00003.wav"]);

        var trained = Cli.Run("train", "--data", _data, "--valid-list", _folder.File("valid.txt"), "--out", model,
            "--epochs", "12", "--learning-rate", "0.01", "--seed", "3");

        Assert.True(trained.ExitCode == ExitCodes.Success, trained.ToString());
        Assert.Contains("epoch  12/12", trained.Error, StringComparison.Ordinal);
        using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(model, "manifest.json"))))
        {
            var root = manifest.RootElement;
            Assert.Equal(Genres, root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            var training = root.GetProperty("training");
            Assert.Equal(8, training.GetProperty("clips").GetArrayLength());
            Assert.Equal(64, training.GetProperty("clipsSha256").GetString()!.Length);
            Assert.StartsWith("melgenre train --data ", training.GetProperty("command").GetString(), StringComparison.Ordinal);
            Assert.Equal(1.0, root.GetProperty("metrics")[0].GetProperty("accuracy").GetDouble());
        }

        var evaluated = Cli.Run("evaluate", "--data", _data, "--model", model, "--format", "json");
        Assert.True(evaluated.ExitCode == ExitCodes.Success, evaluated.ToString());
        using (var report = JsonDocument.Parse(evaluated.Output))
        {
            Assert.Equal(8, report.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(1.0, report.RootElement.GetProperty("accuracy").GetDouble());
            Assert.Equal([[4, 0], [0, 4]], report.RootElement.GetProperty("confusionMatrix").EnumerateArray()
                .Select(row => row.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray());
        }

        var plot = _folder.File("confusion.png");
        Assert.Equal(ExitCodes.Success, Cli.Run("evaluate", "--data", _data, "--model", model, "--plot", plot).ExitCode);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot)[..4]);

        var classified = Cli.Run("classify", Path.Combine(_data, "low", "low.00001.wav"), "--model", model, "--format", "json");
        Assert.True(classified.ExitCode == ExitCodes.Success, classified.ToString());
        using var result = JsonDocument.Parse(classified.Output);
        Assert.Equal("low", result.RootElement[0].GetProperty("top").GetString());
    }

    [Fact]
    public void Cv_keeps_each_artist_in_one_fold_and_reports_every_fold()
    {
        var result = Cli.Run("cv", "--data", _data, "--groups", _groups, "--folds", "2", "--epochs", "2", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("foldCount").GetInt32());
        // Two artists per genre, two folds: each fold holds one artist of each genre, 2 clips each.
        Assert.Equal([4, 4], root.GetProperty("folds").EnumerateArray().Select(f => f.GetProperty("total").GetInt32()));
        Assert.Equal(8, root.GetProperty("pooled").GetProperty("total").GetInt32());
    }

    [Fact]
    public void Train_with_a_missing_data_folder_is_a_usage_error()
    {
        var result = Cli.Run("train", "--data", _folder.File("nowhere"), "--out", _folder.File("model"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("nowhere", result.Error, StringComparison.Ordinal);
    }
}
