using MelGenre.Model.Data;
using MelGenre.Model.Training;
using static TorchSharp.torch;

namespace MelGenre.Model.Tests.Training;

public sealed class GenreTrainerTests
{
    /// <summary>Settings scaled to the 32 × 32 synthetic patches: masks narrower than a class band, a high learning rate
    /// for few steps, and patches scored every 16 frames.</summary>
    private static readonly TrainingOptions Quick = new()
    {
        Epochs = 8,
        BatchSize = 16,
        LearningRate = 1e-2,
        Patience = null,
        MaxFrequencyMaskBands = 4,
        MaxTimeMaskFrames = 8,
        EvaluationHopFrames = 16,
        Seed = 3,
    };

    private static readonly IReadOnlyList<ClipFeatures> TrainingClips = SyntheticClips.Set(perLabel: 12, seed: 101, "train");
    private static readonly IReadOnlyList<ClipFeatures> ValidationClips = SyntheticClips.Set(perLabel: 5, seed: 202, "valid");

    private static TrainingResult Train(TrainingOptions options, IReadOnlyList<ClipFeatures>? validation = null) =>
        new GenreTrainer(options, SyntheticClips.SmallCnn, SyntheticClips.PatchFrames)
            .Train(SyntheticClips.Labels, TrainingClips, validation, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Logits of the kept network on fixed, seed-independent patches.</summary>
    private static float[] LogitsOnFixedInput(GenreCnn network)
    {
        var random = new Random(7);
        var values = new float[3 * SyntheticClips.Mels * SyntheticClips.PatchFrames];
        for (var label = 0; label < 3; label++)
        {
            var mel = SyntheticClips.Mel(label, random, SyntheticClips.PatchFrames);
            mel.Values.Span.CopyTo(values.AsSpan(label * mel.Values.Length));
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return network.forward(tensor(values, [3, 1, SyntheticClips.Mels, SyntheticClips.PatchFrames])).data<float>().ToArray();
    }

    [Fact]
    public void Learns_separable_synthetic_genres_to_full_validation_accuracy_with_falling_loss()
    {
        var reports = new List<EpochReport>();
        var progress = new SynchronousProgress<EpochReport>(reports.Add);

        var result = new GenreTrainer(Quick, SyntheticClips.SmallCnn, SyntheticClips.PatchFrames)
            .Train(SyntheticClips.Labels, TrainingClips, ValidationClips, progress, TestContext.Current.CancellationToken);
        using var network = result.Network;

        var history = result.History;
        Assert.Equal(Quick.Epochs, history.Count);
        Assert.Equal(history, reports);
        Assert.Equal(Enumerable.Range(1, Quick.Epochs), history.Select(r => r.Epoch));
        Assert.All(history, r => Assert.True(double.IsFinite(r.TrainLoss) && double.IsFinite(r.Validation!.Loss),
            $"epoch {r.Epoch}: training loss {r.TrainLoss}, validation loss {r.Validation!.Loss}"));
        var first = history[0].TrainLoss;
        var last = history[^1].TrainLoss;
        Assert.True(Math.Abs(first - Math.Log(3)) < 0.5, $"epoch 1 loss {first:F4} is far from ln 3 = {Math.Log(3):F4}: the start is not near chance");
        Assert.True(last < 0.5 * first, $"training loss fell only from {first:F4} to {last:F4} in {history.Count} epochs, expected below half");
        var kept = history[result.KeptEpoch - 1].Validation!;
        Assert.True(kept.Accuracy >= 0.95, $"validation accuracy of kept epoch {result.KeptEpoch} is {kept.Accuracy:F3}, expected ≥ 0.95; " +
            $"per epoch: {string.Join(", ", history.Select(r => r.Validation!.Accuracy.ToString("F2")))}");
        Assert.True(kept.BalancedAccuracy >= 0.95, $"balanced validation accuracy {kept.BalancedAccuracy:F3}, expected ≥ 0.95");

        // The kept network, scored outside the trainer, gets the validation clips right too.
        var segmenter = new Segmenter(SyntheticClips.PatchFrames, Quick.EvaluationHopFrames);
        var correct = ValidationClips.Count(c => ClipScores.Top(new ClipScores(SyntheticClips.Labels, c.Mel, segmenter,
            PatchScoring.PatchProbabilities([(GenreCnn)network], segmenter, c.Mel)).Probabilities) == c.Clip.LabelIndex);
        Assert.True(correct >= 0.95 * ValidationClips.Count, $"kept network classified {correct} of {ValidationClips.Count} validation clips");
        Assert.False(network.training, "the returned network is still in training mode");
    }

    [Fact]
    public void Architecture_carries_the_label_count_and_the_training_data_mean_and_deviation()
    {
        var result = Train(Quick with { Epochs = 1 });
        using var network = (GenreCnn)result.Network;
        var architecture = result.Architecture.Cnn!;

        var values = TrainingClips.SelectMany(c => c.Mel.Values.ToArray()).Select(v => (double)v).ToArray();
        var mean = values.Average();
        var deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(3, architecture.LabelCount);
        Assert.Equal(SyntheticClips.SmallCnn.BlockChannels, architecture.BlockChannels);
        Assert.Equal(mean, architecture.InputMean, 1e-6);
        Assert.Equal(deviation, architecture.InputStandardDeviation, 1e-6);
        Assert.Same(architecture, network.Options);
    }

    [Fact]
    public void Same_seed_and_data_give_bit_identical_networks_and_another_seed_differs()
    {
        var options = Quick with { Epochs = 2 };

        float[] first, second, otherSeed;
        using (var network = Train(options).Network)
            first = LogitsOnFixedInput((GenreCnn)network);
        using (var network = Train(options).Network)
            second = LogitsOnFixedInput((GenreCnn)network);
        using (var network = Train(options with { Seed = options.Seed + 1 }).Network)
            otherSeed = LogitsOnFixedInput((GenreCnn)network);

        Assert.All(first, v => Assert.True(float.IsFinite(v), $"logit {v} is not finite"));
        Assert.Equal(first, second);
        var largest = first.Zip(otherSeed, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest > 1e-3, $"seeds {options.Seed} and {options.Seed + 1} gave logits within {largest:E2} of each other");
    }

    [Fact]
    public void Early_stopping_ends_patience_epochs_after_the_best_and_keeps_the_best_epoch()
    {
        // Validation labels are shifted by one: the better the network learns the training clips, the worse it
        // scores on validation, so the score stops improving within the first epochs.
        var misleading = ValidationClips.Select(c => c with { Clip = c.Clip with { LabelIndex = (c.Clip.LabelIndex + 1) % 3 } }).ToArray();
        var options = Quick with { Patience = 1, Epochs = 8 };

        var result = Train(options, misleading);
        using var network = result.Network;

        var history = result.History;
        Assert.All(history, r => Assert.True(double.IsFinite(r.TrainLoss) && double.IsFinite(r.Validation!.Loss),
            $"epoch {r.Epoch}: training loss {r.TrainLoss}, validation loss {r.Validation!.Loss}"));
        Assert.True(history.Count < options.Epochs, $"ran all {history.Count} epochs although validation never improved for long");
        AssertEarlyStoppingRule(result, options.Patience!.Value, options.Epochs);
    }

    [Fact]
    public void Without_validation_all_epochs_run_and_the_last_is_kept()
    {
        var options = Quick with { Epochs = 2, Patience = 1 };

        var result = Train(options);
        using var network = result.Network;

        Assert.Equal(2, result.History.Count);
        Assert.Equal(2, result.KeptEpoch);
        Assert.All(result.History, r => Assert.Null(r.Validation));
        Assert.All(result.History, r => Assert.True(double.IsFinite(r.TrainLoss), $"epoch {r.Epoch}: training loss {r.TrainLoss}"));
    }

    /// <summary>
    /// The documented rule: the kept epoch has the best score (balanced accuracy, loss breaking ties) and is the only
    /// one after which no later epoch was better; training ends when <paramref name="patience"/> epochs pass without a
    /// new best, or at <paramref name="epochs"/>.
    /// </summary>
    private static void AssertEarlyStoppingRule(TrainingResult result, int patience, int epochs)
    {
        var history = result.History;
        static double Score(EpochReport r) => r.Validation!.BalancedAccuracy - 1e-6 * r.Validation.Loss;
        var best = history.Select(Score).Max();
        Assert.Equal(best, Score(history[result.KeptEpoch - 1]));
        Assert.Equal(result.KeptEpoch, history.Where(r => r.IsBest).Max(r => r.Epoch));
        Assert.True(history.Count <= result.KeptEpoch + patience,
            $"{history.Count} epochs ran, more than kept epoch {result.KeptEpoch} + patience {patience}");
        if (history.Count < epochs)
            Assert.Equal(result.KeptEpoch + patience, history.Count);
        var running = double.NegativeInfinity;
        foreach (var report in history)
        {
            Assert.Equal(Score(report) > running, report.IsBest);
            running = Math.Max(running, Score(report));
        }
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
