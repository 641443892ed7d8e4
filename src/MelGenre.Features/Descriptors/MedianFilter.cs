using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// <c>scipy.ndimage.median_filter</c> along one axis with <c>mode='reflect'</c> (…c b a | a b c…), as librosa's
/// HPSS uses it. Eight columns run at once in SIMD lanes, each keeping its window sorted: a step removes the
/// sample leaving and inserts the one entering in one branch-free pass. The median is an input value, so results
/// are exact. Not thread-safe (owns its buffers).
/// </summary>
public sealed class MedianFilter
{
    private const int Lanes = 8;

    private readonly int _size;
    private readonly Vector256<float>[] _window;
    private Vector256<float>[] _padded = [], _medians = [];

    /// <summary>A filter over <paramref name="size"/> (odd, ≥ 1) neighbouring rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An even or non-positive size.</exception>
    public MedianFilter(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (size % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The median filter needs an odd size.");
        _size = size;
        _window = new Vector256<float>[size + 1];
    }

    /// <summary>
    /// The median of each window of <c>size</c> rows (centred, reflect-extended) of every column of
    /// <paramref name="matrix"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>) into
    /// <paramref name="destination"/> (same shape).
    /// </summary>
    public void FilterColumns(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> destination)
    {
        var half = _size / 2;
        var padded = Padded(rows);
        Span<float> lanes = stackalloc float[Lanes];
        for (var c0 = 0; c0 < columns; c0 += Lanes)
        {
            var width = Math.Min(Lanes, columns - c0);
            for (var p = 0; p < padded.Length; p++)
            {
                var row = matrix.Slice(Reflect(p - half, rows) * columns + c0, width);
                if (width == Lanes)
                {
                    padded[p] = Vector256.Create(row);
                    continue;
                }
                lanes.Clear();
                row.CopyTo(lanes);
                padded[p] = Vector256.Create<float>(lanes);
            }
            var medians = Run(rows);
            for (var r = 0; r < rows; r++)
            {
                medians[r].CopyTo(lanes);
                lanes[..width].CopyTo(destination.Slice(r * columns + c0, width));
            }
        }
    }

    /// <summary>
    /// The median of each window of <c>size</c> columns (centred, reflect-extended) along every row of
    /// <paramref name="matrix"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>) into
    /// <paramref name="destination"/> (same shape): <see cref="FilterColumns"/> of the transpose, without transposing.
    /// </summary>
    public void FilterRows(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> destination)
    {
        var half = _size / 2;
        var padded = Padded(columns);
        Span<float> lanes = stackalloc float[Lanes];
        for (var r0 = 0; r0 < rows; r0 += Lanes)
        {
            var height = Math.Min(Lanes, rows - r0);
            var block = matrix[(r0 * columns)..];
            for (var p = 0; p < padded.Length; p++)
            {
                var column = Reflect(p - half, columns);
                lanes.Clear();
                for (var l = 0; l < height; l++)
                    lanes[l] = block[l * columns + column];
                padded[p] = Vector256.Create<float>(lanes);
            }
            var medians = Run(columns);
            for (var c = 0; c < columns; c++)
            {
                var median = medians[c];
                for (var l = 0; l < height; l++)
                    destination[(r0 + l) * columns + c] = median.GetElement(l);
            }
        }
    }

    private Span<Vector256<float>> Padded(int length)
    {
        var paddedLength = length + _size - 1;
        if (_padded.Length < paddedLength)
        {
            _padded = new Vector256<float>[paddedLength];
            _medians = new Vector256<float>[length];
        }
        return _padded.AsSpan(0, paddedLength);
    }

    // The medians of the windows of the padded rows, lane by lane, into _medians[0 .. length).
    private Span<Vector256<float>> Run(int length)
    {
        var window = _window.AsSpan();
        var infinity = Vector256.Create(float.PositiveInfinity);
        window.Fill(infinity);
        for (var p = 0; p < _size; p++)
            Slide(window, infinity, _padded[p]);
        var mid = _size / 2;
        for (var r = 0; r < length; r++)
        {
            _medians[r] = window[mid];
            if (r + 1 < length)
                Slide(window, _padded[r], _padded[r + _size]);
        }
        return _medians.AsSpan(0, length);
    }

    // Removes the first value equal to leaving (shifting the rest down over it; window[size] stays +∞), and inserts
    // entering (c_i = max(b_{i-1}, min(b_i, entering))), lane by lane. The hot loop of HPSS: no bounds checks.
    private void Slide(Span<Vector256<float>> window, Vector256<float> leaving, Vector256<float> entering)
    {
        ref var w = ref MemoryMarshal.GetReference(window);
        var removed = Vector256<float>.Zero;
        var previous = Vector256.Create(float.NegativeInfinity);
        var current = w;
        for (var i = 0; i < _size; i++)
        {
            var next = Unsafe.Add(ref w, i + 1);
            removed |= Vector256.Equals(current, leaving);
            var shifted = Vector256.ConditionalSelect(removed, next, current);
            Unsafe.Add(ref w, i) = Vector256.Max(previous, Vector256.Min(shifted, entering));
            previous = shifted;
            current = next;
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
