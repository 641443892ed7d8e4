using MelGenre.Model.Checkpoints;
using MelGenre.TestSupport;

namespace MelGenre.Prediction.Tests;

/// <summary>
/// The model committed in models/default, as the build copies it beside the application: it loads through every check,
/// describes itself, stays small, and answers sensibly. Not an accuracy measurement: the ten lossless clips are among its
/// training clips (the honest figures are in docs/MODEL.md).
/// </summary>
public sealed class ShippedModelTests
{
    private static readonly string[] GtzanGenres = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    [Fact]
    public void Loads_by_default_with_the_ten_gtzan_genres_and_a_complete_manifest()
    {
        using var classifier = Classifier.Load();

        var manifest = classifier.Model.Manifest;
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "default"), Classifier.DefaultModelFolder);
        Assert.Equal(GtzanGenres, classifier.Labels);
        Assert.Equal(ModelArchitecture.GenreCnnKind, manifest.Architecture.Kind);
        Assert.Equal(345, manifest.Training!.Clips.Count);
        Assert.StartsWith("melgenre train ", manifest.Training.Command, StringComparison.Ordinal);
        var bytes = Directory.EnumerateFiles(Classifier.DefaultModelFolder).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes <= 50L << 20, $"the shipped model takes {bytes} bytes, the budget is 50 MB");
    }

    [Fact]
    public void Names_the_genre_of_at_least_nine_of_the_ten_lossless_gtzan_clips()
    {
        var folder = SharedData.RequirePath("gtzan/wav");
        using var classifier = Classifier.Load();

        var answers = Directory.EnumerateFiles(folder, "*.wav").Order(StringComparer.Ordinal)
            .Select(path => (Expected: Path.GetFileName(path).Split('.')[0], Got: classifier.Classify(path).Top))
            .ToArray();

        Assert.Equal(10, answers.Length);
        var right = answers.Count(a => a.Expected == a.Got);
        Assert.True(right >= 9, $"{right} of 10 right: {string.Join(", ", answers.Select(a => $"{a.Expected}→{a.Got}"))}");
    }
}
