using MelGenre.Model.Checkpoints;
using TorchSharp;

namespace MelGenre.Model.Training;

/// <summary>The outcome of <see cref="GenreTrainer.Train"/> or <see cref="EmbeddingHeadTrainer.Train"/>: one trained
/// member for <see cref="GenreModel.FromTraining"/>.</summary>
/// <param name="Network">The kept weights (best validation epoch, or the last without validation), in eval mode: a
/// <see cref="GenreCnn"/>, or an <see cref="Embeddings.EmbeddingHead"/> (the frozen backbone is not part of it). The
/// caller owns and disposes it.</param>
/// <param name="Architecture">The network's full shape, input standardisation of a CNN included.</param>
/// <param name="History">One report per epoch run.</param>
/// <param name="KeptEpoch">The epoch whose weights <paramref name="Network"/> holds.</param>
/// <param name="Seconds">Wall time of the whole training.</param>
/// <param name="Seed">The seed it was trained with.</param>
/// <param name="PatchFrames">Frames per patch the network was trained on.</param>
/// <param name="HopFrames">Hop between the patches of a clip when scoring it, in frames.</param>
public sealed record TrainingResult(torch.nn.Module Network, ModelArchitecture Architecture, IReadOnlyList<EpochReport> History,
    int KeptEpoch, double Seconds, int Seed, int PatchFrames, int HopFrames)
{
    /// <summary>Training patches per second over the epochs run.</summary>
    public double PatchesPerSecond => History.Count == 0 ? 0 : History.Average(e => e.PatchesPerSecond);
}
