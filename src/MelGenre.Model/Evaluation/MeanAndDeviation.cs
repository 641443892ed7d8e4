namespace MelGenre.Model.Evaluation;

/// <summary>Mean and sample standard deviation of a score over cross-validation folds.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation with Bessel's correction,
/// <c>sqrt(Σ (x − mean)² / (n − 1))</c> (numpy <c>std(ddof=1)</c>, pandas' default).</param>
public readonly record struct MeanAndDeviation(double Mean, double StandardDeviation)
{
    /// <summary>Mean and sample standard deviation of <paramref name="values"/> (at least 2).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 values.</exception>
    public static MeanAndDeviation Of(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
            throw new ArgumentException($"A sample standard deviation needs at least 2 values, got {values.Length}.", nameof(values));
        var mean = 0.0;
        foreach (var v in values)
            mean += v;
        mean /= values.Length;
        var squares = 0.0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return new MeanAndDeviation(mean, Math.Sqrt(squares / (values.Length - 1)));
    }
}
