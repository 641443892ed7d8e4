using SkiaSharp;

namespace MelGenre.Plots.Tests;

public sealed class SpectrogramPlotTests
{
    // matplotlib's magma at 0 and 1: (0.001462, 0.000466, 0.013866) and (0.987053, 0.991438, 0.749504).
    private static readonly SKColor _magmaLow = new(0, 0, 4);
    private static readonly SKColor _magmaHigh = new(252, 253, 191);
    private const int ColorTolerance = 4;

    // Layout constants of PlotCanvas/SpectrogramPlot (fixed margins make the data area predictable).
    private const int Left = 80;
    private const int Right = 125;
    private const int Bottom = 52;
    private const int TopWithoutTitle = 16;
    private const int TopWithTitle = 40;

    /// <summary>Left half of the frames at -80 dB, right half at 0 dB; the lowest band quiet at 0 dB throughout.</summary>
    private static SpectrogramImage HalfAndHalf()
    {
        const int rows = 128;
        const int frames = 100;
        var values = new float[rows * frames];
        for (var row = 0; row < rows; row++)
        {
            for (var frame = 0; frame < frames; frame++)
                values[row * frames + frame] = frame < frames / 2 ? -80f : 0f;
        }
        return new SpectrogramImage(values, rows, frames, 512.0 / 22050, new MelFrequencyAxis());
    }

    [Theory]
    [InlineData(1000, 400)]
    [InlineData(640, 320)]
    [InlineData(1600, 600)]
    public void Png_has_the_requested_size(int width, int height)
    {
        using var png = new Png(SpectrogramPlot.RenderPng(Synthetic.MelChirp(), new SpectrogramPlotOptions(width, height)));
        Assert.Equal((width, height), (png.Width, png.Height));
    }

    [Fact]
    public void Default_size_is_1000_by_400()
    {
        using var png = new Png(SpectrogramPlot.RenderPng(Synthetic.MelChirp()));
        Assert.Equal((1000, 400), (png.Width, png.Height));
    }

    [Fact]
    public void Chirp_picture_is_far_from_uniform()
    {
        using var png = new Png(SpectrogramPlot.RenderPng(Synthetic.MelChirp()));
        var colours = png.DistinctColors();
        Assert.True(colours > 500, $"only {colours} distinct colours in the chirp picture");
    }

    [Fact]
    public void Color_bar_runs_from_magma_black_at_the_minimum_to_magma_cream_at_the_maximum()
    {
        using var png = new Png(SpectrogramPlot.RenderPng(HalfAndHalf()));
        var dataTop = TopWithoutTitle;
        var dataBottom = png.Height - Bottom;
        var middle = (dataTop + dataBottom) / 2;
        // The colour bar is the first non-white column right of the data area's frame.
        var x = png.Width - Right + 2;
        while (x < png.Width && png.InkCount(x, middle, x + 1, middle + 1) == 0)
            x++;
        Assert.True(x < png.Width - 40, $"no colour bar found right of x = {png.Width - Right}");
        var barX = x + 8;
        Png.AssertColor(_magmaHigh, png[barX, dataTop + 3], ColorTolerance, $"colour bar top at ({barX}, {dataTop + 3})");
        Png.AssertColor(_magmaLow, png[barX, dataBottom - 4], ColorTolerance, $"colour bar bottom at ({barX}, {dataBottom - 4})");
    }

    [Fact]
    public void Cells_are_coloured_by_value_with_time_running_left_to_right()
    {
        using var png = new Png(SpectrogramPlot.RenderPng(HalfAndHalf()));
        var middle = (TopWithoutTitle + png.Height - Bottom) / 2;
        Png.AssertColor(_magmaLow, png[Left + 20, middle], ColorTolerance, "early frames (-80 dB)");
        Png.AssertColor(_magmaHigh, png[png.Width - Right - 20, middle], ColorTolerance, "late frames (0 dB)");
    }

    [Fact]
    public void Low_rows_are_drawn_at_the_bottom()
    {
        const int rows = 128;
        const int frames = 10;
        var values = new float[rows * frames];
        for (var i = 0; i < frames; i++)
            values[i] = 0f; // row 0 (lowest band) loud, all else quiet
        for (var i = frames; i < values.Length; i++)
            values[i] = -80f;
        using var png = new Png(SpectrogramPlot.RenderPng(new SpectrogramImage(values, rows, frames, 0.1, new MelFrequencyAxis())));
        var x = png.Width / 3;
        Png.AssertColor(_magmaHigh, png[x, png.Height - Bottom - 2], ColorTolerance, "bottom pixel row (band 0)");
        Png.AssertColor(_magmaLow, png[x, TopWithoutTitle + 2], ColorTolerance, "top pixel row (band 127)");
    }

