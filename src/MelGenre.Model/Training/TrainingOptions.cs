namespace MelGenre.Model.Training;

/// <summary>
/// How <see cref="GenreTrainer"/> fits a network. The defaults are the settings chosen by artist-grouped validation
/// on GTZAN (see docs/MODEL.md); every one can be overridden.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training clips. Default 20.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Patches per optimisation step. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Peak learning rate of the one-cycle schedule (AdamW). Default 2e-3.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>AdamW's decoupled weight decay. Default 0.05.</summary>
    public double WeightDecay { get; init; } = 0.05;

    /// <summary>Seeds libtorch's generator (weights, dropout, masks) and the patch sampler. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Stop when the validation score has not improved for this many epochs (only with validation data);
    /// null trains all <see cref="Epochs"/>. Default 8.
    /// </summary>
    public int? Patience { get; init; } = 8;

    /// <summary>
    /// Exponent of the inverse-frequency class weights in the loss: weight = (N / (K · n_class))^power.
    /// 0 ignores imbalance, 1 balances classes fully. Default 0.5: rare genres count more, without letting a
    /// genre with one or two artists dominate.
    /// </summary>
    public double ClassWeightPower { get; init; } = 0.5;

    /// <summary>Random time crops drawn from each clip per epoch, per 3 s of audio. Default 1 (≈ 10 per 30 s clip).</summary>
    public double CropsPerPatchLength { get; init; } = 1;

    /// <summary>SpecAugment: number of frequency masks per patch. Default 2.</summary>
    public int FrequencyMasks { get; init; } = 2;

    /// <summary>SpecAugment: widest frequency mask, in mel bands. Default 16.</summary>
    public int MaxFrequencyMaskBands { get; init; } = 16;

    /// <summary>SpecAugment: number of time masks per patch. Default 2.</summary>
    public int TimeMasks { get; init; } = 2;

    /// <summary>SpecAugment: widest time mask, in frames. Default 20.</summary>
    public int MaxTimeMaskFrames { get; init; } = 20;

    /// <summary>Mixup's Beta(α, α) parameter; 0 disables mixup. Default 0.4.</summary>
    public double MixupAlpha { get; init; } = 0.4;

    /// <summary>
    /// Decay of the exponential moving average of the weights that is evaluated and saved; 0 uses the raw
    /// weights. Averaging removes most of the epoch-to-epoch swing of validation accuracy. Default 0.998.
    /// </summary>
    public double WeightAverageDecay { get; init; } = 0.998;

    /// <summary>Hop between the patches scored for a validation clip, in frames. Default 65 (half a patch).</summary>
    public int EvaluationHopFrames { get; init; } = 65;

    /// <summary>
    /// Settings for <see cref="EmbeddingHeadTrainer"/>, as measured in docs/RESNET18.md: 40 epochs of batch 64 at a
    /// constant learning rate of 1e-3 (AdamW, weight decay 1e-2), inverse-frequency class weights (power 1), raw weights
    /// (no moving average), no mixup; patience 10.
    /// </summary>
    public static TrainingOptions ForEmbeddingHead { get; } = new()
    {
        Epochs = 40,
        BatchSize = 64,
        LearningRate = 1e-3,
        WeightDecay = 1e-2,
        ClassWeightPower = 1,
        MixupAlpha = 0,
        WeightAverageDecay = 0,
        Patience = 10,
    };

    /// <summary>Checks that every value is in its valid range.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 2 || !(LearningRate > 0) || WeightDecay < 0 || Patience < 1 ||
            ClassWeightPower < 0 || !(CropsPerPatchLength > 0) || FrequencyMasks < 0 || TimeMasks < 0 ||
            MaxFrequencyMaskBands < 0 || MaxTimeMaskFrames < 0 || MixupAlpha < 0 ||
            WeightAverageDecay is < 0 or >= 1 || EvaluationHopFrames < 1)
            throw new ArgumentException($"Invalid training options: {this}");
    }
}
