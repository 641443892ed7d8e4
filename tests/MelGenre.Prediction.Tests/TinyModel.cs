using MelGenre.Features.Mel;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Model.Data;
using static TorchSharp.torch;

namespace MelGenre.Prediction.Tests;

/// <summary>
/// An untrained three-genre model with a narrow <see cref="GenreCnn"/> (seeded, so its answers are fixed): enough to
/// test the plumbing from audio to probabilities without training. Also compiled into the CLI tests.
/// </summary>
internal static class TinyModel
{
    public const int Threads = 1;

    public static readonly string[] Labels = ["blues", "jazz", "rock"];

    /// <summary>Saves the model into <paramref name="folder"/> (created) and returns the folder.</summary>
    public static string Save(string folder, int seed = 20240611)
    {
        TorchRuntime.Initialize(Threads);
        random.manual_seed(seed);
        // Standardise the dB input roughly (log-mel lies in [-80, 0]) so the random network does not saturate its softmax.
        var options = new GenreCnnOptions { LabelCount = Labels.Length, BlockChannels = [4, 8, 8, 8], InputMean = -40, InputStandardDeviation = 20 };
        var manifest = new ModelManifest
        {
            Name = "tiny-test-model",
            Labels = Labels,
            Features = new LogMelOptions(),
            PatchFrames = Segmenter.DefaultPatchFrames,
            HopFrames = Segmenter.DefaultPatchFrames,
            Architecture = new ModelArchitecture(ModelArchitecture.GenreCnnKind, options),
            Members = [],
        };
        using var model = GenreModel.Create(manifest, [new GenreCnn(options)]);
        model.Save(folder);
        return folder;
    }
}
