using MelGenre.Features.Transforms;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// <c>librosa.effects.hpss(y)</c> (0.10.2): harmonic/percussive source separation by median filtering of the STFT
/// magnitude (<c>decompose.hpss</c>, Fitzgerald 2010), with librosa's defaults: <c>kernel_size=31</c> for both
/// filters (31 frames along time for the harmonic part, 31 bins along frequency for the percussive part,
/// <c>mode='reflect'</c>), soft masks <c>H^p / (H^p + P^p)</c> with <c>power=2</c>, <c>margin=1</c> (cells where both
/// medians are below float32's smallest normal get 0.5 each), then <c>istft</c> of the masked STFT back to signals
/// of the input's length. STFT as <see cref="StftOptions"/>' defaults (n_fft 2048, hop 512, Hann, centred, zero padding).
/// Not thread-safe (owns its buffers): use one instance per thread.
/// </summary>
public sealed class HarmonicPercussiveSeparation
{
    /// <summary>librosa's <c>kernel_size</c>: 31.</summary>
    public const int DefaultKernelSize = 31;

    private readonly MedianFilter _filter;
    private readonly ShortTimeFourierTransform _stft;
    private readonly InverseShortTimeFourierTransform _istft;
    private float[] _transposed = [], _harmonicMedian = [], _percussiveMedian = [], _byFrame = [];
    private float[] _maskedReal = [], _maskedImaginary = [];

    /// <summary>Precomputes STFT, inverse STFT and the median filter.</summary>
    /// <param name="kernelSize">Median filter length in frames and in bins (odd). Default 31.</param>
    /// <param name="options">STFT parameters (null: librosa's defaults); power-of-two <c>n_fft</c>, centred.</param>
    /// <param name="truncatedLength">
    /// librosa ≤ 0.9's output: the signals end after <c>hop · (frames − 1)</c> samples, zeros after. Default false.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An even or non-positive kernel, or unsupported STFT options.</exception>
    public HarmonicPercussiveSeparation(int kernelSize = DefaultKernelSize, StftOptions? options = null, bool truncatedLength = false)
    {
        TruncatedLength = truncatedLength;
        _filter = new MedianFilter(kernelSize);
        _stft = new ShortTimeFourierTransform(options);
        _istft = new InverseShortTimeFourierTransform(options);
    }

    /// <summary>Whether the signals are cut as librosa ≤ 0.9 cut them (see the constructor).</summary>
    public bool TruncatedLength { get; }

    /// <summary>The harmonic and percussive signals of <paramref name="samples"/>, each as long as the input.</summary>
    /// <exception cref="ArgumentException">A signal too short for the STFT.</exception>
    public HarmonicPercussiveSignals Separate(ReadOnlySpan<float> samples)
    {
        var bins = _stft.Options.BinCount;
        var frames = _stft.Prepare(samples);
        var real = new float[frames * bins];
        var imaginary = new float[frames * bins];
        var magnitude = new float[frames * bins];
        var power = new float[bins];
        for (var t = 0; t < frames; t++)
        {
            var re = real.AsSpan(t * bins, bins);
            var im = imaginary.AsSpan(t * bins, bins);
            _stft.ComplexFrame(samples, t, re, im);
            MusicFeatures.Magnitude(re, im, magnitude.AsSpan(t * bins, bins), power);
        }
        var harmonic = new float[samples.Length];
        var percussive = new float[samples.Length];
        Separate(real, imaginary, magnitude, harmonic, percussive);
        return new HarmonicPercussiveSignals(harmonic, percussive);
    }

