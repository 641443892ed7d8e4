namespace MelGenre.Model;

/// <summary>
/// Shape of a <see cref="GenreCnn"/>. Defaults: four blocks of 16, 32, 64 and 128 channels, dropout 0.5 before the
/// head. The network pools globally, so it accepts any patch of at least 16 × 16 (mels × frames); it is meant for
/// 128-band log-mel patches of about 130 frames (3 s at 22050 Hz, hop 512).
/// </summary>
public sealed record GenreCnnOptions
{
    /// <summary>Number of genres the head scores (output width). Required, at least 2.</summary>
    public required int LabelCount { get; init; }

    /// <summary>Output channels of the four convolution blocks, in order. Default 16, 32, 64, 128.</summary>
    public IReadOnlyList<int> BlockChannels { get; init; } = [16, 32, 64, 128];

    /// <summary>Probability of zeroing a pooled feature during training. Default 0.5.</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Subtracted from every input value before the first layer (the training data's mean, in dB).
    /// Default 0.</summary>
    public double InputMean { get; init; }

    /// <summary>Divides every input value after <see cref="InputMean"/> is subtracted (the training data's standard
    /// deviation, in dB), so the first layer sees values of unit scale. Default 1.</summary>
    public double InputStandardDeviation { get; init; } = 1;
}
