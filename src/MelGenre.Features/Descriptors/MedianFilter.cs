using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// <c>scipy.ndimage.median_filter</c> along one axis with <c>mode='reflect'</c> (…c b a | a b c…), as librosa's
/// HPSS uses it. Sixteen columns (AVX-512) or eight run at once in SIMD lanes, each keeping its window sorted: a step
/// removes the sample leaving and inserts the one entering in one branch-free pass. The median is an input value, so
/// results are exact. Not thread-safe (owns its buffers).
/// </summary>
public sealed class MedianFilter
{
    // Emulated Vector512 is half as slow again as Vector256 without AVX-512, so the lane count follows the hardware.
    private static readonly int s_lanes = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;

    private readonly int _size;
    // Lane-interleaved buffers: value l of vector i at [i · lanes + l].
    private readonly float[] _window;
    private readonly float[] _infinity;
    private float[] _padded = [], _medians = [];

    /// <summary>A filter over <paramref name="size"/> (odd, ≥ 1) neighbouring rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An even or non-positive size.</exception>
    public MedianFilter(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (size % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The median filter needs an odd size.");
        _size = size;
        _window = new float[(size + 1) * s_lanes];
        _infinity = new float[s_lanes];
        _infinity.AsSpan().Fill(float.PositiveInfinity);
    }

    /// <summary>
    /// The median of each window of <c>size</c> rows (centred, reflect-extended) of every column of
    /// <paramref name="matrix"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>) into
    /// <paramref name="destination"/> (same shape).
    /// </summary>
    public void FilterColumns(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> destination)
    {
        var lanes = s_lanes;
        var half = _size / 2;
        var padded = Padded(rows);
        for (var c0 = 0; c0 < columns; c0 += lanes)
        {
            var width = Math.Min(lanes, columns - c0);
            if (width < lanes)
                padded.Clear();
            for (var p = 0; p < padded.Length / lanes; p++)
                matrix.Slice(Reflect(p - half, rows) * columns + c0, width).CopyTo(padded.Slice(p * lanes, width));
            var medians = Run(rows);
            for (var r = 0; r < rows; r++)
                medians.Slice(r * lanes, width).CopyTo(destination.Slice(r * columns + c0, width));
        }
    }

    /// <summary>
    /// The median of each window of <c>size</c> columns (centred, reflect-extended) along every row of
    /// <paramref name="matrix"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>) into
    /// <paramref name="destination"/> (same shape): <see cref="FilterColumns"/> of the transpose, without transposing.
    /// </summary>
    public void FilterRows(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> destination)
    {
        var lanes = s_lanes;
        var half = _size / 2;
        var padded = Padded(columns);
        for (var r0 = 0; r0 < rows; r0 += lanes)
        {
            var height = Math.Min(lanes, rows - r0);
            // The strip of rows becomes the lanes: row l's column c goes to lane l of padded vector half + c (lanes past
            // the last row stay zero), read and written row by row; then the reflected ends are copied in.
            if (height < lanes)
                padded.Clear();
            for (var l = 0; l < height; l++)
            {
                var row = matrix.Slice((r0 + l) * columns, columns);
                for (var c = 0; c < columns; c++)
                    padded[(half + c) * lanes + l] = row[c];
            }
            for (var p = 0; p < half; p++)
            {
                padded.Slice((half + Reflect(p - half, columns)) * lanes, lanes).CopyTo(padded.Slice(p * lanes, lanes));
                padded.Slice((half + Reflect(columns + p, columns)) * lanes, lanes).CopyTo(padded.Slice((half + columns + p) * lanes, lanes));
            }
            var medians = Run(columns);
            for (var l = 0; l < height; l++)
            {
                var row = destination.Slice((r0 + l) * columns, columns);
                for (var c = 0; c < columns; c++)
                    row[c] = medians[c * lanes + l];
            }
        }
    }

    private Span<float> Padded(int length)
    {
        var paddedLength = (length + _size - 1) * s_lanes;
        if (_padded.Length < paddedLength)
        {
            _padded = new float[paddedLength];
            _medians = new float[length * s_lanes];
        }
        return _padded.AsSpan(0, paddedLength);
    }

    // The medians of the windows of the padded vectors, lane by lane, into the first length vectors of _medians.
    private Span<float> Run(int length)
    {
        var lanes = s_lanes;
        _window.AsSpan().Fill(float.PositiveInfinity);
        for (var p = 0; p < _size; p++)
            Slide(ref _infinity[0], ref _padded[p * lanes]);
        var mid = _size / 2;
        for (var r = 0; r < length; r++)
        {
            _window.AsSpan(mid * lanes, lanes).CopyTo(_medians.AsSpan(r * lanes, lanes));
            if (r + 1 < length)
                Slide(ref _padded[r * lanes], ref _padded[(r + _size) * lanes]);
        }
        return _medians.AsSpan(0, length * lanes);
    }

    // Removes the first value equal to leaving (shifting the rest down over it; the last vector stays +∞), and inserts
    // entering (c_i = max(b_{i-1}, min(b_i, entering))), lane by lane. The hot loop of HPSS: no bounds checks.
    private void Slide(ref float leaving, ref float entering)
    {
        ref var w = ref MemoryMarshal.GetArrayDataReference(_window);
        if (Vector512.IsHardwareAccelerated)
        {
            var leave = Vector512.LoadUnsafe(ref leaving);
            var enter = Vector512.LoadUnsafe(ref entering);
            var removed = Vector512<float>.Zero;
            var previous = Vector512.Create(float.NegativeInfinity);
            var current = Vector512.LoadUnsafe(ref w);
            for (nuint i = 0; i < (nuint)_size; i++)
            {
                var next = Vector512.LoadUnsafe(ref w, (i + 1) * 16);
                removed |= Vector512.Equals(current, leave);
                var shifted = Vector512.ConditionalSelect(removed, next, current);
                Vector512.Max(previous, Vector512.Min(shifted, enter)).StoreUnsafe(ref w, i * 16);
                previous = shifted;
                current = next;
            }
        }
        else
        {
            var leave = Vector256.LoadUnsafe(ref leaving);
            var enter = Vector256.LoadUnsafe(ref entering);
            var removed = Vector256<float>.Zero;
            var previous = Vector256.Create(float.NegativeInfinity);
            var current = Vector256.LoadUnsafe(ref w);
            for (nuint i = 0; i < (nuint)_size; i++)
            {
                var next = Vector256.LoadUnsafe(ref w, (i + 1) * 8);
                removed |= Vector256.Equals(current, leave);
                var shifted = Vector256.ConditionalSelect(removed, next, current);
                Vector256.Max(previous, Vector256.Min(shifted, enter)).StoreUnsafe(ref w, i * 8);
                previous = shifted;
                current = next;
            }
        }
    }

    // scipy's 'reflect' extension, periodic with period 2n for windows wider than the input.
    private static int Reflect(int index, int length)
    {
        var period = 2 * length;
        var m = ((index % period) + period) % period;
        return m < length ? m : period - m - 1;
    }
}
