using System.Diagnostics;
using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using MelGenre.Model.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>
/// Fits a <see cref="GenreCnn"/> to labelled clips: random 3 s crops of each clip every epoch, SpecAugment masks,
/// optional mixup, class-weighted cross-entropy, AdamW with a one-cycle learning rate, and an exponential moving
/// average of the weights that is what gets validated and kept. Seeded: the same inputs, options and thread count
/// give the same network.
/// </summary>
/// <remarks>Uses libtorch's process-wide random generator: one training at a time per process.</remarks>
public sealed class GenreTrainer
{
    private readonly TrainingOptions _options;
    private readonly GenreCnnOptions _architecture;
    private readonly Segmenter _segmenter;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Optimisation and augmentation settings.</param>
    /// <param name="architecture">Network shape; its label count and input standardisation are set by
    /// <see cref="Train"/> from the data.</param>
    /// <param name="patchFrames">Frames per training and evaluation patch; default <see cref="Segmenter.DefaultPatchFrames"/>.</param>
    public GenreTrainer(TrainingOptions options, GenreCnnOptions? architecture = null, int patchFrames = Segmenter.DefaultPatchFrames)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _architecture = architecture ?? new GenreCnnOptions { LabelCount = 2 };
        _segmenter = new Segmenter(patchFrames, options.EvaluationHopFrames);
    }

    /// <summary>Trains a network.</summary>
    /// <param name="labels">The label set; <see cref="LabeledClip.LabelIndex"/> indexes it.</param>
    /// <param name="training">Clips to learn from.</param>
    /// <param name="validation">Clips to validate on after every epoch (early stopping, best weights); null or
    /// empty trains all epochs and keeps the last weights.</param>
    /// <param name="progress">Receives one report per epoch.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">Fewer than two labels, no training clips, a label index out of range or
    /// spectrograms of different mel counts.</exception>
    /// <exception cref="TrainingDivergedException">The training loss stopped being finite.</exception>
    public TrainingResult Train(IReadOnlyList<string> labels, IReadOnlyList<ClipFeatures> training,
        IReadOnlyList<ClipFeatures>? validation = null, IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        TrainingStart.CheckLabelsAndClips(labels, training);
        validation ??= [];
        CheckClips(labels.Count, training.Concat(validation));

        var clock = Stopwatch.StartNew();
        var sampler = TrainingStart.Seed(_options.Seed);
        var (mean, deviation) = InputStatistics(training);
        var architecture = _architecture with { LabelCount = labels.Count, InputMean = mean, InputStandardDeviation = deviation };

        var network = new GenreCnn(architecture);
        var averaged = new GenreCnn(architecture);
        var average = new WeightAverage(network, averaged, _options.WeightAverageDecay);
        var kept = _options.WeightAverageDecay > 0 ? averaged : network;
        using var classWeights = ClassWeights(labels.Count, training);
        var stepsPerEpoch = (CropCount(training) + _options.BatchSize - 1) / _options.BatchSize;
        using var optimizer = optim.AdamW(network.parameters(), lr: _options.LearningRate, weight_decay: _options.WeightDecay);
        var schedule = optim.lr_scheduler.OneCycleLR(optimizer, _options.LearningRate, total_steps: _options.Epochs * stepsPerEpoch);

        var outcome = EpochLoop.Run(_options, kept,
            () =>
            {
                network.train();
                return RunEpoch(network, average, optimizer, schedule, classWeights, training, sampler, cancellationToken);
            },
            validation.Count > 0 ? () => Validate(kept, labels, validation) : null,
            progress);
        (kept == network ? averaged : network).Dispose();
        kept.eval();
        return new TrainingResult(kept, ModelArchitecture.ForCnn(architecture), outcome.History, outcome.KeptEpoch,
            clock.Elapsed.TotalSeconds, _options.Seed, _segmenter.PatchFrames, _segmenter.HopFrames);
    }

    private EpochTraining RunEpoch(GenreCnn network, WeightAverage average, optim.Optimizer optimizer,
        optim.lr_scheduler.LRScheduler schedule, Tensor classWeights, IReadOnlyList<ClipFeatures> training, Random sampler,
        CancellationToken cancellationToken)
    {
        var crops = new List<(MelSpectrogram Mel, int Start, int Label)>();
        foreach (var clip in training)
        {
            var mel = clip.Mel;
            var count = CropsOf(mel.FrameCount);
            for (var i = 0; i < count; i++)
                crops.Add((mel, sampler.Next(Math.Max(1, mel.FrameCount - _segmenter.PatchFrames + 1)), clip.Clip.LabelIndex));
        }
        sampler.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(crops));

        double lossSum = 0, correct = 0;
        for (var first = 0; first < crops.Count; first += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = crops.GetRange(first, Math.Min(_options.BatchSize, crops.Count - first));
            var inputs = ClipPatches.Batch(_segmenter, batch.Select(c => (c.Mel, c.Start)).ToArray());
            var targets = tensor(batch.Select(c => (long)c.Label).ToArray());
            inputs = SpecAugment(inputs, network.Options.InputMean, sampler);

            Tensor logits, loss;
            if (_options.MixupAlpha > 0)
            {
                // λ ~ Beta(α, α) is symmetric, so mixing in λ of a shuffled batch is the same as mixup's (1 − λ).
                var weight = MixupWeight(_options.MixupAlpha);
                var order = randperm(batch.Count);
                logits = network.forward(inputs.lerp(inputs.index_select(0, order), weight));
                loss = nn.functional.cross_entropy(logits, targets, classWeights)
                    .lerp(nn.functional.cross_entropy(logits, targets.index_select(0, order), classWeights), weight);
            }
            else
            {
                logits = network.forward(inputs);
                loss = nn.functional.cross_entropy(logits, targets, classWeights);
            }
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            schedule.step();
            average.Update();

            lossSum += loss.item<float>() * batch.Count;
            correct += logits.argmax(1).eq(targets).sum().item<long>();
        }
        return new EpochTraining(lossSum / crops.Count, correct / crops.Count, crops.Count);
    }

    /// <summary>SpecAugment (Park et al. 2019) without time warping: per patch, bands of mels and runs of frames
    /// (each of a width uniform in [0, max]) set to the input mean, which the network's standardisation maps to zero.</summary>
    private Tensor SpecAugment(Tensor inputs, double inputMean, Random sampler)
    {
        if (_options.FrequencyMasks == 0 && _options.TimeMasks == 0)
            return inputs;
        var shape = inputs.shape;
        int batch = (int)shape[0], mels = (int)shape[2], frames = (int)shape[3];
        var maskedMels = new bool[batch * mels];
        var maskedFrames = new bool[batch * frames];
        for (var b = 0; b < batch; b++)
        {
            for (var m = 0; m < _options.FrequencyMasks; m++)
                MaskRun(maskedMels.AsSpan(b * mels, mels), _options.MaxFrequencyMaskBands, sampler);
            for (var m = 0; m < _options.TimeMasks; m++)
                MaskRun(maskedFrames.AsSpan(b * frames, frames), _options.MaxTimeMaskFrames, sampler);
        }
        var masked = tensor(maskedMels, [batch, 1, mels, 1]).logical_or(tensor(maskedFrames, [batch, 1, 1, frames]));
        using var fill = inputMean.ToScalar();
        return inputs.masked_fill(masked, fill);
    }

    private static void MaskRun(Span<bool> masked, int maxWidth, Random sampler)
    {
        var width = sampler.Next(Math.Min(maxWidth, masked.Length) + 1);
        masked.Slice(sampler.Next(masked.Length - width + 1), width).Fill(true);
    }

    /// <summary>Mixup's weight λ ~ Beta(α, α), drawn from libtorch's seeded generator, as a 0-d tensor.</summary>
    private static Tensor MixupWeight(double alpha)
    {
        var concentration = tensor(alpha, ScalarType.Float32);
        return distributions.Beta(concentration, concentration).sample();
    }

    private ValidationScore Validate(GenreCnn network, IReadOnlyList<string> labels, IReadOnlyList<ClipFeatures> clips)
    {
        network.eval();
        var tally = new ValidationTally(labels);
        foreach (var clip in clips)
            tally.Add(clip.Clip.LabelIndex,
                new ClipScores(labels, clip.Mel, _segmenter, PatchScoring.PatchProbabilities([network], _segmenter, clip.Mel)).Probabilities);
        return tally.Score();
    }

    private int CropsOf(int frameCount) =>
        Math.Max(1, (int)Math.Round(_options.CropsPerPatchLength * frameCount / _segmenter.PatchFrames));

    private int CropCount(IReadOnlyList<ClipFeatures> clips) => clips.Sum(c => CropsOf(c.Mel.FrameCount));

    private Tensor ClassWeights(int labelCount, IReadOnlyList<ClipFeatures> training)
    {
        var counts = new double[labelCount];
        foreach (var clip in training)
            counts[clip.Clip.LabelIndex] += CropsOf(clip.Mel.FrameCount);
        return Training.ClassWeights.Of(counts, _options.ClassWeightPower);
    }

    /// <summary>Mean and standard deviation of every training value, in dB, for the network's input standardisation.</summary>
    private static (double Mean, double StandardDeviation) InputStatistics(IReadOnlyList<ClipFeatures> clips)
    {
        double sum = 0, sumOfSquares = 0;
        long count = 0;
        foreach (var clip in clips)
        {
            foreach (var v in clip.Mel.Values.Span)
            {
                sum += v;
                sumOfSquares += (double)v * v;
            }
            count += clip.Mel.Values.Length;
        }
        var mean = sum / count;
        var deviation = Math.Sqrt(Math.Max(sumOfSquares / count - mean * mean, 0));
        return (mean, deviation > 1e-6 ? deviation : 1);
    }

    private void CheckClips(int labelCount, IEnumerable<ClipFeatures> clips)
    {
        int? melCount = null;
        foreach (var clip in clips)
        {
            if (clip.Clip.LabelIndex < 0 || clip.Clip.LabelIndex >= labelCount)
                throw new ArgumentException($"{clip.Clip.RelativePath}: label index {clip.Clip.LabelIndex} is outside the {labelCount} labels.");
            melCount ??= clip.Mel.MelCount;
            if (clip.Mel.MelCount != melCount)
                throw new ArgumentException($"{clip.Clip.RelativePath}: {clip.Mel.MelCount} mel bands, other clips have {melCount}.");
            if (clip.Mel.FrameCount == 0)
                throw new ArgumentException($"{clip.Clip.RelativePath}: empty spectrogram.");
        }
    }
}
