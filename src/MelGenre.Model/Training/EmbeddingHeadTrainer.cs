using System.Diagnostics;
using MelGenre.Model.Checkpoints;
using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>
/// Fits an <see cref="EmbeddingHead"/> to the cached backbone embeddings of labelled clips' patches (see
/// <see cref="EmbeddingCache"/>): every patch row is a training example with its clip's label; standardisation by the
/// training rows' per-feature mean and standard deviation; class-weighted cross-entropy; AdamW at a constant learning
/// rate; optionally an exponential moving average of the weights. Validation scores clips as a model does: the mean of
/// their patches' softmax. Seeded: the same inputs, options and thread count give the same head.
/// </summary>
/// <remarks>
/// Uses <see cref="TrainingOptions.Epochs"/>, <see cref="TrainingOptions.BatchSize"/>,
/// <see cref="TrainingOptions.LearningRate"/> (constant), <see cref="TrainingOptions.WeightDecay"/>,
/// <see cref="TrainingOptions.Seed"/>, <see cref="TrainingOptions.Patience"/>, <see cref="TrainingOptions.ClassWeightPower"/>
/// and <see cref="TrainingOptions.WeightAverageDecay"/>; the crop and augmentation settings do not apply to fixed
/// embeddings. <see cref="TrainingOptions.ForEmbeddingHead"/> holds the settings measured in docs/RESNET18.md.
/// Uses libtorch's process-wide random generator: one training at a time per process.
/// </remarks>
public sealed class EmbeddingHeadTrainer
{
    private readonly TrainingOptions _options;
    private readonly EmbeddingHeadOptions _architecture;
    private readonly Segmenter _layout;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Optimisation settings, e.g. <see cref="TrainingOptions.ForEmbeddingHead"/>.</param>
    /// <param name="architecture">Head shape, pictures and backbone the embeddings were made with; its label count is
    /// set by <see cref="Train"/> from the data.</param>
    /// <param name="layout">How the embedded patches were cut (the cache's <see cref="EmbeddingCache.Segmenter"/>); the
    /// model scores clips with the same patch length and hop.</param>
    public EmbeddingHeadTrainer(TrainingOptions options, EmbeddingHeadOptions architecture, Segmenter layout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(layout);
        options.Validate();
        _options = options;
        _architecture = architecture;
        _layout = layout;
    }

    /// <summary>Trains a head.</summary>
    /// <param name="labels">The label set; <see cref="LabeledClip.LabelIndex"/> indexes it.</param>
    /// <param name="training">Embeddings of the clips to learn from, one row per patch.</param>
    /// <param name="validation">Embeddings of clips to validate on after every epoch (early stopping, best weights);
    /// null or empty trains all epochs and keeps the last weights.</param>
    /// <param name="progress">Receives one report per epoch.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>The head (<see cref="TrainingResult.Network"/> is an <see cref="EmbeddingHead"/>) and its architecture.</returns>
    /// <exception cref="ArgumentException">Fewer than two labels, no training rows, a label index out of range, a clip
    /// without rows or rows not <see cref="EmbeddingHead.InputWidth"/> wide.</exception>
    public TrainingResult Train(IReadOnlyList<string> labels, IReadOnlyList<ClipEmbedding> training,
        IReadOnlyList<ClipEmbedding>? validation = null, IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        TrainingStart.CheckLabelsAndClips(labels, training);
        validation ??= [];
        CheckClips(labels.Count, training.Concat(validation));

        var clock = Stopwatch.StartNew();
        var sampler = TrainingStart.Seed(_options.Seed);
        var architecture = _architecture with { LabelCount = labels.Count };
        using var rows = RowsOf(training, out var rowLabels);
        using var targets = tensor(rowLabels);

        var head = new EmbeddingHead(architecture);
        var (mean, deviation) = Standardisation(training);
        head.SetStandardisation(mean, deviation);
        var averaged = new EmbeddingHead(architecture);
        var average = new WeightAverage(head, averaged, _options.WeightAverageDecay);
        var kept = _options.WeightAverageDecay > 0 ? averaged : head;
        var counts = new double[labels.Count];
        foreach (var label in rowLabels)
            counts[label]++;
        using var classWeights = ClassWeights.Of(counts, _options.ClassWeightPower);
        using var optimizer = optim.AdamW(head.parameters(), lr: _options.LearningRate, weight_decay: _options.WeightDecay);

        var outcome = EpochLoop.Run(_options, kept,
            () => RunEpoch(head, average, optimizer, classWeights, rows, targets, sampler, cancellationToken),
            validation.Count > 0 ? () => Validate(kept, labels, validation) : null,
            progress);
        (kept == head ? averaged : head).Dispose();
        kept.eval();
        return new TrainingResult(kept, ModelArchitecture.ForResNet18Mlp(architecture), outcome.History, outcome.KeptEpoch,
            clock.Elapsed.TotalSeconds, _options.Seed, _layout.PatchFrames, _layout.HopFrames);
    }

