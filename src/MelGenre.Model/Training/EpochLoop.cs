using System.Diagnostics;
using MelGenre.Model.Evaluation;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>What one training epoch did: mean loss and accuracy over its training patches, and how many there were.</summary>
internal readonly record struct EpochTraining(double Loss, double Accuracy, int Patches);

/// <summary>The epochs run and the one whose weights were kept.</summary>
internal sealed record EpochLoopOutcome(IReadOnlyList<EpochReport> History, int KeptEpoch);

/// <summary>
/// The epoch loop both trainers share: train an epoch, validate the kept network on clips (when there are any), keep a
/// copy of the best weights (lowest clip-level validation loss), report, stop early after
/// <see cref="TrainingOptions.Patience"/> epochs without progress, and finally load the best weights back.
/// </summary>
internal static class EpochLoop
{
    /// <param name="options">Epochs and patience.</param>
    /// <param name="kept">The network that is validated, snapshotted and restored.</param>
    /// <param name="trainEpoch">Runs one training epoch.</param>
    /// <param name="validate">Scores <paramref name="kept"/> on the validation clips; null: no validation, the last
    /// epoch is kept.</param>
    /// <param name="progress">Receives one report per epoch.</param>
    public static EpochLoopOutcome Run(TrainingOptions options, nn.Module kept, Func<EpochTraining> trainEpoch,
        Func<ValidationScore>? validate, IProgress<EpochReport>? progress)
    {
        var history = new List<EpochReport>();
        Dictionary<string, Tensor>? best = null;
        var bestScore = double.NegativeInfinity;
        var bestEpoch = 0;
        try
        {
            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                var training = trainEpoch();
                if (!double.IsFinite(training.Loss))
                    throw new TrainingDivergedException(epoch, training.Loss);
                var trainSeconds = clock.Elapsed.TotalSeconds;

                ValidationScore? score = null;
                var isBest = false;
                if (validate is not null)
                {
                    score = validate();
                    // The clip-level log loss, not accuracy: on a validation set of a hundred clips accuracy moves in
                    // steps of 1 % and swings between neighbouring epochs, so "best accuracy" picks a lucky early epoch
                    // and patience then stops before the learning rate has annealed (measured: docs/MODEL.md).
                    var value = -score.Loss;
                    if (value > bestScore)
                    {
                        bestScore = value;
                        bestEpoch = epoch;
                        isBest = true;
                        DisposeAll(best);
                        best = Snapshot(kept);
                    }
                }
                var seconds = clock.Elapsed.TotalSeconds;
                var report = new EpochReport(epoch, options.Epochs, training.Loss, training.Accuracy, score, seconds,
                    training.Patches / trainSeconds, seconds * (options.Epochs - epoch), isBest);
                history.Add(report);
                progress?.Report(report);
                if (validate is not null && options.Patience is { } patience && epoch - bestEpoch >= patience)
                    break;
            }
            if (best is null)
                return new EpochLoopOutcome(history, history.Count);
            kept.load_state_dict(best);
            return new EpochLoopOutcome(history, bestEpoch);
        }
        finally
        {
            DisposeAll(best);
        }
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module network) =>
        network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
            return;
        foreach (var t in tensors.Values)
            t.Dispose();
    }
}

/// <summary>Clip-level validation figures, added up one clip at a time.</summary>
internal sealed class ValidationTally(IReadOnlyList<string> labels)
{
    private readonly ConfusionMatrixBuilder _matrix = new(labels);
    private double _loss;
    private int _count;

    /// <summary>Adds a clip: its true label and its probabilities (the mean of its patches').</summary>
    public void Add(int label, IReadOnlyList<float> probabilities)
    {
        _loss -= Math.Log(Math.Max(probabilities[label], 1e-12));
        _matrix.Add(label, ClipScores.Top(probabilities));
        _count++;
    }

    /// <summary>Mean loss, accuracy and balanced accuracy of the clips added.</summary>
    public ValidationScore Score()
    {
        var report = new ClassificationReport(_matrix.Build());
        return new ValidationScore(_loss / _count, report.Accuracy, report.BalancedAccuracy);
    }
}

/// <summary>Per-class loss weights from the training patches' label counts.</summary>
internal static class ClassWeights
{
    /// <summary>Weight <c>(N / (K · n_c))^power</c> per class (0 for a class without patches), as a float32 tensor.</summary>
    public static Tensor Of(IReadOnlyList<double> counts, double power)
    {
        var total = counts.Sum();
        return tensor(counts.Select(n => n > 0 ? (float)Math.Pow(total / (counts.Count * n), power) : 0f).ToArray());
    }
}
