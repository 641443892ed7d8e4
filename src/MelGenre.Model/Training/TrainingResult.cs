namespace MelGenre.Model.Training;

/// <summary>The outcome of <see cref="GenreTrainer.Train"/>.</summary>
/// <param name="Network">The kept weights (best validation epoch, or the last without validation), in eval mode.
/// The caller owns and disposes it.</param>
/// <param name="Architecture">The network's full shape, input standardisation included.</param>
/// <param name="History">One report per epoch run.</param>
/// <param name="KeptEpoch">The epoch whose weights <paramref name="Network"/> holds.</param>
/// <param name="Seconds">Wall time of the whole training.</param>
public sealed record TrainingResult(GenreCnn Network, GenreCnnOptions Architecture, IReadOnlyList<EpochReport> History,
    int KeptEpoch, double Seconds);
