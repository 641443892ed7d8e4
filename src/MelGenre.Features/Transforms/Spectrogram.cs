namespace MelGenre.Features.Transforms;

/// <summary>
/// A linear-frequency spectrogram: <see cref="BinCount"/> one-sided FFT bins (<c>1 + n_fft / 2</c>, bin <c>k</c> at
/// <c>k × sr / n_fft</c> Hz) by <see cref="FrameCount"/> frames, float32, row-major <c>[bin][frame]</c> as librosa
/// returns <c>|stft(y)|**power</c>. Immutable.
/// </summary>
public sealed class Spectrogram
{
    private readonly float[] _values;

    /// <summary>Wraps <paramref name="values"/> (row-major <c>[bin][frame]</c>, handed over, not copied).</summary>
    /// <exception cref="ArgumentException">A value count that is not <c>bins × frames</c>.</exception>
    public Spectrogram(float[] values, int binCount, int frameCount, int fftSize, int hopLength, SpectrogramScale scale)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(binCount);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        if (values.Length != binCount * frameCount)
            throw new ArgumentException($"{values.Length} values for {binCount} bins × {frameCount} frames.", nameof(values));
        _values = values;
        BinCount = binCount;
        FrameCount = frameCount;
        FftSize = fftSize;
        HopLength = hopLength;
        Scale = scale;
    }

    /// <summary>Number of frequency bins (rows).</summary>
    public int BinCount { get; }

    /// <summary>Number of frames (columns).</summary>
    public int FrameCount { get; }

    /// <summary>The FFT length the bins come from.</summary>
    public int FftSize { get; }

    /// <summary>Samples between frames.</summary>
    public int HopLength { get; }

    /// <summary>What the values measure.</summary>
    public SpectrogramScale Scale { get; }

    /// <summary>All values, row-major <c>[bin][frame]</c>.</summary>
    public ReadOnlyMemory<float> Values => _values;

    /// <summary>The value of <paramref name="bin"/> at <paramref name="frame"/>.</summary>
    public float this[int bin, int frame] => _values[bin * FrameCount + frame];

    /// <summary>One bin across all frames.</summary>
    public ReadOnlySpan<float> Bin(int bin) => _values.AsSpan(bin * FrameCount, FrameCount);

    /// <summary>
    /// This spectrogram in decibels: <c>amplitude_to_db</c> of a magnitude spectrogram, <c>power_to_db</c> of a power
    /// one (defaults as <see cref="Decibels"/>: reference 1.0, top_db 80).
    /// </summary>
    /// <exception cref="InvalidOperationException">The spectrogram is already in decibels.</exception>
    public Spectrogram ToDecibels(DecibelReference? reference = null, double? topDb = Decibels.DefaultTopDb)
    {
        var decibels = new float[_values.Length];
        switch (Scale)
        {
            case SpectrogramScale.Magnitude:
                Decibels.AmplitudeToDb(_values, decibels, reference, Decibels.DefaultAmplitudeAmin, topDb);
                break;
            case SpectrogramScale.Power:
                Decibels.PowerToDb(_values, decibels, reference, Decibels.DefaultPowerAmin, topDb);
                break;
            default:
                throw new InvalidOperationException("The spectrogram is already in decibels.");
        }
        return new Spectrogram(decibels, BinCount, FrameCount, FftSize, HopLength, SpectrogramScale.Decibels);
    }
}
