using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// <c>librosa.effects.hpss(y)</c> (0.10.2): harmonic/percussive source separation by median filtering of the STFT
/// magnitude (<c>decompose.hpss</c>, Fitzgerald 2010), with librosa's defaults: <c>kernel_size=31</c> for both
/// filters (31 frames along time for the harmonic part, 31 bins along frequency for the percussive part,
/// <c>mode='reflect'</c>), soft masks <c>H^p / (H^p + P^p)</c> with <c>power=2</c>, <c>margin=1</c> (cells where both
/// medians are below float32's smallest normal get 0.5 each), then <c>istft</c> of the masked STFT back to signals
/// of the input's length. The two masks sum to one and the inverse STFT is linear and inverts the STFT, so the
/// percussive signal is taken as the input minus the harmonic one (one inverse STFT instead of two; it differs from
/// librosa's by float32 rounding). STFT as <see cref="StftOptions"/>' defaults (n_fft 2048, hop 512, Hann, centred, zero padding).
/// Not thread-safe (owns its buffers): use one instance per thread.
/// </summary>
public sealed class HarmonicPercussiveSeparation
{
    /// <summary>librosa's <c>kernel_size</c>: 31.</summary>
    public const int DefaultKernelSize = 31;

    private readonly MedianFilter _filter;
    private readonly ShortTimeFourierTransform _stft;
    private readonly InverseShortTimeFourierTransform _istft;
    private readonly float[] _power;
    private float[] _harmonicMedian = [], _percussiveMedian = [];
    private float[] _maskedReal = [], _maskedImaginary = [];
    // The STFT of Separate(samples), reused from clip to clip.
    private float[] _real = [], _imaginary = [], _magnitude = [];

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
        _power = new float[_stft.Options.BinCount];
    }

    /// <summary>Whether the signals are cut as librosa ≤ 0.9 cut them (see the constructor).</summary>
    public bool TruncatedLength { get; }

    /// <summary>The harmonic and percussive signals of <paramref name="samples"/>, each as long as the input.</summary>
    /// <exception cref="ArgumentException">A signal too short for the STFT.</exception>
    public HarmonicPercussiveSignals Separate(ReadOnlySpan<float> samples)
    {
        var bins = _stft.Options.BinCount;
        var frames = _stft.Prepare(samples);
        var cells = frames * bins;
        Grow(ref _real, cells);
        Grow(ref _imaginary, cells);
        Grow(ref _magnitude, cells);
        var real = _real.AsSpan(0, cells);
        var imaginary = _imaginary.AsSpan(0, cells);
        var magnitude = _magnitude.AsSpan(0, cells);
        for (var t = 0; t < frames; t++)
        {
            var re = real.Slice(t * bins, bins);
            var im = imaginary.Slice(t * bins, bins);
            _stft.ComplexFrame(samples, t, re, im);
            MusicFeatures.Magnitude(re, im, magnitude.Slice(t * bins, bins), _power);
        }
        var harmonic = new float[samples.Length];
        var percussive = new float[samples.Length];
        Separate(samples, real, imaginary, magnitude, harmonic, percussive);
        return new HarmonicPercussiveSignals(harmonic, percussive);
    }

    /// <summary>
    /// The separation of <paramref name="samples"/> from their precomputed STFT, frame-major <c>[frame][bin]</c>:
    /// <paramref name="real"/>, <paramref name="imaginary"/> and <paramref name="magnitude"/> (<c>|X|</c>) of the same
    /// shape; the signals go to <paramref name="harmonic"/> and <paramref name="percussive"/>, each as long as the input.
    /// </summary>
    /// <exception cref="ArgumentException">Spectra of different or non-frame lengths, or outputs of other lengths than the input.</exception>
    public void Separate(ReadOnlySpan<float> samples, ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, ReadOnlySpan<float> magnitude,
        Span<float> harmonic, Span<float> percussive)
    {
        var bins = _stft.Options.BinCount;
        var count = magnitude.Length;
        if (real.Length != count || imaginary.Length != count || count % bins != 0)
            throw new ArgumentException($"Expected three spectra of whole {bins}-bin frames.", nameof(magnitude));
        if (harmonic.Length != samples.Length || percussive.Length != samples.Length)
            throw new ArgumentException($"Expected outputs of the input's {samples.Length} samples, got {harmonic.Length} and {percussive.Length}.", nameof(percussive));
        var frames = count / bins;
        Grow(ref _harmonicMedian, count);
        Grow(ref _percussiveMedian, count);
        Grow(ref _maskedReal, count);
        Grow(ref _maskedImaginary, count);

        // Harmonic: along time, down the columns (bins) of the [frame][bin] matrix; percussive: along frequency, its rows.
        _filter.FilterColumns(magnitude, frames, bins, _harmonicMedian.AsSpan(0, count));
        _filter.FilterRows(magnitude, frames, bins, _percussiveMedian.AsSpan(0, count));

        // librosa ≤ 0.9 inverted hop · (frames − 1) samples and zero-filled the rest.
        var inverted = TruncatedLength ? Math.Min(harmonic.Length, _stft.Options.HopLength * (frames - 1)) : harmonic.Length;
        ApplyMask(real, imaginary, _harmonicMedian, _percussiveMedian, count);
        _istft.Inverse(_maskedReal.AsSpan(0, count), _maskedImaginary.AsSpan(0, count), harmonic[..inverted]);
        Subtract(samples[..inverted], harmonic[..inverted], percussive[..inverted]);
        harmonic[inverted..].Clear();
        percussive[inverted..].Clear();
    }

    // librosa.util.softmask(X, X_ref, power=2, split_zeros=True) in float32, applied to the complex STFT; eight cells at
    // a time with the same float32 operations as the scalar tail, so the results are identical.
    private void ApplyMask(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, float[] own, float[] other, int count)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var re = ref MemoryMarshal.GetReference(real);
            ref var im = ref MemoryMarshal.GetReference(imaginary);
            var tiny = Vector256.Create(Tiny.Single);
            var half = Vector256.Create(0.5f);
            for (; i + Vector256<float>.Count <= count; i += Vector256<float>.Count)
            {
                var x = Vector256.Create(own.AsSpan(i, Vector256<float>.Count));
                var reference = Vector256.Create(other.AsSpan(i, Vector256<float>.Count));
                var z = Vector256.Max(x, reference);
                var a = x / z;
                var b = reference / z;
                a *= a;
                b *= b;
                var mask = Vector256.ConditionalSelect(Vector256.LessThan(z, tiny), half, a / (a + b));
                (Vector256.LoadUnsafe(ref re, (nuint)i) * mask).CopyTo(_maskedReal.AsSpan(i));
                (Vector256.LoadUnsafe(ref im, (nuint)i) * mask).CopyTo(_maskedImaginary.AsSpan(i));
            }
        }
        for (; i < count; i++)
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

    // difference = minuend − subtrahend, elementwise.
    private static void Subtract(ReadOnlySpan<float> minuend, ReadOnlySpan<float> subtrahend, Span<float> difference)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<float>.Count <= difference.Length; i += Vector256<float>.Count)
                (Vector256.Create(minuend.Slice(i, Vector256<float>.Count)) - Vector256.Create(subtrahend.Slice(i, Vector256<float>.Count))).CopyTo(difference[i..]);
        }
        for (; i < difference.Length; i++)
            difference[i] = minuend[i] - subtrahend[i];
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
