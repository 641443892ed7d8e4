using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MelGenre.Features.Windows;

namespace MelGenre.Features.Transforms;

/// <summary>
/// <c>librosa.istft(D, length=…)</c> (0.10.2) for the frames <see cref="ShortTimeFourierTransform"/> makes: each frame
/// is inverted (<c>irfft</c>), windowed by the same periodic Hann window, overlap-added at <c>t × hop − n_fft/2</c>
/// (centred), and the sum is divided by the window's sum of squares wherever that exceeds float32's smallest normal.
/// Uses <c>min(frames, ceil((length + n_fft) / hop))</c> frames as librosa does. Powers-of-two <c>n_fft</c> only.
/// Not thread-safe (owns its buffers): use one instance per thread.
/// </summary>
public sealed class InverseShortTimeFourierTransform
{
    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _frame;
    private float[] _sum = [];
    // The overlap-added squared window of the last frame count seen (the same for every clip of the same length).
    private float[] _windowSquares = [];
    private int _squaredFrames = -1;

    /// <summary>Precomputes window and FFT for <paramref name="options"/> (null: librosa's defaults; must be centred).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid or uncentred options.</exception>
    /// <exception cref="NotSupportedException">An FFT size that is not a power of two.</exception>
    public InverseShortTimeFourierTransform(StftOptions? options = null)
    {
        Options = options ?? new StftOptions();
        Options.Validate();
        if (!Options.Center)
            throw new ArgumentOutOfRangeException(nameof(options), "Only centred frames are supported.");
        _fft = new RealFft(Options.FftSize);
        if (!_fft.IsPowerOfTwo)
            throw new NotSupportedException($"The inverse STFT needs a power-of-two n_fft, not {Options.FftSize}.");
        _window = HannWindow.ForStft(Options.FftSize, Options.EffectiveWindowLength);
        _frame = new float[Options.FftSize];
    }

    /// <summary>The parameters.</summary>
    public StftOptions Options { get; }

    /// <summary>
    /// The signal of <paramref name="destination"/>.Length samples whose STFT is <paramref name="real"/> +
    /// i·<paramref name="imaginary"/>, both frame-major <c>[frame][bin]</c> (<c>1 + n_fft/2</c> bins per frame).
    /// </summary>
    /// <exception cref="ArgumentException">Spectra whose lengths are not a whole number of frames, or differ.</exception>
    public void Inverse(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> destination)
    {
        int n = Options.FftSize, hop = Options.HopLength, bins = Options.BinCount, half = n / 2;
        if (real.Length != imaginary.Length || real.Length % bins != 0)
            throw new ArgumentException($"Expected two spectra of whole {bins}-bin frames, got {real.Length} and {imaginary.Length} values.", nameof(real));
        var length = destination.Length;
        var frames = (int)Math.Min(real.Length / bins, ((long)length + 2 * half + hop - 1) / hop);
        var span = frames == 0 ? 0 : n + hop * (frames - 1);
        var sum = Grow(ref _sum, span);
        var squares = WindowSquares(frames, span);
        sum.Clear();
        for (var t = 0; t < frames; t++)
        {
            _fft.Inverse(real.Slice(t * bins, bins), imaginary.Slice(t * bins, bins), _frame);
            AddProduct(sum.Slice(t * hop, n), _window, _frame);
        }
        var available = Math.Max(0, Math.Min(length, span - half));
        destination[available..].Clear();
        if (available > 0)
            Normalize(sum.Slice(half, available), squares.Slice(half, available), destination[..available]);
    }

    private Span<float> WindowSquares(int frames, int span)
    {
        var squares = Grow(ref _windowSquares, span);
        if (frames != _squaredFrames)
        {
            squares.Clear();
            for (var t = 0; t < frames; t++)
                AddProduct(squares.Slice(t * Options.HopLength, Options.FftSize), _window, _window);
            _squaredFrames = frames;
        }
        return squares;
    }

    // destination = sum / squares where squares exceeds float32's smallest normal, else sum (librosa's window_sumsquare).
    private static void Normalize(ReadOnlySpan<float> sum, ReadOnlySpan<float> squares, Span<float> destination)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var tiny = Vector256.Create(Descriptors.Tiny.Single);
            for (; j + Vector256<float>.Count <= destination.Length; j += Vector256<float>.Count)
            {
                var value = Vector256.Create(sum.Slice(j, Vector256<float>.Count));
                var weight = Vector256.Create(squares.Slice(j, Vector256<float>.Count));
                Vector256.ConditionalSelect(Vector256.GreaterThan(weight, tiny), value / weight, value).CopyTo(destination[j..]);
            }
        }
        for (; j < destination.Length; j++)
            destination[j] = squares[j] > Descriptors.Tiny.Single ? sum[j] / squares[j] : sum[j];
    }

    // target += a · b, elementwise.
    private static void AddProduct(Span<float> target, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var t0 = ref MemoryMarshal.GetReference(target);
            ref var a0 = ref MemoryMarshal.GetReference(a);
            ref var b0 = ref MemoryMarshal.GetReference(b);
            for (; i + Vector256<float>.Count <= target.Length; i += Vector256<float>.Count)
            {
                var sum = Vector256.LoadUnsafe(ref t0, (nuint)i) + Vector256.LoadUnsafe(ref a0, (nuint)i) * Vector256.LoadUnsafe(ref b0, (nuint)i);
                sum.StoreUnsafe(ref t0, (nuint)i);
            }
        }
        for (; i < target.Length; i++)
            target[i] += a[i] * b[i];
    }

    private static Span<float> Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new float[length];
        return buffer.AsSpan(0, length);
    }
}
