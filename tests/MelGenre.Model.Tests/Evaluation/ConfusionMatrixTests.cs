using MelGenre.Model.Evaluation;

namespace MelGenre.Model.Tests.Evaluation;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Builder_counts_pairs_with_rows_as_true_labels_and_columns_as_predictions()
    {
        var matrix = new ConfusionMatrixBuilder(["blues", "jazz", "rock"])
            .Add(0, 0).Add(0, 1).Add(2, 1, 4).Add(1, 1, 0)
            .Build();
        Assert.Equal(1, matrix.Count(0, 0));
        Assert.Equal(1, matrix.Count(0, 1));
        Assert.Equal(4, matrix.Count(2, 1));
        Assert.Equal(0, matrix.Count(1, 2));
        Assert.Equal(6, matrix.Total);
        Assert.Equal([1, 1, 0, 0, 0, 0, 0, 4, 0], matrix.Counts.ToArray());
    }

    [Fact]
    public void Row_sums_are_supports_and_column_sums_are_prediction_counts()
    {
        var matrix = Matrices.ThreeGenres();
        Assert.Equal([6, 6, 8], Enumerable.Range(0, 3).Select(matrix.ActualCount));
        Assert.Equal([7, 6, 7], Enumerable.Range(0, 3).Select(matrix.PredictedCount));
        Assert.Equal(14, matrix.Correct);
        Assert.Equal(20, matrix.Total);
    }

    [Fact]
    public void Built_matrix_does_not_change_when_the_builder_goes_on_counting()
    {
        var builder = new ConfusionMatrixBuilder(["a", "b"]).Add(0, 0);
        var first = builder.Build();
        builder.Add(1, 1);
        Assert.Equal(1, first.Total);
        Assert.Equal(2, builder.Build().Total);
    }

    [Fact]
    public void Sum_of_fold_matrices_adds_cell_by_cell()
    {
        var sum = ConfusionMatrix.Sum([Matrices.Binary(1, 2, 3, 4), Matrices.Binary(10, 20, 30, 40), Matrices.Binary(0, 0, 0, 1)]);
        Assert.Equal([11, 22, 33, 45], sum.Counts.ToArray());
        Assert.Equal(["a", "b"], sum.Labels);
    }

    [Fact]
    public void Sum_refuses_matrices_over_different_labels_or_none()
    {
        var reordered = new ConfusionMatrix(["b", "a"], [1, 0, 0, 1]);
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Sum([Matrices.Binary(1, 0, 0, 1), reordered]));
        Assert.Contains("[b, a]", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.Sum([]));
    }

    [Theory]
    [InlineData("only")]
    [InlineData("rock", "pop", "rock")]
    public void Labels_must_be_at_least_two_and_distinct(params string[] labels)
    {
        Assert.Throws<ArgumentException>(() => new ConfusionMatrixBuilder(labels));
    }

    [Fact]
    public void Counts_must_fill_the_square_and_not_be_negative()
    {
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(["a", "b"], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(["a", "b"], [1, -2, 3, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrixBuilder(["a", "b"]).Add(0, 1, -1));
    }

    [Fact]
    public void Class_indices_outside_the_labels_are_refused()
    {
        var builder = new ConfusionMatrixBuilder(["a", "b"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build().Count(0, 2));
    }
}
