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
    private Vector256<float>[] _padded = [];

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
        var paddedRows = rows + 2 * half;
        if (_padded.Length < paddedRows)
            _padded = new Vector256<float>[paddedRows];
        Span<float> lanes = stackalloc float[Lanes];
        for (var c0 = 0; c0 < columns; c0 += Lanes)
        {
            var width = Math.Min(Lanes, columns - c0);
            for (var p = 0; p < paddedRows; p++)
            {
                var row = Reflect(p - half, rows);
                lanes.Clear();
                matrix.Slice(row * columns + c0, width).CopyTo(lanes);
                _padded[p] = Vector256.Create<float>(lanes);
            }
            Run(rows, destination, columns, c0, width);
        }
    }

    private void Run(int rows, Span<float> destination, int columns, int c0, int width)
    {
        var window = _window.AsSpan();
        window.Fill(Vector256.Create(float.PositiveInfinity));
        var infinity = Vector256.Create(float.PositiveInfinity);
        for (var p = 0; p < _size; p++)
            Slide(window, infinity, _padded[p]);
        var mid = _size / 2;
        Span<float> lanes = stackalloc float[Lanes];
        for (var r = 0; r < rows; r++)
        {
            window[mid].CopyTo(lanes);
            lanes[..width].CopyTo(destination.Slice(r * columns + c0, width));
            if (r + 1 < rows)
                Slide(window, _padded[r], _padded[r + _size]);
        }
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
