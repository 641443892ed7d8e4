using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MelGenre.Features.Transforms;

/// <summary>
/// Forward complex FFT of a power-of-two size in float32, split layout (real and imaginary parts in separate
/// arrays). Stockham autosort, decimation in frequency: no bit reversal, every pass reads and writes contiguous
/// runs, so every pass vectorises. The first passes (strides 1, 2, 4) are radix 2 with AVX interleaving; the
/// rest radix 4 (half the memory traffic), plus one radix-2 pass when log2(size) leaves a factor of 2.
/// Twiddles are precomputed in float64 and rounded once. Not thread-safe: it owns its ping-pong buffers.
/// </summary>
internal sealed class ComplexFft
{
    private readonly int _size;
    private readonly IPass[] _passes;
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
        var passes = new List<IPass>();
        for (var stride = 1; stride < size;)
        {
            var remaining = size / stride;
            if (stride >= Vector256<float>.Count && remaining >= 4)
            {
                passes.Add(new Radix4Pass(size, stride));
                stride *= 4;
            }
            else
            {
                passes.Add(new Radix2Pass(size, stride));
                stride *= 2;
            }
        }
        _passes = [.. passes];
    }

    public int Size => _size;

    /// <summary>The input buffers: fill them, then call <see cref="Transform"/>.</summary>
    public Span<float> InputReal => _re0;

    /// <inheritdoc cref="InputReal"/>
    public Span<float> InputImaginary => _im0;

    /// <summary>
    /// Transforms what the input buffers hold. The spectrum is returned in internal arrays, valid until
    /// the input buffers are written again.
    /// </summary>
    public void Transform(out float[] real, out float[] imaginary)
    {
        float[] xr = _re0, xi = _im0, yr = _re1, yi = _im1;
        foreach (var pass in _passes)
        {
            pass.Run(xr, xi, yr, yi);
            (xr, yr) = (yr, xr);
            (xi, yi) = (yi, xi);
        }
        real = xr;
        imaginary = xi;
    }

    private interface IPass
    {
        void Run(float[] xr, float[] xi, float[] yr, float[] yi);
    }

    /// <summary>A radix-2 pass: sub-transform length n = size / stride, half m = n / 2.</summary>
    private sealed class Radix2Pass : IPass
    {
        private readonly int _half;     // size / 2
        private readonly int _stride;   // s: contiguous run length (q index)
        private readonly int _count;    // m: twiddle count (p index)
        // Twiddle per p for strides >= 8; expanded to one per output element (size / 2) for strides 1, 2, 4.
        private readonly float[] _wr, _wi;

        public Radix2Pass(int size, int stride)
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
    /// <summary>
    /// A radix-4 pass for strides of at least one vector: sub-transform length n = size / stride, quarter m = n / 4.
    /// y[q + s(4p + r)] = W^(rp) · (r-th output of the 4-point DFT of x[q + s(p + km)], k = 0…3).
    /// </summary>
    private sealed class Radix4Pass : IPass
    {
        private readonly int _quarter;  // size / 4 = s·m
        private readonly int _stride;   // s
        private readonly int _count;    // m
        private readonly float[] _w1r, _w1i, _w2r, _w2i, _w3r, _w3i;

        public Radix4Pass(int size, int stride)
        {
            _quarter = size / 4;
            _stride = stride;
            _count = size / (4 * stride);
            var n = size / stride;
            _w1r = new float[_count];
            _w1i = new float[_count];
            _w2r = new float[_count];
            _w2i = new float[_count];
            _w3r = new float[_count];
            _w3i = new float[_count];
            for (var p = 0; p < _count; p++)
            {
                var angle = -2.0 * Math.PI * p / n;
                (_w1r[p], _w1i[p]) = ((float)Math.Cos(angle), (float)Math.Sin(angle));
                (_w2r[p], _w2i[p]) = ((float)Math.Cos(2 * angle), (float)Math.Sin(2 * angle));
                (_w3r[p], _w3i[p]) = ((float)Math.Cos(3 * angle), (float)Math.Sin(3 * angle));
            }
        }

        public void Run(float[] xr, float[] xi, float[] yr, float[] yi)
        {
            if (!Vector256.IsHardwareAccelerated)
            {
                RunScalar(xr, xi, yr, yi);
                return;
            }
            var s = (nuint)_stride;
            var quarter = (nuint)_quarter;
            ref var xr0 = ref MemoryMarshal.GetArrayDataReference(xr);
            ref var xi0 = ref MemoryMarshal.GetArrayDataReference(xi);
            ref var yr0 = ref MemoryMarshal.GetArrayDataReference(yr);
            ref var yi0 = ref MemoryMarshal.GetArrayDataReference(yi);
            for (var p = 0; p < _count; p++)
            {
                var w1r = Vector256.Create(_w1r[p]);
                var w1i = Vector256.Create(_w1i[p]);
                var w2r = Vector256.Create(_w2r[p]);
                var w2i = Vector256.Create(_w2i[p]);
                var w3r = Vector256.Create(_w3r[p]);
                var w3i = Vector256.Create(_w3i[p]);
                var input = (nuint)p * s;
                var output = 4 * (nuint)p * s;
                for (nuint q = 0; q < s; q += (nuint)Vector256<float>.Count)
                {
                    var i = input + q;
                    var ar = Vector256.LoadUnsafe(ref xr0, i);
                    var ai = Vector256.LoadUnsafe(ref xi0, i);
                    var br = Vector256.LoadUnsafe(ref xr0, i + quarter);
                    var bi = Vector256.LoadUnsafe(ref xi0, i + quarter);
                    var cr = Vector256.LoadUnsafe(ref xr0, i + 2 * quarter);
                    var ci = Vector256.LoadUnsafe(ref xi0, i + 2 * quarter);
                    var dr = Vector256.LoadUnsafe(ref xr0, i + 3 * quarter);
                    var di = Vector256.LoadUnsafe(ref xi0, i + 3 * quarter);
                    Vector256<float> apcR = ar + cr, apcI = ai + ci, amcR = ar - cr, amcI = ai - ci;
                    Vector256<float> bpdR = br + dr, bpdI = bi + di;
                    // j·(b − d) = (−(bi − di), br − dr)
                    Vector256<float> jbmdR = di - bi, jbmdI = br - dr;
                    var o = output + q;
                    (apcR + bpdR).StoreUnsafe(ref yr0, o);
                    (apcI + bpdI).StoreUnsafe(ref yi0, o);
                    Vector256<float> t1r = amcR - jbmdR, t1i = amcI - jbmdI;
                    (t1r * w1r - t1i * w1i).StoreUnsafe(ref yr0, o + s);
                    (t1r * w1i + t1i * w1r).StoreUnsafe(ref yi0, o + s);
                    Vector256<float> t2r = apcR - bpdR, t2i = apcI - bpdI;
                    (t2r * w2r - t2i * w2i).StoreUnsafe(ref yr0, o + 2 * s);
                    (t2r * w2i + t2i * w2r).StoreUnsafe(ref yi0, o + 2 * s);
                    Vector256<float> t3r = amcR + jbmdR, t3i = amcI + jbmdI;
                    (t3r * w3r - t3i * w3i).StoreUnsafe(ref yr0, o + 3 * s);
                    (t3r * w3i + t3i * w3r).StoreUnsafe(ref yi0, o + 3 * s);
                }
            }
        }

        private void RunScalar(float[] xr, float[] xi, float[] yr, float[] yi)
        {
            var s = _stride;
            for (var p = 0; p < _count; p++)
            {
                for (var q = 0; q < s; q++)
                {
                    var i = s * p + q;
                    float ar = xr[i], ai = xi[i], br = xr[i + _quarter], bi = xi[i + _quarter];
                    float cr = xr[i + 2 * _quarter], ci = xi[i + 2 * _quarter], dr = xr[i + 3 * _quarter], di = xi[i + 3 * _quarter];
                    float apcR = ar + cr, apcI = ai + ci, amcR = ar - cr, amcI = ai - ci;
                    float bpdR = br + dr, bpdI = bi + di, jbmdR = di - bi, jbmdI = br - dr;
                    var o = 4 * s * p + q;
                    yr[o] = apcR + bpdR;
                    yi[o] = apcI + bpdI;
                    float t1r = amcR - jbmdR, t1i = amcI - jbmdI;
                    yr[o + s] = t1r * _w1r[p] - t1i * _w1i[p];
                    yi[o + s] = t1r * _w1i[p] + t1i * _w1r[p];
                    float t2r = apcR - bpdR, t2i = apcI - bpdI;
                    yr[o + 2 * s] = t2r * _w2r[p] - t2i * _w2i[p];
                    yi[o + 2 * s] = t2r * _w2i[p] + t2i * _w2r[p];
                    float t3r = amcR + jbmdR, t3i = amcI + jbmdI;
                    yr[o + 3 * s] = t3r * _w3r[p] - t3i * _w3i[p];
                    yi[o + 3 * s] = t3r * _w3i[p] + t3i * _w3r[p];
                }
            }
        }
    }
}
