using MelGenre.Model.Tabular;

namespace MelGenre.Model.Tests.Tabular;

public sealed class StandardisationTests
{
    [Fact]
    public void Fit_uses_the_population_deviation_and_gives_constant_columns_scale_one()
    {
        double[][] rows = [[1, 5], [3, 5], [5, 5]];

        var standardisation = Standardisation.Fit(rows);

        Assert.Equal([3.0, 5.0], standardisation.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3), standardisation.Scale[0], 12);
        Assert.Equal(1.0, standardisation.Scale[1]);
        var applied = standardisation.Apply([5, 7]);
        Assert.Equal(2 / Math.Sqrt(8.0 / 3), applied[0], 12);
        Assert.Equal(2.0, applied[1], 12);
    }

    [Fact]
    public void Apply_refuses_a_row_of_another_width()
    {
        var standardisation = Standardisation.Fit([new double[] { 1, 2 }]);

        Assert.Throws<ArgumentException>(() => standardisation.Apply([1.0]));
    }
}
