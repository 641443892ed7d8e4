using System.Numerics;

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
    public static MeanVariance Of(ReadOnlySpan<float> values) => Of<float>(values);

    /// <inheritdoc cref="Of(ReadOnlySpan{float})"/>
    public static MeanVariance Of(ReadOnlySpan<double> values) => Of<double>(values);

    private static MeanVariance Of<T>(ReadOnlySpan<T> values) where T : INumberBase<T>
    {
        if (values.IsEmpty)
            return new(double.NaN, double.NaN);
        var sum = 0.0;
        foreach (var x in values)
            sum += double.CreateTruncating(x);
        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var x in values)
        {
            var d = double.CreateTruncating(x) - mean;
            squares += d * d;
        }
        return new(mean, squares / values.Length);
    }
}
