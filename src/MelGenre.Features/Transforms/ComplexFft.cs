using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MelGenre.Features.Transforms;

/// <summary>
/// Forward complex FFT of a power-of-two size in float32, split layout (real and imaginary parts in separate
/// arrays). Stockham autosort, radix 2, decimation in frequency: no bit reversal, every pass reads and writes
/// contiguous runs, so every pass vectorises (AVX for the short-stride passes, <see cref="Vector256"/> otherwise).
/// Twiddles are precomputed in float64 and rounded once. Not thread-safe: it owns its ping-pong buffers.
/// </summary>
internal sealed class ComplexFft
{
    private readonly int _size;
    private readonly Stage[] _stages;
    private readonly float[] _re0, _im0, _re1, _im1;

    public ComplexFft(int size)
    {
        if (size < 1 || !BitOperations.IsPow2(size))
            throw new ArgumentOutOfRangeException(nameof(size), size, "The complex FFT size must be a power of two.");
        _size = size;
        _re0 = new float[size];
        _im0 = new float[size];
        _re1 = new float[size];
        _im1 = new float[size];
        var stageCount = BitOperations.Log2((uint)size);
        _stages = new Stage[stageCount];
        for (int k = 0, stride = 1; k < stageCount; k++, stride *= 2)
            _stages[k] = new Stage(size, stride);
    }

    public int Size => _size;

    /// <summary>The input buffers: fill them, then call <see cref="Transform"/>.</summary>
    public Span<float> InputReal => _re0;

    /// <inheritdoc cref="InputReal"/>
    public Span<float> InputImaginary => _im0;

    /// <summary>
    /// Transforms what the input buffers hold. The spectrum is returned as views of internal buffers, valid until
    /// the input buffers are written again.
    /// </summary>
    public void Transform(out float[] real, out float[] imaginary)
    {
        float[] xr = _re0, xi = _im0, yr = _re1, yi = _im1;
        foreach (var stage in _stages)
        {
            stage.Run(xr, xi, yr, yi);
            (xr, yr) = (yr, xr);
            (xi, yi) = (yi, xi);
        }
        real = xr;
        imaginary = xi;
    }

    /// <summary>One pass: sub-transform length n = size / stride, half m = n / 2.</summary>
    private sealed class Stage
    {
        private readonly int _half;     // size / 2
        private readonly int _stride;   // s: contiguous run length (q index)
        private readonly int _count;    // m: twiddle count (p index)
        // Twiddle per p for strides >= 8; expanded to one per output element (size / 2) for strides 1, 2, 4.
        private readonly float[] _wr, _wi;

        public Stage(int size, int stride)
        {
            _half = size / 2;
            _stride = stride;
            _count = size / (2 * stride);
            var expanded = stride < Vector256<float>.Count;
            var length = expanded ? _half : _count;
            _wr = new float[length];
            _wi = new float[length];
            var n = size / stride;
            for (var i = 0; i < length; i++)
            {
                var p = expanded ? i / stride : i;
                var angle = -2.0 * Math.PI * p / n;
                _wr[i] = (float)Math.Cos(angle);
                _wi[i] = (float)Math.Sin(angle);
            }
        }

        public void Run(float[] xr, float[] xi, float[] yr, float[] yi)
        {
            if (Vector256.IsHardwareAccelerated && _half >= Vector256<float>.Count)
            {
                if (_stride >= Vector256<float>.Count)
                {
                    RunLongStride(xr, xi, yr, yi);
                    return;
                }
                if (Avx.IsSupported)
                {
                    RunShortStride(xr, xi, yr, yi);
                    return;
                }
            }
            RunScalar(xr, xi, yr, yi);
        }

        private void RunScalar(float[] xr, float[] xi, float[] yr, float[] yi)
        {
            var s = _stride;
            var expanded = s < Vector256<float>.Count;
            for (var p = 0; p < _count; p++)
            {
                for (var q = 0; q < s; q++)
                {
                    var i = s * p + q;
                    var w = expanded ? i : p;
                    float ar = xr[i], ai = xi[i], br = xr[i + _half], bi = xi[i + _half];
                    var o = 2 * s * p + q;
                    yr[o] = ar + br;
                    yi[o] = ai + bi;
                    float dr = ar - br, di = ai - bi;
                    yr[o + s] = dr * _wr[w] - di * _wi[w];
                    yi[o + s] = dr * _wi[w] + di * _wr[w];
                }
            }
        }