    [Fact]
    public void Title_draws_text_above_the_data_area()
    {
        var chirp = Synthetic.MelChirp();
        using var titled = new Png(SpectrogramPlot.RenderPng(chirp, new SpectrogramPlotOptions(Title: "Mel spectrogram")));
        using var untitled = new Png(SpectrogramPlot.RenderPng(chirp));
        var inkTitled = titled.InkCount(Left, 0, titled.Width - Right, TopWithTitle - 6);
        var inkUntitled = untitled.InkCount(Left, 0, untitled.Width - Right, TopWithoutTitle - 4);
        Assert.True(inkTitled > 100, $"the title band has only {inkTitled} inked pixels: the title text did not render");
        Assert.Equal(0, inkUntitled);
    }

    [Fact]
    public void Axis_labels_and_tick_labels_render_as_text()
    {
        using var png = new Png(SpectrogramPlot.RenderPng(Synthetic.MelChirp()));
        // Left of the frame: "Hz" and "8192"…; below it: "Time" and "0" … "30"; right of the bar: "+0 dB" … "-80 dB".
        var leftInk = png.InkCount(0, TopWithoutTitle, Left - 8, png.Height - Bottom);
        var bottomInk = png.InkCount(Left, png.Height - Bottom + 8, png.Width - Right, png.Height);
        var barLabelInk = png.InkCount(png.Width - 80, TopWithoutTitle, png.Width, png.Height - Bottom);
        Assert.True(leftInk > 300, $"frequency tick labels: {leftInk} inked pixels");
        Assert.True(bottomInk > 300, $"time tick labels: {bottomInk} inked pixels");
        Assert.True(barLabelInk > 300, $"colour bar labels: {barLabelInk} inked pixels");
    }

    [Fact]
    public void Linear_axis_picture_renders_with_the_stft_row_count()
    {
        var glide = Synthetic.LinearGlide();
        Assert.Equal(1025, glide.Rows);
        using var png = new Png(SpectrogramPlot.RenderPng(glide));
        Assert.Equal((1000, 400), (png.Width, png.Height));
        Assert.True(png.DistinctColors() > 200, "the linear-frequency picture is nearly uniform");
    }

    [Fact]
    public void Rows_that_disagree_with_the_axis_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpectrogramImage(new float[64 * 10], 64, 10, 0.01, new MelFrequencyAxis(128)));
        Assert.Contains("128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_count_must_fill_rows_times_frames()
    {
        Assert.Throws<ArgumentException>(() => new SpectrogramImage(new float[127], 128, 1, 0.01, new MelFrequencyAxis()));
    }

    [Fact]
    public void Pictures_too_small_for_axes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectrogramPlot.RenderPng(Synthetic.MelChirp(), new SpectrogramPlotOptions(100, 100)));
    }

    [Fact]
    public void Colour_range_is_the_finite_data_range_unless_given()
    {
        float[] values = [-70f, float.NaN, -3f, float.NegativeInfinity];
        Assert.Equal((-70.0, -3.0), SpectrogramPlot.ValueRange(values, new SpectrogramPlotOptions()));
        Assert.Equal((-80.0, 0.0), SpectrogramPlot.ValueRange(values, new SpectrogramPlotOptions(MinValue: -80, MaxValue: 0)));
    }

    [Fact]
    public void Pixel_rows_pick_the_mel_band_whose_cell_holds_their_frequency()
    {
        var axis = new MelFrequencyAxis();
        var values = new float[128];
        for (var row = 0; row < 128; row++)
            values[row] = row;
        var image = new SpectrogramImage(values, 128, 1, 0.1, axis);
        var edges = axis.CellEdgesHz();
        const int height = 300;
        var grid = SpectrogramPlot.PixelGrid(image, edges, axis.Scale, 4, height);
        Assert.Equal(127.0, grid[0, 0]);
        Assert.Equal(0.0, grid[height - 1, 0]);
        var top = axis.Scale.ToPlot(edges[^1]);
        for (var py = 0; py < height; py++)
        {
            var hz = axis.Scale.ToHz(top - (py + 0.5) * top / height);
            var band = (int)grid[py, 0];
            Assert.True(edges[band] <= hz + 1e-9 && hz <= edges[band + 1] + 1e-9,
                $"pixel row {py} at {hz:F1} Hz shows band {band} spanning {edges[band]:F1}–{edges[band + 1]:F1} Hz");
        }
    }
}
