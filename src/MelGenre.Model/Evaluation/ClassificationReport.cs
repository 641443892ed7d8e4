namespace MelGenre.Model.Evaluation;

/// <summary>
/// Scores of one evaluation, all computed from its <see cref="ConfusionMatrix"/> (so reports of several folds can be
/// pooled by summing their matrices). Definitions follow scikit-learn with <c>zero_division=0</c>; see each member.
/// Immutable and thread-safe.
/// </summary>
public sealed class ClassificationReport
{
    /// <summary>Scores <paramref name="matrix"/>.</summary>
    /// <exception cref="ArgumentException">The matrix counts no examples.</exception>
    public ClassificationReport(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Total == 0)
            throw new ArgumentException("A confusion matrix with no examples has no scores.", nameof(matrix));
        Matrix = matrix;
        var classes = new ClassMetrics[matrix.ClassCount];
        double recallSum = 0, f1Sum = 0;
        var supported = 0;
        for (var c = 0; c < classes.Length; c++)
        {
            var tp = matrix.Count(c, c);
            var support = matrix.ActualCount(c);
            var predicted = matrix.PredictedCount(c);
            classes[c] = new ClassMetrics(matrix.Labels[c], Ratio(tp, predicted), Ratio(tp, support), Ratio(2 * tp, support + predicted), support);
            if (support > 0)
            {
                supported++;
                recallSum += classes[c].Recall;
                f1Sum += classes[c].F1;
            }
        }
        Classes = classes;
        Accuracy = (double)matrix.Correct / matrix.Total;
        // Total > 0 guarantees at least one class with support.
        BalancedAccuracy = recallSum / supported;
        MacroF1 = f1Sum / supported;
    }

    /// <summary>The counts scored.</summary>
    public ConfusionMatrix Matrix { get; }

    /// <summary>Class names, in matrix order.</summary>
    public IReadOnlyList<string> Labels => Matrix.Labels;

    /// <summary>Number of examples scored.</summary>
    public int Total => Matrix.Total;

    /// <summary>Per-class precision, recall, F1 and support, in label order (also for classes with no support).</summary>
    public IReadOnlyList<ClassMetrics> Classes { get; }

    /// <summary>Fraction of examples predicted correctly, <c>trace / total</c> (scikit-learn <c>accuracy_score</c>).</summary>
    public double Accuracy { get; }

    /// <summary>
    /// Mean recall over the classes with support (at least one true example), exactly scikit-learn's
    /// <c>balanced_accuracy_score(y_true, y_pred)</c> (<c>adjusted=False</c>): classes that were only predicted, never
    /// true, are left out of the mean rather than counted as recall 0. Equals <see cref="Accuracy"/> when every class
    /// has the same support; a classifier guessing one class scores <c>1 / (classes with support)</c>.
    /// </summary>
    public double BalancedAccuracy { get; }

    /// <summary>
    /// Mean F1 over the classes with support, i.e. scikit-learn's
    /// <c>f1_score(y_true, y_pred, labels=[classes with support], average='macro', zero_division=0)</c>. Unlike
    /// scikit-learn's default label set (every label seen in <c>y_true</c> or <c>y_pred</c>) a class that was only
    /// predicted, never true, is left out, as in <see cref="BalancedAccuracy"/>; its false positives still lower the
    /// precision, hence the F1, of the classes whose examples it took.
    /// </summary>
    public double MacroF1 { get; }

    /// <summary><c>numerator / denominator</c>, or 0 when the denominator is 0 (scikit-learn's <c>zero_division=0</c>).</summary>
    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
