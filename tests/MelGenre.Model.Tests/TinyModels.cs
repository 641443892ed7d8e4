using MelGenre.Model.Checkpoints;
using MelGenre.Model.Tests.Training;
using MelGenre.Model.Training;
using static TorchSharp.torch;

namespace MelGenre.Model.Tests;

/// <summary>Untrained but non-trivial three-label networks for the synthetic 32-mel features, and their manifest.</summary>
internal static class TinyModels
{
    public const int PatchFrames = SyntheticClips.PatchFrames;
    public const int HopFrames = 16;

    /// <summary>Small widths, a non-default input standardisation that must survive the manifest.</summary>
    public static readonly GenreCnnOptions Architecture = SyntheticClips.SmallCnn with { InputMean = -52.5, InputStandardDeviation = 11.25 };

    /// <summary>A network seeded with <paramref name="seed"/> whose batch-norm statistics moved away from 0 and 1,
    /// so a round trip must carry buffers as well as weights.</summary>
    public static GenreCnn Network(int seed)
    {
        random.manual_seed(seed);
        var network = new GenreCnn(Architecture);
        network.train();
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
                network.forward(randn(4, 1, SyntheticClips.Mels, PatchFrames) * 12 - 50);
        }
        network.eval();
        return network;
    }

    /// <summary>A manifest for <see cref="Architecture"/> with every optional section filled.</summary>
    public static ModelManifest Manifest(params int[] seeds) => new()
    {
        Name = "tiny-synthetic",
        Created = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
        Labels = SyntheticClips.Labels,
        Features = SyntheticClips.Features,
        PatchFrames = PatchFrames,
        HopFrames = HopFrames,
        Architecture = new ModelArchitecture(ModelArchitecture.GenreCnnKind, Architecture),
        Members = seeds.Select(s => new ModelMember("", "", s)).ToArray(),
        Training = new TrainingRecord("melgenre train --synthetic", ["high/a.wav", "low/b.wav"], "00ff", new TrainingOptions { Patience = null, Seed = 5 },
            Epochs: 3, Seconds: 1.5, PatchesPerSecond: 123.25, Threads: 1),
        Metrics = [new ModelMetric("synthetic hold-out", 0.875, 0.8125, 0.03125)],
    };

    /// <summary>A saved one-network model in a fresh temporary folder, deleted on dispose.</summary>
    public static TemporaryFolder SavedModel()
    {
        var folder = new TemporaryFolder();
        using var model = GenreModel.Create(Manifest(11), [Network(11)]);
        model.Save(folder.Path);
        return folder;
    }
}

/// <summary>A fresh, not yet created, temporary folder path; deleted with its content on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "melgenre-model-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