    /// <summary>
    /// The separation from a precomputed STFT, frame-major <c>[frame][bin]</c>: <paramref name="real"/>,
    /// <paramref name="imaginary"/> and <paramref name="magnitude"/> (<c>|X|</c>) of the same shape; the
    /// signals go to <paramref name="harmonic"/> and <paramref name="percussive"/>, each the original signal's length.
    /// </summary>
    /// <exception cref="ArgumentException">Spectra of different or non-frame lengths, or outputs of different lengths.</exception>
    public void Separate(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, ReadOnlySpan<float> magnitude,
        Span<float> harmonic, Span<float> percussive)
    {
        var bins = _stft.Options.BinCount;
        var count = magnitude.Length;
        if (real.Length != count || imaginary.Length != count || count % bins != 0)
            throw new ArgumentException($"Expected three spectra of whole {bins}-bin frames.", nameof(magnitude));
        if (harmonic.Length != percussive.Length)
            throw new ArgumentException("The harmonic and percussive outputs differ in length.", nameof(percussive));
        var frames = count / bins;
        Grow(ref _harmonicMedian, count);
        Grow(ref _percussiveMedian, count);
        Grow(ref _transposed, count);
        Grow(ref _byFrame, count);
        Grow(ref _maskedReal, count);
        Grow(ref _maskedImaginary, count);

        // Harmonic: along time, i.e. down the columns (bins) of the [frame][bin] matrix.
        _filter.FilterColumns(magnitude, frames, bins, _harmonicMedian.AsSpan(0, count));
        // Percussive: along frequency, down the columns (frames) of the transposed [bin][frame] matrix.
        Transpose(magnitude, frames, bins, _transposed);
        _filter.FilterColumns(_transposed.AsSpan(0, count), bins, frames, _byFrame.AsSpan(0, count));
        Transpose(_byFrame.AsSpan(0, count), bins, frames, _percussiveMedian);

        // librosa ≤ 0.9 inverted hop · (frames − 1) samples and zero-filled the rest.
        var inverted = TruncatedLength ? Math.Min(harmonic.Length, _stft.Options.HopLength * (frames - 1)) : harmonic.Length;
        ApplyMask(real, imaginary, _harmonicMedian, _percussiveMedian, count);
        _istft.Inverse(_maskedReal.AsSpan(0, count), _maskedImaginary.AsSpan(0, count), harmonic[..inverted]);
        ApplyMask(real, imaginary, _percussiveMedian, _harmonicMedian, count);
        _istft.Inverse(_maskedReal.AsSpan(0, count), _maskedImaginary.AsSpan(0, count), percussive[..inverted]);
        harmonic[inverted..].Clear();
        percussive[inverted..].Clear();
    }

    // librosa.util.softmask(X, X_ref, power=2, split_zeros=True) in float32, applied to the complex STFT.
    private void ApplyMask(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, float[] own, float[] other, int count)
    {
        for (var i = 0; i < count; i++)
        {
            float x = own[i], reference = other[i];
            var z = MathF.Max(x, reference);
            float mask;
            if (z < Tiny.Single)
            {
                mask = 0.5f;
            }
            else
            {
                float a = x / z, b = reference / z;
                a *= a;
                b *= b;
                mask = a / (a + b);
            }
            _maskedReal[i] = real[i] * mask;
            _maskedImaginary[i] = imaginary[i] * mask;
        }
    }

    private static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        const int Block = 32;
        for (var r0 = 0; r0 < rows; r0 += Block)
        {
            for (var c0 = 0; c0 < columns; c0 += Block)
            {
                int rEnd = Math.Min(r0 + Block, rows), cEnd = Math.Min(c0 + Block, columns);
                for (var r = r0; r < rEnd; r++)
                {
                    for (var c = c0; c < cEnd; c++)
                        destination[c * rows + r] = source[r * columns + c];
                }
            }
        }
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new float[length];
    }
}

/// <summary>The two signals <see cref="HarmonicPercussiveSeparation"/> returns, each as long as its input.</summary>
/// <param name="Harmonic">The harmonic part (<c>y_harmonic</c>).</param>
/// <param name="Percussive">The percussive part (<c>y_percussive</c>).</param>
public sealed record HarmonicPercussiveSignals(float[] Harmonic, float[] Percussive);
