using MelGenre.Features.Mel;
using MelGenre.Features.Transforms;

namespace MelGenre.Plots;

/// <summary>
/// What a spectrogram picture shows: plain values (typically dB) with the axes they lie on. Features' named types
/// adapt to this, so Plots needs nothing from how they were computed.
/// </summary>
public sealed record SpectrogramImage
{
    /// <summary>Describes a spectrogram of <paramref name="rows"/> × <paramref name="frames"/> values.</summary>
    /// <param name="values">Row-major values <c>[rows][frames]</c> (row 0 = lowest frequency), usually dB.</param>
    /// <param name="rows">Frequency rows; must equal <c>frequencyAxis.RowCount</c>.</param>
    /// <param name="frames">Time frames (columns).</param>
    /// <param name="secondsPerFrame">Hop between frames in seconds, <c>hop_length / sr</c> (librosa default 512 / 22050).</param>
    /// <param name="frequencyAxis">What the rows are: <see cref="MelFrequencyAxis"/> or <see cref="LinearFrequencyAxis"/>.</param>
    /// <param name="unit">Unit written after the colour-bar numbers, "dB" by default ("" for none).</param>
    /// <exception cref="ArgumentException">Sizes that disagree with each other or with the axis.</exception>
    public SpectrogramImage(ReadOnlyMemory<float> values, int rows, int frames, double secondsPerFrame, FrequencyAxis frequencyAxis, string unit = "dB")
    {
        ArgumentNullException.ThrowIfNull(frequencyAxis);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        if (!(secondsPerFrame > 0 && double.IsFinite(secondsPerFrame)))
            throw new ArgumentOutOfRangeException(nameof(secondsPerFrame), secondsPerFrame, "Seconds per frame must be positive and finite.");
        if ((long)rows * frames != values.Length)
            throw new ArgumentException($"{values.Length} values do not fill {rows} rows × {frames} frames.", nameof(values));
        if (rows != frequencyAxis.RowCount)
            throw new ArgumentException($"{rows} rows, but the frequency axis {frequencyAxis} describes {frequencyAxis.RowCount}.", nameof(rows));
        Values = values;
        Rows = rows;
        Frames = frames;
        SecondsPerFrame = secondsPerFrame;
        FrequencyAxis = frequencyAxis;
        Unit = unit;
    }

    /// <summary>Row-major values <c>[rows][frames]</c>; row 0 is the lowest frequency.</summary>
    public ReadOnlyMemory<float> Values { get; }

    /// <summary>Number of frequency rows.</summary>
    public int Rows { get; }

    /// <summary>Number of time frames.</summary>
    public int Frames { get; }

    /// <summary>Seconds between frames (<c>hop_length / sr</c>); frame <c>f</c> spans <c>[f, f+1] × SecondsPerFrame</c> as in librosa.</summary>
    public double SecondsPerFrame { get; }

    /// <summary>What the rows are.</summary>
    public FrequencyAxis FrequencyAxis { get; }

    /// <summary>Unit after the colour-bar numbers ("dB").</summary>
    public string Unit { get; }

    /// <summary>Length of the time axis in seconds.</summary>
    public double DurationSeconds => Frames * SecondsPerFrame;

    /// <summary>A mel spectrogram (usually log-mel dB) on its mel axis.</summary>
    public static SpectrogramImage FromMel(MelSpectrogram mel)
    {
        ArgumentNullException.ThrowIfNull(mel);
        return new SpectrogramImage(mel.Values, mel.MelCount, mel.FrameCount, (double)mel.HopLength / mel.SampleRate,
            new MelFrequencyAxis(mel.MelCount, mel.MinFrequency, mel.MaxFrequency));
    }

    /// <summary>An STFT spectrogram (usually dB) taken at <paramref name="sampleRate"/> Hz, on a linear frequency axis.</summary>
    public static SpectrogramImage FromLinear(Spectrogram spectrogram, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(spectrogram);
        return new SpectrogramImage(spectrogram.Values, spectrogram.BinCount, spectrogram.FrameCount, (double)spectrogram.HopLength / sampleRate,
            new LinearFrequencyAxis(sampleRate, spectrogram.FftSize));
    }
}
