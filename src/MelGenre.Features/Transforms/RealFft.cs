using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MelGenre.Features.Transforms;

/// <summary>
/// The one-sided DFT of real float32 input, <c>numpy.fft.rfft</c>: bins <c>0 … n/2</c>, no scaling.
/// </summary>
/// <remarks>
/// <para>Power-of-two sizes (the fast path, float32): the <c>n</c> real samples are packed as <c>n/2</c> complex
/// ones (even samples real, odd imaginary), transformed by a vectorised Stockham FFT, then split into the
/// one-sided spectrum. Twiddles are precomputed once per instance.</para>
/// <para>Any other size (including odd ones) falls back to Bluestein's chirp-z algorithm in float64,
/// O(n log n) but a few times slower.</para>
/// <para>float32 throughout keeps log-mel spectrograms within about 1e-3 dB of librosa, whose numpy FFT runs in
/// float64 and stores complex64.</para>
/// <para>Not thread-safe: an instance owns its work buffers. Use one per thread.</para>
/// </remarks>
public sealed class RealFft
{
    private readonly ComplexFft? _complex;
    private readonly float[] _splitReal = [], _splitImaginary = [];
    private readonly BluesteinDft? _bluestein;
    private readonly double[] _bluesteinInput = [];
    private readonly Complex[] _bluesteinOutput = [];

    /// <summary>Precomputes twiddles and buffers for <paramref name="size"/>-point transforms.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive size.</exception>
    public RealFft(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        if (size >= 2 && BitOperations.IsPow2(size))
        {
            var half = size / 2;
            _complex = new ComplexFft(half);
            _splitReal = new float[half];
            _splitImaginary = new float[half];
            for (var k = 0; k < half; k++)
            {
                var angle = -2.0 * Math.PI * k / size;
                _splitReal[k] = (float)Math.Cos(angle);
                _splitImaginary[k] = (float)Math.Sin(angle);
            }
        }
        else
        {
            _bluestein = new BluesteinDft(size);
            _bluesteinInput = new double[size];
            _bluesteinOutput = new Complex[size / 2 + 1];
        }
    }

    /// <summary>Number of input samples, <c>n</c>.</summary>
    public int Size { get; }

    /// <summary>Number of output bins, <c>n / 2 + 1</c>.</summary>
    public int BinCount => Size / 2 + 1;

    /// <summary>Whether this size uses the float32 power-of-two path (otherwise the float64 Bluestein fallback).</summary>
    public bool IsPowerOfTwo => _complex is not null;

    /// <summary>The spectrum of <paramref name="input"/> into <paramref name="real"/> and <paramref name="imaginary"/> (each <see cref="BinCount"/> long).</summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary) =>
        Forward(input, [], real, imaginary);

    /// <summary>The spectrum of <paramref name="input"/> × <paramref name="window"/> (empty: no window), windowing fused into packing.</summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    public void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> window, Span<float> real, Span<float> imaginary)
    {
        CheckLength(real, BinCount, nameof(real));
        CheckLength(imaginary, BinCount, nameof(imaginary));
        var sink = new ComplexSink(real, imaginary);
        Run(input, window, ref sink);
    }

    /// <summary>The power spectrum <c>|X[k]|²</c> of <paramref name="input"/> into <paramref name="power"/> (<see cref="BinCount"/> long).</summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    public void Power(ReadOnlySpan<float> input, Span<float> power) => Power(input, [], power);

    /// <summary>The power spectrum of <paramref name="input"/> × <paramref name="window"/> (empty: no window).</summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    public void Power(ReadOnlySpan<float> input, ReadOnlySpan<float> window, Span<float> power)
    {
        CheckLength(power, BinCount, nameof(power));
        var sink = new PowerSink(power);
        Run(input, window, ref sink);
    }

