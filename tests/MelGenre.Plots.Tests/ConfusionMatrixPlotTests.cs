using SkiaSharp;

namespace MelGenre.Plots.Tests;

public sealed class ConfusionMatrixPlotTests
{
    private static readonly string[] _genres = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    /// <summary>10 genres, 20 examples each: 16 on the diagonal, 4 on the next genre.</summary>
    internal static ConfusionCounts DiagonalHeavy()
    {
        var counts = new int[100];
        for (var c = 0; c < 10; c++)
        {
            counts[c * 10 + c] = 16;
            counts[c * 10 + (c + 1) % 10] = 4;
        }
        return new ConfusionCounts(_genres, counts);
    }

    /// <summary>10 genres, every cell 2: a classifier that guesses.</summary>
    private static ConfusionCounts Uniform() => new(_genres, Enumerable.Repeat(2, 100).ToArray());

    /// <summary>Mean and standard deviation of the pixels' luminance inside the rectangle.</summary>
    private static (double Mean, double Deviation) Luminance(Png png, int left, int top, int right, int bottom)
    {
        var values = new List<double>();
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var c = png[x, y];
                values.Add(0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue);
            }
        }
        var mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count));
    }

    [Fact]
    public void Png_has_the_requested_size_and_is_not_blank()
    {
        using var png = new Png(ConfusionMatrixPlot.RenderPng(DiagonalHeavy(), new PlotOptions(640, 560, "Confusion")));
        Assert.Equal((640, 560), (png.Width, png.Height));
        // Text, frame, dark diagonal cells and the colour bar; the pale cells are not counted as ink.
        var ink = png.InkCount(0, 0, png.Width, png.Height);
        Assert.True(ink > png.Width * png.Height / 20, $"only {ink} of {png.Width * png.Height} pixels are inked");
        Assert.True(png.DistinctColors() > 100, $"only {png.DistinctColors()} distinct colours");
    }

    [Theory]
    [InlineData(PlotOptions.MinimumWidth, PlotOptions.MinimumHeight)]
    [InlineData(1200, 300)]
    public void Ten_genres_render_at_any_allowed_size(int width, int height)
    {
        using var png = new Png(ConfusionMatrixPlot.RenderPng(DiagonalHeavy(), new PlotOptions(width, height)));
        Assert.Equal((width, height), (png.Width, png.Height));
    }

    [Fact]
    public void Default_picture_is_700_by_600()
    {
        using var png = new Png(ConfusionMatrixPlot.RenderPng(DiagonalHeavy()));
        Assert.Equal((700, 600), (png.Width, png.Height));
    }

    [Fact]
    public void Diagonal_heavy_matrix_looks_different_from_a_uniform_one()
    {
        using var diagonal = new Png(ConfusionMatrixPlot.RenderPng(DiagonalHeavy()));
        using var uniform = new Png(ConfusionMatrixPlot.RenderPng(Uniform()));
        // Inside the data area (the labels are the same in both pictures): a uniform 0.1 recall everywhere is one pale
        // colour; 0.8 on the diagonal is dark cells on a white field.
        var area = (Left: 200, Top: 100, Right: 500, Bottom: 400);
        var d = Luminance(diagonal, area.Left, area.Top, area.Right, area.Bottom);
        var u = Luminance(uniform, area.Left, area.Top, area.Right, area.Bottom);
        Assert.True(d.Deviation > 3 * u.Deviation, $"luminance SD: diagonal {d.Deviation:F1}, uniform {u.Deviation:F1}");
        Assert.True(d.Deviation > 40, $"diagonal picture's luminance SD is only {d.Deviation:F1}");
    }

    [Fact]
    public void Diagonal_cells_are_dark_blue_and_empty_cells_the_palest_blue()
    {
        // 2 classes on a 600×500 picture without title: data area x 100…500 (left margin ≥ 80, colour bar 100), y 16…448.
        var counts = new ConfusionCounts(["a", "b"], new[] { 9, 0, 0, 9 });
        using var png = new Png(ConfusionMatrixPlot.RenderPng(counts, new PlotOptions(600, 500)));
        var dataRight = 600 - 100;
        var dataTop = 16;
        var dataBottom = 500 - 52;
        var cell = (dataBottom - dataTop) / 2;
        // Top-right cell (true a, predicted b): count 0, recall 0, Blues' lowest colour #f7fbff; sampled away from its "0".
        Png.AssertColor(new SKColor(0xf7, 0xfb, 0xff), png[dataRight - 8, dataTop + 8], 2, "true a / predicted b corner");
        // Top-left quarter of the bottom-right cell (true b, predicted b): recall 1, darkest blue.
        var dark = png[dataRight - 8, dataBottom - 8];
        Assert.True(dark.Blue > dark.Red + 60 && dark.Red < 60, $"true b / predicted b should be dark blue, got {dark}");
        Assert.True(cell > 100, $"cells should be large on this picture, got {cell} pixels");
    }

    [Fact]
    public void Rows_without_examples_are_grey()
    {
        var counts = new ConfusionCounts(["a", "b"], new[] { 5, 1, 0, 0 });
        using var png = new Png(ConfusionMatrixPlot.RenderPng(counts, new PlotOptions(600, 500)));
        Png.AssertColor(new SKColor(0xd0, 0xd0, 0xd0), png[500 - 8, 500 - 52 - 8], 2, "the empty row b");
    }

    [Fact]
    public void Recall_is_each_count_over_its_row_total()
    {
        var recall = new ConfusionCounts(["a", "b", "c"], new[] { 3, 1, 0, 0, 0, 0, 2, 2, 4 }).RowNormalized();
        Assert.Equal([0.75, 0.25, 0.0], [recall[0, 0], recall[0, 1], recall[0, 2]]);
        Assert.True(double.IsNaN(recall[1, 0]) && double.IsNaN(recall[1, 1]) && double.IsNaN(recall[1, 2]), "a row with no examples has no recall");
        Assert.Equal([0.25, 0.25, 0.5], [recall[2, 0], recall[2, 1], recall[2, 2]]);
    }

    [Fact]
    public void Counts_must_fill_the_square_and_not_be_negative()
    {
        Assert.Throws<ArgumentException>(() => new ConfusionCounts(["a", "b"], new[] { 1, 2, 3 }));
        Assert.Throws<ArgumentException>(() => new ConfusionCounts(["a", "b"], new[] { 1, 2, 3, -4 }));
        Assert.Throws<ArgumentException>(() => new ConfusionCounts(["a"], new[] { 1 }));
    }
}
