using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// The mean and the population variance of a set of values, as <c>np.mean(x)</c> and <c>np.var(x)</c> (<c>ddof=0</c>)
/// over all of them: the two numbers the GTZAN feature table keeps of each feature.
/// </summary>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="Variance">The mean squared deviation from <paramref name="Mean"/>.</param>
public readonly record struct MeanVariance(double Mean, double Variance)
{
    /// <summary>Mean and variance of <paramref name="values"/> in float64, two passes as numpy (NaN for no values).</summary>
    public static MeanVariance Of(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
            return new(double.NaN, double.NaN);
        var mean = Sum(values) / values.Length;
        return new(mean, SquaredDeviations(values, mean) / values.Length);
    }

    /// <inheritdoc cref="Of(ReadOnlySpan{float})"/>
    public static MeanVariance Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
            return new(double.NaN, double.NaN);
        var sum = 0.0;
        foreach (var x in values)
            sum += x;
        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var x in values)
            squares += (x - mean) * (x - mean);
        return new(mean, squares / values.Length);
    }

    // Σ x in float64, eight lanes at a time (numpy sums pairwise: the orders differ by float64 rounding only).
    private static double Sum(ReadOnlySpan<float> values)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(values);
            Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
            for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i));
                low += lower;
                high += upper;
            }
            sum = Vector256.Sum(low + high);
        }
        for (; i < values.Length; i++)
            sum += values[i];
        return sum;
    }

    /// <summary>Σ (x − center)² in float64, eight lanes at a time.</summary>
    internal static double SquaredDeviations(ReadOnlySpan<float> values, double center)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(values);
            var c = Vector256.Create(center);
            Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
            for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i));
                lower -= c;
                upper -= c;
                low += lower * lower;
                high += upper * upper;
            }
            sum = Vector256.Sum(low + high);
        }
        for (; i < values.Length; i++)
        {
            var d = values[i] - center;
            sum += d * d;
        }
        return sum;
    }
}