    /// <summary>
    /// <c>numpy.fft.irfft(X, n)</c>: the <see cref="Size"/> real samples whose one-sided spectrum is
    /// <paramref name="real"/> + i·<paramref name="imaginary"/> (each <see cref="BinCount"/> long), scaled by <c>1/n</c>.
    /// As numpy, the imaginary parts of the DC and Nyquist bins are ignored. Powers of two only.
    /// </summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    /// <exception cref="NotSupportedException">A size that is not a power of two.</exception>
    public void Inverse(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> output)
    {
        CheckLength(real, BinCount, nameof(real));
        CheckLength(imaginary, BinCount, nameof(imaginary));
        CheckLength(output, Size, nameof(output));
        var fft = _complex ?? throw new NotSupportedException($"The inverse transform needs a power-of-two size, not {Size}.");
        var half = fft.Size;
        var zr = fft.InputReal;
        var zi = fft.InputImaginary;
        // Even samples are the real part, odd samples the imaginary part of a half-length inverse transform of
        // Z[k] = (X[k] + conj X[h-k]) + i·(X[k] - conj X[h-k])·e^{+2πik/n}; run forward on conj Z and conjugate back.
        var k = 0;
        if (Avx2.IsSupported)
        {
            ref var re0 = ref MemoryMarshal.GetReference(real);
            ref var im0 = ref MemoryMarshal.GetReference(imaginary);
            var reverse = Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0);
            // Bin 0 (its imaginary parts ignored) by the scalar step below; then eight bins at a time, B read backwards.
            UnsplitBin(real, imaginary, zr, zi, 0, half);
            for (k = 1; k + 8 <= half; k += 8)
            {
                var ar = Vector256.LoadUnsafe(ref re0, (nuint)k);
                var ai = Vector256.LoadUnsafe(ref im0, (nuint)k);
                var br = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref re0, (nuint)(half - k - 7)), reverse);
                var bi = -Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref im0, (nuint)(half - k - 7)), reverse);
                Vector256<float> evenR = ar + br, evenI = ai + bi;
                Vector256<float> diffR = ar - br, diffI = ai - bi;
                var wr = Vector256.Create(_splitReal.AsSpan(k, 8));
                var wi = -Vector256.Create(_splitImaginary.AsSpan(k, 8));
                var oddR = diffR * wr - diffI * wi;
                var oddI = diffR * wi + diffI * wr;
                (evenR - oddI).CopyTo(zr[k..]);
                (-(evenI + oddR)).CopyTo(zi[k..]);
            }
        }
        for (; k < half; k++)
            UnsplitBin(real, imaginary, zr, zi, k, half);
        fft.Transform(out var yr, out var yi);
        var scale = 1f / Size;
        var j = 0;
        if (Avx2.IsSupported)
        {
            ref var out0 = ref MemoryMarshal.GetReference(output);
            var factor = Vector256.Create(scale);
            for (; j + 8 <= half; j += 8)
            {
                var re = Vector256.Create(yr.AsSpan(j, 8)) * factor;
                var im = -Vector256.Create(yi.AsSpan(j, 8)) * factor;
                // unpack gives [r0 i0 r1 i1 | r4 i4 r5 i5] and [r2 i2 r3 i3 | r6 i6 r7 i7]; the 128-bit permutes put them in order.
                var low = Avx.UnpackLow(re, im);
                var high = Avx.UnpackHigh(re, im);
                Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref out0, (nuint)(2 * j));
                Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref out0, (nuint)(2 * j + 8));
            }
        }
        for (; j < half; j++)
        {
            output[2 * j] = yr[j] * scale;
            output[2 * j + 1] = -yi[j] * scale;
        }
    }

    // Z[k] of Inverse for one bin.
    private void UnsplitBin(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> zr, Span<float> zi, int k, int half)
    {
        float ar = real[k], ai = k == 0 ? 0f : imaginary[k];
        float br = real[half - k], bi = k == 0 ? 0f : -imaginary[half - k];
        float evenR = ar + br, evenI = ai + bi;
        float diffR = ar - br, diffI = ai - bi;
        // e^{+2πik/n} = (cos, -sin of the forward twiddle).
        float wr = _splitReal[k], wi = -_splitImaginary[k];
        var oddR = diffR * wr - diffI * wi;
        var oddI = diffR * wi + diffI * wr;
        zr[k] = evenR - oddI;
        zi[k] = -(evenI + oddR);
    }

    private void Run<TSink>(ReadOnlySpan<float> input, ReadOnlySpan<float> window, ref TSink sink)
        where TSink : ISpectrumSink, allows ref struct
    {
        CheckLength(input, Size, nameof(input));
        if (!window.IsEmpty)
            CheckLength(window, Size, nameof(window));
        if (_complex is null)
            RunBluestein(input, window, ref sink);
        else
            RunPacked(_complex, input, window, ref sink);
    }

    private void RunBluestein<TSink>(ReadOnlySpan<float> input, ReadOnlySpan<float> window, ref TSink sink)
        where TSink : ISpectrumSink, allows ref struct
    {
        for (var i = 0; i < Size; i++)
            _bluesteinInput[i] = window.IsEmpty ? input[i] : (double)input[i] * window[i];
        _bluestein!.Forward(_bluesteinInput, _bluesteinOutput);
        for (var k = 0; k < _bluesteinOutput.Length; k++)
            sink.Store(k, (float)_bluesteinOutput[k].Real, (float)_bluesteinOutput[k].Imaginary);
    }

    private void RunPacked<TSink>(ComplexFft fft, ReadOnlySpan<float> input, ReadOnlySpan<float> window, ref TSink sink)
        where TSink : ISpectrumSink, allows ref struct
    {
        Pack(input, window, fft.InputReal, fft.InputImaginary);
        fft.Transform(out var zr, out var zi);
        var half = fft.Size;
        // DC and Nyquist come from Z[0] alone.
        sink.Store(0, zr[0] + zi[0], 0f);
        sink.Store(half, zr[0] - zi[0], 0f);
        var k = 1;
        if (Avx2.IsSupported)
        {
            ref var zr0 = ref MemoryMarshal.GetArrayDataReference(zr);
            ref var zi0 = ref MemoryMarshal.GetArrayDataReference(zi);
            ref var wr0 = ref MemoryMarshal.GetArrayDataReference(_splitReal);
            ref var wi0 = ref MemoryMarshal.GetArrayDataReference(_splitImaginary);
            var reverse = Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0);
            var halfScale = Vector256.Create(0.5f);
            for (; k + 8 <= half; k += 8)
            {
                // A = Z[k…k+7], B = Z[half-k…] read backwards.
                var ar = Vector256.LoadUnsafe(ref zr0, (nuint)k);
                var ai = Vector256.LoadUnsafe(ref zi0, (nuint)k);
                var br = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref zr0, (nuint)(half - k - 7)), reverse);
                var bi = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref zi0, (nuint)(half - k - 7)), reverse);
                var wr = Vector256.LoadUnsafe(ref wr0, (nuint)k);
                var wi = Vector256.LoadUnsafe(ref wi0, (nuint)k);
                // Even part (A + conj B)/2, odd part -i(A - conj B)/2, X = even + W·odd.
                var evenR = (ar + br) * halfScale;
                var evenI = (ai - bi) * halfScale;
                var oddR = (ai + bi) * halfScale;
                var oddI = (br - ar) * halfScale;
                sink.Store(k, evenR + wr * oddR - wi * oddI, evenI + wr * oddI + wi * oddR);
            }
        }
        for (; k < half; k++)
        {
            float ar = zr[k], ai = zi[k], br = zr[half - k], bi = zi[half - k];
            float evenR = (ar + br) * 0.5f, evenI = (ai - bi) * 0.5f;
            float oddR = (ai + bi) * 0.5f, oddI = (br - ar) * 0.5f;
            float wr = _splitReal[k], wi = _splitImaginary[k];
            sink.Store(k, evenR + wr * oddR - wi * oddI, evenI + wr * oddI + wi * oddR);
        }
    }

    // Even samples to the real part, odd samples to the imaginary part, times the window if there is one.
    private static void Pack(ReadOnlySpan<float> input, ReadOnlySpan<float> window, Span<float> real, Span<float> imaginary)
    {
        var i = 0;
        if (Avx2.IsSupported)
        {
            ref var x0 = ref MemoryMarshal.GetReference(input);
            ref var w0 = ref MemoryMarshal.GetReference(window);
            ref var re0 = ref MemoryMarshal.GetReference(real);
            ref var im0 = ref MemoryMarshal.GetReference(imaginary);
            var windowed = !window.IsEmpty;
            for (; i + 16 <= input.Length; i += 16)
            {
                var a = Vector256.LoadUnsafe(ref x0, (nuint)i);
                var b = Vector256.LoadUnsafe(ref x0, (nuint)i + 8);
                if (windowed)
                {
                    a *= Vector256.LoadUnsafe(ref w0, (nuint)i);
                    b *= Vector256.LoadUnsafe(ref w0, (nuint)i + 8);
                }
                // shuffle picks [a0 a2 b0 b2 | a4 a6 b4 b6]; the 64-bit permute restores [a0 a2 a4 a6 b0 b2 b4 b6].
                var even = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();
                var odd = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();
                even.StoreUnsafe(ref re0, (nuint)(i / 2));
                odd.StoreUnsafe(ref im0, (nuint)(i / 2));
            }
        }
        for (; i < input.Length; i += 2)
        {
            real[i / 2] = window.IsEmpty ? input[i] : input[i] * window[i];
            imaginary[i / 2] = window.IsEmpty ? input[i + 1] : input[i + 1] * window[i + 1];
        }
    }

    private static void CheckLength<T>(ReadOnlySpan<T> span, int expected, string name)
    {
        if (span.Length != expected)
            throw new ArgumentException($"Expected {expected} values, got {span.Length}.", name);
    }

    private interface ISpectrumSink
    {
        void Store(int bin, float real, float imaginary);

        void Store(int bin, Vector256<float> real, Vector256<float> imaginary);
    }

    private readonly ref struct ComplexSink(Span<float> real, Span<float> imaginary) : ISpectrumSink
    {
        private readonly Span<float> _real = real;
        private readonly Span<float> _imaginary = imaginary;

        public void Store(int bin, float re, float im)
        {
            _real[bin] = re;
            _imaginary[bin] = im;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int bin, Vector256<float> re, Vector256<float> im)
        {
            re.StoreUnsafe(ref MemoryMarshal.GetReference(_real), (nuint)bin);
            im.StoreUnsafe(ref MemoryMarshal.GetReference(_imaginary), (nuint)bin);
        }
    }

    private readonly ref struct PowerSink(Span<float> power) : ISpectrumSink
    {
        private readonly Span<float> _power = power;

        public void Store(int bin, float re, float im) => _power[bin] = re * re + im * im;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int bin, Vector256<float> re, Vector256<float> im) =>
            (re * re + im * im).StoreUnsafe(ref MemoryMarshal.GetReference(_power), (nuint)bin);
    }
}
