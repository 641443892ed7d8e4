namespace MelGenre.Model.Evaluation;

/// <summary>
/// Scores of a k-fold cross-validation: each fold's <see cref="ClassificationReport"/> on its held-out part, the
/// mean ± sample standard deviation of the fold scores (how much the estimate moves with the split), and the
/// <see cref="Pooled"/> report of all folds' matrices summed (every example scored once, by the model that did not
/// train on it). Immutable and thread-safe.
/// </summary>
public sealed class CrossValidationReport
{
    /// <summary>Summarises <paramref name="folds"/> (at least 2, all over the same labels in the same order).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 folds, or folds over different labels.</exception>
    public CrossValidationReport(IReadOnlyList<ClassificationReport> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count < 2)
            throw new ArgumentException($"Cross-validation needs at least 2 folds, got {folds.Count}.", nameof(folds));
        Folds = [.. folds];
        foreach (var fold in Folds)
            ArgumentNullException.ThrowIfNull(fold, nameof(folds));
        Pooled = new ClassificationReport(ConfusionMatrix.Sum(Folds.Select(f => f.Matrix)));
        Accuracy = Spread(f => f.Accuracy);
        BalancedAccuracy = Spread(f => f.BalancedAccuracy);
        MacroF1 = Spread(f => f.MacroF1);
    }

    /// <summary>Each fold's report, in the order given (fold 0 first).</summary>
    public IReadOnlyList<ClassificationReport> Folds { get; }

    /// <summary>The report of the summed fold matrices. Its accuracy is the folds' accuracies weighted by fold size,
    /// so it differs from <see cref="Accuracy"/>'s mean when folds differ in size.</summary>
    public ClassificationReport Pooled { get; }

    /// <summary><see cref="ClassificationReport.Accuracy"/> over the folds.</summary>
    public MeanAndDeviation Accuracy { get; }

    /// <summary><see cref="ClassificationReport.BalancedAccuracy"/> over the folds.</summary>
    public MeanAndDeviation BalancedAccuracy { get; }

    /// <summary><see cref="ClassificationReport.MacroF1"/> over the folds.</summary>
    public MeanAndDeviation MacroF1 { get; }

    private MeanAndDeviation Spread(Func<ClassificationReport, double> score) =>
        MeanAndDeviation.Of(Folds.Select(score).ToArray());
}
