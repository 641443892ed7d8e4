namespace MelGenre.Model.Evaluation;

/// <summary>
/// Counts of (true label, predicted label) pairs over a fixed list of classes, as scikit-learn's
/// <c>confusion_matrix(y_true, y_pred, labels=labels)</c>: row = true class, column = predicted class. Immutable
/// (so a report can hold it); build one with <see cref="ConfusionMatrixBuilder"/>, from counts, or as the
/// <see cref="Sum"/> of several (cross-validation folds). Thread-safe.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly string[] _labels;
    private readonly int[] _counts;

    /// <summary>A matrix from its counts.</summary>
    /// <param name="labels">Class names, at least 2, distinct (ordinal); index <c>i</c> is class <c>i</c>.</param>
    /// <param name="counts">Row-major counts <c>[true][predicted]</c>, <c>labels.Count²</c> values, none negative.</param>
    /// <exception cref="ArgumentException">Fewer than 2 labels, repeated labels, wrong count length or a negative count.</exception>
    public ConfusionMatrix(IReadOnlyList<string> labels, ReadOnlySpan<int> counts)
    {
        _labels = CheckLabels(labels);
        if (counts.Length != _labels.Length * _labels.Length)
            throw new ArgumentException($"{_labels.Length} classes need {_labels.Length * _labels.Length} counts, got {counts.Length}.", nameof(counts));
        _counts = counts.ToArray();
        long total = 0;
        foreach (var c in _counts)
        {
            if (c < 0)
                throw new ArgumentException($"Counts must not be negative, got {c}.", nameof(counts));
            total += c;
        }
        Total = checked((int)total);
    }

    /// <summary>Class names; class <c>i</c> is <c>Labels[i]</c>.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _labels.Length;

    /// <summary>Row-major counts <c>[true][predicted]</c> (<see cref="ClassCount"/>² values).</summary>
    public ReadOnlyMemory<int> Counts => _counts;

    /// <summary>Number of examples counted.</summary>
    public int Total { get; }

    /// <summary>Examples of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int Count(int actual, int predicted) => _counts[CheckClass(actual, ClassCount) * ClassCount + CheckClass(predicted, ClassCount)];

    /// <summary>Row sum: examples whose true class is <paramref name="actual"/> (the class's support).</summary>
    public int ActualCount(int actual)
    {
        var sum = 0;
        foreach (var count in _counts.AsSpan(CheckClass(actual, ClassCount) * ClassCount, ClassCount))
            sum += count;
        return sum;
    }

    /// <summary>Column sum: examples predicted as <paramref name="predicted"/>.</summary>
    public int PredictedCount(int predicted)
    {
        CheckClass(predicted, ClassCount);
        var sum = 0;
        for (var actual = 0; actual < ClassCount; actual++)
            sum += _counts[actual * ClassCount + predicted];
        return sum;
    }

    /// <summary>The trace: examples predicted as their true class.</summary>
    public int Correct
    {
        get
        {
            var sum = 0;
            for (var c = 0; c < ClassCount; c++)
                sum += _counts[c * ClassCount + c];
            return sum;
        }
    }

    /// <summary>Element-wise sum of matrices over the same labels, e.g. the validation folds of a cross-validation
    /// (the pooled matrix: every example counted once, in the fold that held it out).</summary>
    /// <exception cref="ArgumentException">No matrices, or labels that differ (names or order).</exception>
    public static ConfusionMatrix Sum(IEnumerable<ConfusionMatrix> matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        ConfusionMatrixBuilder? builder = null;
        foreach (var matrix in matrices)
        {
            ArgumentNullException.ThrowIfNull(matrix, nameof(matrices));
            builder ??= new ConfusionMatrixBuilder(matrix.Labels);
            builder.Add(matrix);
        }
        return builder?.Build() ?? throw new ArgumentException("There are no matrices to sum.", nameof(matrices));
    }

    internal static string[] CheckLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < 2)
            throw new ArgumentException($"A confusion matrix needs at least 2 labels, got {labels.Count}.", nameof(labels));
        var copy = labels.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in copy)
        {
            ArgumentNullException.ThrowIfNull(label, nameof(labels));
            if (!seen.Add(label))
                throw new ArgumentException($"Label \"{label}\" appears twice.", nameof(labels));
        }
        return copy;
    }

    internal static int CheckClass(int index, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, classCount);
        return index;
    }
}