        private void RunLongStride(float[] xr, float[] xi, float[] yr, float[] yi)
        {
            var s = _stride;
            ref var xr0 = ref MemoryMarshal.GetArrayDataReference(xr);
            ref var xi0 = ref MemoryMarshal.GetArrayDataReference(xi);
            ref var yr0 = ref MemoryMarshal.GetArrayDataReference(yr);
            ref var yi0 = ref MemoryMarshal.GetArrayDataReference(yi);
            var unitTwiddle = _count == 1;
            for (var p = 0; p < _count; p++)
            {
                var wr = Vector256.Create(_wr[p]);
                var wi = Vector256.Create(_wi[p]);
                var input = (nuint)(s * p);
                var output = (nuint)(2 * s * p);
                for (nuint q = 0; q < (nuint)s; q += (nuint)Vector256<float>.Count)
                {
                    var ar = Vector256.LoadUnsafe(ref xr0, input + q);
                    var ai = Vector256.LoadUnsafe(ref xi0, input + q);
                    var br = Vector256.LoadUnsafe(ref xr0, input + q + (nuint)_half);
                    var bi = Vector256.LoadUnsafe(ref xi0, input + q + (nuint)_half);
                    (ar + br).StoreUnsafe(ref yr0, output + q);
                    (ai + bi).StoreUnsafe(ref yi0, output + q);
                    var dr = ar - br;
                    var di = ai - bi;
                    if (unitTwiddle)
                    {
                        dr.StoreUnsafe(ref yr0, output + q + (nuint)s);
                        di.StoreUnsafe(ref yi0, output + q + (nuint)s);
                    }
                    else
                    {
                        (dr * wr - di * wi).StoreUnsafe(ref yr0, output + q + (nuint)s);
                        (dr * wi + di * wr).StoreUnsafe(ref yi0, output + q + (nuint)s);
                    }
                }
            }
        }

        // Strides 1, 2, 4: eight consecutive butterflies, then interleave sums and differences in runs of s.
        private void RunShortStride(float[] xr, float[] xi, float[] yr, float[] yi)
        {
            ref var xr0 = ref MemoryMarshal.GetArrayDataReference(xr);
            ref var xi0 = ref MemoryMarshal.GetArrayDataReference(xi);
            ref var yr0 = ref MemoryMarshal.GetArrayDataReference(yr);
            ref var yi0 = ref MemoryMarshal.GetArrayDataReference(yi);
            ref var wr0 = ref MemoryMarshal.GetArrayDataReference(_wr);
            ref var wi0 = ref MemoryMarshal.GetArrayDataReference(_wi);
            var half = (nuint)_half;
            for (nuint i = 0; i < half; i += 8)
            {
                var ar = Vector256.LoadUnsafe(ref xr0, i);
                var ai = Vector256.LoadUnsafe(ref xi0, i);
                var br = Vector256.LoadUnsafe(ref xr0, i + half);
                var bi = Vector256.LoadUnsafe(ref xi0, i + half);
                var wr = Vector256.LoadUnsafe(ref wr0, i);
                var wi = Vector256.LoadUnsafe(ref wi0, i);
                var dr = ar - br;
                var di = ai - bi;
                Interleave(ar + br, dr * wr - di * wi, ref yr0, 2 * i);
                Interleave(ai + bi, dr * wi + di * wr, ref yi0, 2 * i);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Interleave(Vector256<float> sum, Vector256<float> difference, ref float destination, nuint offset)
        {
            Vector256<float> low, high;
            switch (_stride)
            {
                case 1:
                    low = Avx.UnpackLow(sum, difference);
                    high = Avx.UnpackHigh(sum, difference);
                    break;
                case 2:
                    low = Avx.UnpackLow(sum.AsDouble(), difference.AsDouble()).AsSingle();
                    high = Avx.UnpackHigh(sum.AsDouble(), difference.AsDouble()).AsSingle();
                    break;
                default:
                    low = sum;
                    high = difference;
                    break;
            }
            Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref destination, offset);
            Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref destination, offset + 8);
        }
    }
}
