namespace MelGenre.Features.Windows;

/// <summary>The Hann window, as <c>scipy.signal.get_window('hann', n, fftbins=True)</c> builds it for librosa.</summary>
public static class HannWindow
{
    /// <summary>
    /// A Hann window of <paramref name="length"/> points in float64. Periodic (librosa's STFT window,
    /// <c>fftbins=True</c>, the default) is the first <c>length</c> points of a symmetric window of
    /// <c>length + 1</c>; symmetric ends on a zero at both sides.
    /// </summary>
    /// <remarks>Computed as scipy does: <c>0.5 + 0.5 cos(f)</c> for <c>f = linspace(-π, π, M)</c>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A negative length.</exception>
    public static double[] Create(int length, bool periodic = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= 1)
            return [.. Enumerable.Repeat(1.0, length)];
        var points = periodic ? length + 1 : length;
        // numpy.linspace: start + i * step, with the last point pinned to stop.
        var step = 2 * Math.PI / (points - 1);
        var window = new double[length];
        for (var i = 0; i < length; i++)
        {
            var phase = i == points - 1 ? Math.PI : -Math.PI + i * step;
            window[i] = 0.5 + 0.5 * Math.Cos(phase);
        }
        return window;
    }

    /// <summary>
    /// The analysis window librosa's STFT applies: a periodic Hann of <paramref name="windowLength"/> points centred
    /// (zero-padded on both sides, <c>librosa.util.pad_center</c>) in <paramref name="fftSize"/> points, as float32.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A window longer than the FFT, or a non-positive size.</exception>
    public static float[] ForStft(int fftSize, int windowLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowLength, fftSize);
        var window = Create(windowLength);
        var padded = new float[fftSize];
        var offset = (fftSize - windowLength) / 2;
        for (var i = 0; i < windowLength; i++)
            padded[offset + i] = (float)window[i];
        return padded;
    }
}
