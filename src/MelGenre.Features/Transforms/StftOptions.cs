namespace MelGenre.Features.Transforms;

/// <summary>
/// Parameters of <c>librosa.stft</c> (0.10.2), with its defaults: <c>n_fft=2048</c>, <c>hop_length=512</c>,
/// <c>win_length=n_fft</c>, periodic Hann window, <c>center=True</c>, <c>pad_mode='constant'</c>.
/// </summary>
public sealed record StftOptions
{
    /// <summary>FFT length <c>n_fft</c> in samples. Default 2048. Powers of two take the fast path; any size ≥ 1 works.</summary>
    public int FftSize { get; init; } = 2048;

    /// <summary>Samples between successive frames, <c>hop_length</c>. Default 512.</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Hann window length <c>win_length</c>, centred and zero-padded to <see cref="FftSize"/>. Default null = <see cref="FftSize"/>.</summary>
    public int? WindowLength { get; init; }

    /// <summary>Whether frame <c>t</c> is centred on sample <c>t × hop</c> (padding both ends by <c>n_fft / 2</c>). Default true.</summary>
    public bool Center { get; init; } = true;

    /// <summary>Padding used when <see cref="Center"/> is set. Default <see cref="PadMode.Constant"/> (zeros).</summary>
    public PadMode PadMode { get; init; } = PadMode.Constant;

    /// <summary>The effective window length.</summary>
    public int EffectiveWindowLength => WindowLength ?? FftSize;

    /// <summary>Number of one-sided frequency bins, <c>1 + n_fft / 2</c>.</summary>
    public int BinCount => FftSize / 2 + 1;

    /// <summary>
    /// Number of frames for <paramref name="sampleCount"/> samples: <c>1 + len // hop</c> when centred (even
    /// <c>n_fft</c>), <c>1 + (len - n_fft) // hop</c> otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">An uncentred signal shorter than <c>n_fft</c> (librosa raises too).</exception>
    public int FrameCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        var padded = Center ? sampleCount + 2 * (FftSize / 2) : sampleCount;
        if (padded < FftSize)
            throw new ArgumentException($"n_fft={FftSize} is too large for {(Center ? "centred" : "uncentred")} analysis of {sampleCount} samples.", nameof(sampleCount));
        return 1 + (padded - FftSize) / HopLength;
    }

    /// <summary>Checks every parameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive size or hop, or a window longer than the FFT.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FftSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HopLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EffectiveWindowLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(EffectiveWindowLength, FftSize);
        if (!Enum.IsDefined(PadMode))
            throw new ArgumentOutOfRangeException(nameof(PadMode), PadMode, "Unknown pad mode.");
    }
}
