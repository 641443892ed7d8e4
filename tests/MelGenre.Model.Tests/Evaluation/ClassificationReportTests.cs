using MelGenre.Model.Evaluation;

namespace MelGenre.Model.Tests.Evaluation;

public sealed class ClassificationReportTests
{
    private const double Tolerance = Matrices.Tolerance;

    private static void AssertClass(ClassMetrics actual, double precision, double recall, double f1, int support)
    {
        Assert.True(Math.Abs(actual.Precision - precision) <= Tolerance, $"{actual.Label} precision {actual.Precision}, expected {precision}");
        Assert.True(Math.Abs(actual.Recall - recall) <= Tolerance, $"{actual.Label} recall {actual.Recall}, expected {recall}");
        Assert.True(Math.Abs(actual.F1 - f1) <= Tolerance, $"{actual.Label} F1 {actual.F1}, expected {f1}");
        Assert.Equal(support, actual.Support);
    }

    [Fact]
    public void Three_genre_scores_match_the_hand_computation()
    {
        var report = new ClassificationReport(Matrices.ThreeGenres());
        Assert.Equal(["blues", "jazz", "rock"], report.Classes.Select(c => c.Label));
        AssertClass(report.Classes[0], 5.0 / 7, 5.0 / 6, 10.0 / 13, 6);
        AssertClass(report.Classes[1], 0.5, 0.5, 0.5, 6);
        AssertClass(report.Classes[2], 6.0 / 7, 0.75, 0.8, 8);
        Assert.Equal(0.7, report.Accuracy, Tolerance);
        Assert.Equal(25.0 / 36, report.BalancedAccuracy, Tolerance);
        Assert.Equal((10.0 / 13 + 0.5 + 0.8) / 3, report.MacroF1, Tolerance);
        Assert.Equal(20, report.Total);
    }

    [Fact]
    public void F1_is_the_harmonic_mean_of_precision_and_recall()
    {
        foreach (var c in new ClassificationReport(Matrices.ThreeGenres()).Classes)
            Assert.Equal(2 * c.Precision * c.Recall / (c.Precision + c.Recall), c.F1, Tolerance);
    }

    [Fact]
    public void Zero_divisions_score_zero_like_scikit_learn_zero_division_0()
    {
        var report = new ClassificationReport(Matrices.OnlyPredictedAndNeverPredicted());
        AssertClass(report.Classes[0], 0.5, 0.75, 0.6, 4);
        AssertClass(report.Classes[1], 1.0, 0.5, 2.0 / 3, 4);
        AssertClass(report.Classes[2], 0.0, 0.0, 0.0, 0); // predicted twice, never true
        AssertClass(report.Classes[3], 0.0, 0.0, 0.0, 2); // true twice, never predicted
        Assert.Equal(0.5, report.Accuracy, Tolerance);
    }

    [Fact]
    public void Balanced_accuracy_and_macro_f1_leave_out_classes_that_are_never_true()
    {
        var report = new ClassificationReport(Matrices.OnlyPredictedAndNeverPredicted());
        // Over blues, classical and disco; counting country's recall as 0 would give 5/16.
        Assert.Equal(5.0 / 12, report.BalancedAccuracy, Tolerance);
        Assert.Equal(19.0 / 45, report.MacroF1, Tolerance);
    }

    [Fact]
    public void Always_guessing_one_class_has_balanced_accuracy_one_over_the_supported_classes()
    {
        // 90 % of the examples are "a": accuracy flatters the constant guess, balanced accuracy does not.
        var report = new ClassificationReport(new ConfusionMatrix(["a", "b", "c"], [90, 0, 0, 5, 0, 0, 5, 0, 0]));
        Assert.Equal(0.9, report.Accuracy, Tolerance);
        Assert.Equal(1.0 / 3, report.BalancedAccuracy, Tolerance);
    }

    [Fact]
    public void Balanced_accuracy_equals_accuracy_when_supports_are_equal()
    {
        var report = new ClassificationReport(Matrices.Binary(7, 3, 4, 6));
        Assert.Equal(report.Accuracy, report.BalancedAccuracy, Tolerance);
    }

    [Fact]
    public void An_empty_matrix_has_no_scores()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClassificationReport(Matrices.Binary(0, 0, 0, 0)));
        Assert.Contains("no examples", error.Message, StringComparison.Ordinal);
    }
}
