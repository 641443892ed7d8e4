namespace MelGenre.Features.Mel;

/// <summary>
/// Hz ↔ mel conversions and frequency grids as librosa 0.10.2 computes them, in float64.
/// Slaney (the default): linear below 1 kHz (200/3 Hz per mel), logarithmic above (27 mels per factor 6.4).
/// HTK: <c>2595 · log10(1 + f / 700)</c>.
/// </summary>
public static class MelScale
{
    private const double LinearHzPerMel = 200.0 / 3;
    private const double LogStartHz = 1000.0;
    private const double LogStartMel = LogStartHz / LinearHzPerMel;
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    /// <summary><c>librosa.hz_to_mel(frequency, htk)</c>.</summary>
    public static double HzToMel(double frequency, bool htk = false)
    {
        if (htk)
            return 2595.0 * Math.Log10(1.0 + frequency / 700.0);
        return frequency >= LogStartHz
            ? LogStartMel + Math.Log(frequency / LogStartHz) / LogStep
            : frequency / LinearHzPerMel;
    }

    /// <summary><c>librosa.mel_to_hz(mel, htk)</c>.</summary>
    public static double MelToHz(double mel, bool htk = false)
    {
        if (htk)
            return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
        return mel >= LogStartMel
            ? LogStartHz * Math.Exp(LogStep * (mel - LogStartMel))
            : LinearHzPerMel * mel;
    }

    /// <summary>
    /// <c>librosa.mel_frequencies(n_mels, fmin, fmax, htk)</c>: <paramref name="count"/> frequencies (Hz) evenly
    /// spaced in mel from <paramref name="minHz"/> to <paramref name="maxHz"/> inclusive (numpy <c>linspace</c>).
    /// </summary>
    public static double[] MelFrequencies(int count, double minHz, double maxHz, bool htk = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var minMel = HzToMel(minHz, htk);
        var maxMel = HzToMel(maxHz, htk);
        var frequencies = new double[count];
        var step = count > 1 ? (maxMel - minMel) / (count - 1) : 0;
        for (var i = 0; i < count; i++)
            frequencies[i] = MelToHz(i == count - 1 && count > 1 ? maxMel : i * step + minMel, htk);
        return frequencies;
    }

    /// <summary><c>librosa.fft_frequencies(sr, n_fft)</c> = <c>numpy.fft.rfftfreq(n_fft, 1/sr)</c>: <c>1 + n_fft/2</c> bin centres in Hz.</summary>
    public static double[] FftFrequencies(double sampleRate, int fftSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fftSize);
        var spacing = 1.0 / (fftSize * (1.0 / sampleRate));
        var frequencies = new double[fftSize / 2 + 1];
        for (var k = 0; k < frequencies.Length; k++)
            frequencies[k] = k * spacing;
        return frequencies;
    }
}
