using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>What every trainer does first: check its arguments and seed both random generators.</summary>
internal static class TrainingStart
{
    /// <exception cref="ArgumentNullException">No labels or no training list.</exception>
    /// <exception cref="ArgumentException">Fewer than two labels, or no training clips.</exception>
    public static void CheckLabelsAndClips<T>(IReadOnlyList<string> labels, IReadOnlyList<T> training)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(training);
        if (labels.Count < 2)
            throw new ArgumentException($"Training needs at least two labels, got {labels.Count}.", nameof(labels));
        if (training.Count == 0)
            throw new ArgumentException("No training clips.", nameof(training));
    }

    /// <summary>Seeds libtorch's process-wide generator (weights, dropout, mixup) and returns the managed one (crops,
    /// masks, shuffling), both from <paramref name="seed"/>.</summary>
    public static Random Seed(int seed)
    {
        random.manual_seed(seed);
        return new Random(seed);
    }
}
