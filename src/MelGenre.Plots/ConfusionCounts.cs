namespace MelGenre.Plots;

/// <summary>
/// What a confusion-matrix picture shows: class names and the counts of (true, predicted) pairs. Plain values, so
/// Plots needs nothing from the model library (the CLI passes <c>ConfusionMatrix.Labels</c> and <c>.Counts</c>).
/// </summary>
public sealed record ConfusionCounts
{
    /// <summary>Describes a <c>labels.Count</c> × <c>labels.Count</c> confusion matrix.</summary>
    /// <param name="labels">Class names (at least 2); class <c>i</c> is <c>labels[i]</c>.</param>
    /// <param name="counts">Row-major counts <c>[true][predicted]</c>, <c>labels.Count²</c> values, none negative.</param>
    /// <exception cref="ArgumentException">Fewer than 2 labels, a count length that is not <c>labels.Count²</c>, or a negative count.</exception>
    public ConfusionCounts(IReadOnlyList<string> labels, ReadOnlyMemory<int> counts)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < 2)
            throw new ArgumentException($"A confusion matrix needs at least 2 labels, got {labels.Count}.", nameof(labels));
        if (counts.Length != labels.Count * labels.Count)
            throw new ArgumentException($"{labels.Count} labels need {labels.Count * labels.Count} counts, got {counts.Length}.", nameof(counts));
        foreach (var count in counts.Span)
        {
            if (count < 0)
                throw new ArgumentException($"Counts must not be negative, got {count}.", nameof(counts));
        }
        Labels = [.. labels];
        Counts = counts;
    }

    /// <summary>Class names.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Row-major counts <c>[true][predicted]</c>.</summary>
    public ReadOnlyMemory<int> Counts { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => Labels.Count;

    /// <summary>Examples of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int Count(int actual, int predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actual);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(actual, ClassCount);
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, ClassCount);
        return Counts.Span[actual * ClassCount + predicted];
    }

    /// <summary>
    /// Recall of each cell: its count divided by its row's total (the true class's support), so each row sums to 1 and
    /// the diagonal is per-class recall; NaN for every cell of a row with no examples.
    /// </summary>
    public double[,] RowNormalized()
    {
        var n = ClassCount;
        var recall = new double[n, n];
        for (var actual = 0; actual < n; actual++)
        {
            var support = 0L;
            for (var predicted = 0; predicted < n; predicted++)
                support += Count(actual, predicted);
            for (var predicted = 0; predicted < n; predicted++)
                recall[actual, predicted] = support == 0 ? double.NaN : (double)Count(actual, predicted) / support;
        }
        return recall;
    }
}
