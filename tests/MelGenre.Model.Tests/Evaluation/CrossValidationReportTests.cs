using MelGenre.Model.Evaluation;

namespace MelGenre.Model.Tests.Evaluation;

public sealed class CrossValidationReportTests
{
    private const double Tolerance = Matrices.Tolerance;

    /// <summary>
    /// Three folds of two classes:
    /// fold 0 [[1, 1], [1, 1]]: accuracy 1/2, balanced accuracy (1/2 + 1/2) / 2 = 1/2;
    /// fold 1 [[2, 1], [0, 1]]: accuracy 3/4, balanced accuracy (2/3 + 1) / 2 = 5/6;
    /// fold 2 [[2, 0], [0, 2]]: accuracy 1,   balanced accuracy 1.
    /// Accuracy: mean 3/4, sample SD sqrt((1/16 + 0 + 1/16) / 2) = 1/4.
    /// Balanced accuracy: mean 7/9, deviations −5/18, 1/18, 4/18, sample SD sqrt(42/324 / 2) = sqrt(21)/18.
    /// Pooled [[5, 2], [1, 4]]: accuracy 9/12, balanced accuracy (5/7 + 4/5) / 2 = 53/70.
    /// </summary>
    private static CrossValidationReport ThreeFolds() => new(
    [
        new ClassificationReport(Matrices.Binary(1, 1, 1, 1)),
        new ClassificationReport(Matrices.Binary(2, 1, 0, 1)),
        new ClassificationReport(Matrices.Binary(2, 0, 0, 2)),
    ]);

    [Fact]
    public void Fold_scores_give_mean_and_sample_standard_deviation()
    {
        var cv = ThreeFolds();
        Assert.Equal(0.75, cv.Accuracy.Mean, Tolerance);
        Assert.Equal(0.25, cv.Accuracy.StandardDeviation, Tolerance);
        Assert.Equal(7.0 / 9, cv.BalancedAccuracy.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(21) / 18, cv.BalancedAccuracy.StandardDeviation, Tolerance);
    }

    [Fact]
    public void Pooled_report_scores_the_summed_fold_matrices()
    {
        var pooled = ThreeFolds().Pooled;
        Assert.Equal([5, 2, 1, 4], pooled.Matrix.Counts.ToArray());
        Assert.Equal(0.75, pooled.Accuracy, Tolerance);
        Assert.Equal(53.0 / 70, pooled.BalancedAccuracy, Tolerance);
    }

    [Fact]
    public void Sample_standard_deviation_divides_by_n_minus_one()
    {
        // numpy.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) = sqrt(32 / 7)
        var spread = MeanAndDeviation.Of([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5.0, spread.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(32.0 / 7), spread.StandardDeviation, Tolerance);
        Assert.Equal(new MeanAndDeviation(0.5, 0.0), MeanAndDeviation.Of([0.5, 0.5]));
    }

    [Fact]
    public void One_fold_is_not_a_cross_validation()
    {
        Assert.Throws<ArgumentException>(() => new CrossValidationReport([new ClassificationReport(Matrices.Binary(1, 0, 0, 1))]));
    }

    [Fact]
    public void Folds_over_different_labels_are_refused()
    {
        var other = new ClassificationReport(new ConfusionMatrix(["a", "c"], [1, 0, 0, 1]));
        Assert.Throws<ArgumentException>(() => new CrossValidationReport([new ClassificationReport(Matrices.Binary(1, 0, 0, 1)), other]));
    }
}
