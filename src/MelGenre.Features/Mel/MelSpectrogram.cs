namespace MelGenre.Features.Mel;

/// <summary>
/// A mel spectrogram: <see cref="MelCount"/> bands by <see cref="FrameCount"/> frames, float32, row-major
/// <c>[mel][frame]</c> (librosa's layout), with the parameters that place it in time and frequency. Immutable.
/// </summary>
public sealed class MelSpectrogram
{
    private readonly float[] _values;

    /// <summary>Wraps <paramref name="values"/> (row-major <c>[mel][frame]</c>, handed over, not copied).</summary>
    /// <exception cref="ArgumentException">A value count that is not <c>mels × frames</c>.</exception>
    public MelSpectrogram(float[] values, int melCount, int frameCount, int sampleRate, int hopLength,
        double minFrequency, double maxFrequency, bool isDecibels)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(melCount);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        if (values.Length != melCount * frameCount)
            throw new ArgumentException($"{values.Length} values for {melCount} bands × {frameCount} frames.", nameof(values));
        _values = values;
        MelCount = melCount;
        FrameCount = frameCount;
        SampleRate = sampleRate;
        HopLength = hopLength;
        MinFrequency = minFrequency;
        MaxFrequency = maxFrequency;
        IsDecibels = isDecibels;
    }

    /// <summary>Number of mel bands (rows); row 0 is the lowest.</summary>
    public int MelCount { get; }

    /// <summary>Number of frames (columns); frame <c>t</c> is centred on sample <c>t × HopLength</c>.</summary>
    public int FrameCount { get; }

    /// <summary>Sample rate of the analysed signal, Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Samples between frames.</summary>
    public int HopLength { get; }

    /// <summary>Lower edge of the lowest band, Hz (<c>fmin</c>).</summary>
    public double MinFrequency { get; }

    /// <summary>Upper edge of the highest band, Hz (<c>fmax</c>).</summary>
    public double MaxFrequency { get; }

    /// <summary>True for decibels (<c>power_to_db</c>), false for mel power.</summary>
    public bool IsDecibels { get; }

    /// <summary>All values, row-major <c>[mel][frame]</c>.</summary>
    public ReadOnlyMemory<float> Values => _values;

    /// <summary>The value of band <paramref name="mel"/> at frame <paramref name="frame"/>.</summary>
    public float this[int mel, int frame] => _values[mel * FrameCount + frame];

    /// <summary>One band across all frames.</summary>
    public ReadOnlySpan<float> Band(int mel) => _values.AsSpan(mel * FrameCount, FrameCount);
}
