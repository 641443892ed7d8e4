namespace MelGenre.Model.Tabular;

/// <summary>Per-column standardisation <c>(x − mean) / scale</c>, fitted on training rows (scikit-learn's
/// <c>StandardScaler</c>: population standard deviation; a constant column gets scale 1).</summary>
/// <param name="Mean">Each column's training mean.</param>
/// <param name="Scale">Each column's training standard deviation (1 where it is 0).</param>
public sealed record Standardisation(IReadOnlyList<double> Mean, IReadOnlyList<double> Scale)
{
    /// <summary>Fits the mean and scale of every column of <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentException">No rows, or rows of different widths.</exception>
    public static Standardisation Fit(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException("Standardisation needs at least one row.", nameof(rows));
        var width = rows[0].Count;
        var mean = new double[width];
        var scale = new double[width];
        foreach (var row in rows)
        {
            if (row.Count != width)
                throw new ArgumentException($"Rows of {row.Count} and {width} values.", nameof(rows));
            for (var c = 0; c < width; c++)
                mean[c] += row[c];
        }
        for (var c = 0; c < width; c++)
            mean[c] /= rows.Count;
        foreach (var row in rows)
            for (var c = 0; c < width; c++)
                scale[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
        for (var c = 0; c < width; c++)
        {
            var deviation = Math.Sqrt(scale[c] / rows.Count);
            scale[c] = deviation > 0 ? deviation : 1;
        }
        return new Standardisation(mean, scale);
    }

    /// <summary>The standardised copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">A width other than the fitted one.</exception>
    public double[] Apply(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Mean.Count)
            throw new ArgumentException($"{values.Count} values, the standardisation has {Mean.Count} columns.", nameof(values));
        var result = new double[values.Count];
        for (var c = 0; c < result.Length; c++)
            result[c] = (values[c] - Mean[c]) / Scale[c];
        return result;
    }
}
