namespace MelGenre.Model.Evaluation;

/// <summary>Accumulates (true, predicted) pairs into a <see cref="ConfusionMatrix"/>. Not thread-safe.</summary>
public sealed class ConfusionMatrixBuilder
{
    private readonly string[] _labels;
    private readonly int[] _counts;

    /// <summary>An empty matrix over <paramref name="labels"/> (at least 2, distinct; index <c>i</c> is class <c>i</c>).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 labels or repeated labels.</exception>
    public ConfusionMatrixBuilder(IReadOnlyList<string> labels)
    {
        _labels = ConfusionMatrix.CheckLabels(labels);
        _counts = new int[_labels.Length * _labels.Length];
    }

    /// <summary>Class names.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Counts one example of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public ConfusionMatrixBuilder Add(int actual, int predicted) => Add(actual, predicted, 1);

    /// <summary>Counts <paramref name="count"/> (≥ 0) examples of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public ConfusionMatrixBuilder Add(int actual, int predicted, int count)
    {
        var n = _labels.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var cell = ConfusionMatrix.CheckClass(actual, n) * n + ConfusionMatrix.CheckClass(predicted, n);
        _counts[cell] = checked(_counts[cell] + count);
        return this;
    }

    /// <summary>Adds every count of <paramref name="matrix"/>, which must have the same labels in the same order.</summary>
    /// <exception cref="ArgumentException">The labels differ.</exception>
    public ConfusionMatrixBuilder Add(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!matrix.Labels.SequenceEqual(_labels, StringComparer.Ordinal))
            throw new ArgumentException($"Labels [{string.Join(", ", matrix.Labels)}] differ from [{string.Join(", ", _labels)}].", nameof(matrix));
        var counts = matrix.Counts.Span;
        for (var i = 0; i < counts.Length; i++)
            _counts[i] = checked(_counts[i] + counts[i]);
        return this;
    }

    /// <summary>The counts so far, as an immutable matrix (the builder stays usable).</summary>
    public ConfusionMatrix Build() => new(_labels, _counts);
}