    private EpochTraining RunEpoch(EmbeddingHead head, WeightAverage average, optim.Optimizer optimizer, Tensor classWeights,
        Tensor rows, Tensor targets, Random sampler, CancellationToken cancellationToken)
    {
        head.train();
        var count = (int)rows.shape[0];
        var order = Enumerable.Range(0, count).ToArray();
        sampler.Shuffle(order);
        double lossSum = 0, correct = 0;
        for (var first = 0; first < count; first += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var size = Math.Min(_options.BatchSize, count - first);
            var batch = tensor(order.AsSpan(first, size).ToArray().Select(i => (long)i).ToArray());
            var batchTargets = targets.index_select(0, batch);
            var logits = head.forward(rows.index_select(0, batch));   // (batch, labels)
            var loss = nn.functional.cross_entropy(logits, batchTargets, classWeights);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            average.Update();

            lossSum += loss.item<float>() * size;
            correct += logits.argmax(1).eq(batchTargets).sum().item<long>();
        }
        return new EpochTraining(lossSum / count, correct / count, count);
    }

    private static ValidationScore Validate(EmbeddingHead head, IReadOnlyList<string> labels, IReadOnlyList<ClipEmbedding> clips)
    {
        head.eval();
        var tally = new ValidationTally(labels);
        using var noGrad = no_grad();
        foreach (var clip in clips)
        {
            using var scope = NewDisposeScope();
            var logits = head.forward(tensor(clip.Values, [clip.Count, clip.Width]));   // (patches, labels)
            var probabilities = nn.functional.softmax(logits, 1).mean([0]);              // (labels)
            tally.Add(clip.Clip.LabelIndex, probabilities.data<float>().ToArray());
        }
        return tally.Score();
    }

    /// <summary>Every training row, stacked: shape (rows, 512), and each row's label.</summary>
    private static Tensor RowsOf(IReadOnlyList<ClipEmbedding> clips, out long[] labels)
    {
        var total = clips.Sum(c => c.Count);
        var values = new float[total * EmbeddingHead.InputWidth];
        labels = new long[total];
        var row = 0;
        foreach (var clip in clips)
        {
            clip.Values.CopyTo(values, row * EmbeddingHead.InputWidth);
            labels.AsSpan(row, clip.Count).Fill(clip.Clip.LabelIndex);
            row += clip.Count;
        }
        return tensor(values, [total, EmbeddingHead.InputWidth]);
    }

    /// <summary>Per-feature mean and standard deviation of the training rows; a constant feature (e.g. a channel the
    /// backbone's final ReLU always zeroes) gets deviation 1.</summary>
    private static (float[] Mean, float[] Deviation) Standardisation(IReadOnlyList<ClipEmbedding> clips)
    {
        const int width = EmbeddingHead.InputWidth;
        var sum = new double[width];
        var sumOfSquares = new double[width];
        long count = 0;
        foreach (var clip in clips)
        {
            for (var r = 0; r < clip.Count; r++)
            {
                var row = clip.Row(r);
                for (var i = 0; i < width; i++)
                {
                    sum[i] += row[i];
                    sumOfSquares[i] += (double)row[i] * row[i];
                }
            }
            count += clip.Count;
        }
        var mean = new float[width];
        var deviation = new float[width];
        for (var i = 0; i < width; i++)
        {
            var m = sum[i] / count;
            var d = Math.Sqrt(Math.Max(sumOfSquares[i] / count - m * m, 0));
            mean[i] = (float)m;
            deviation[i] = d > 1e-6 ? (float)d : 1f;
        }
        return (mean, deviation);
    }

    private static void CheckClips(int labelCount, IEnumerable<ClipEmbedding> clips)
    {
        foreach (var clip in clips)
        {
            if (clip.Clip.LabelIndex < 0 || clip.Clip.LabelIndex >= labelCount)
                throw new ArgumentException($"{clip.Clip.RelativePath}: label index {clip.Clip.LabelIndex} is outside the {labelCount} labels.");
            if (clip.Width != EmbeddingHead.InputWidth)
                throw new ArgumentException($"{clip.Clip.RelativePath}: embeddings are {clip.Width} wide, the head reads {EmbeddingHead.InputWidth}.");
            if (clip.Count == 0)
                throw new ArgumentException($"{clip.Clip.RelativePath}: no embedded patches.");
        }
    }
}
