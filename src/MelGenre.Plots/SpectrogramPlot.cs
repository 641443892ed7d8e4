using ScottPlot;
using ScottPlot.Plottables;

namespace MelGenre.Plots;

/// <summary>
/// Spectrogram pictures drawn like <c>librosa.display.specshow(S_db, x_axis='time', y_axis='mel' or 'linear')</c>
/// followed by <c>plt.colorbar(format='%+2.0f dB')</c>: magma colours, each value a flat cell (pcolormesh),
/// time in seconds, frequency ticks in Hz, a colour bar on the right. Thread-safe: every call builds its own plot.
/// </summary>
public static class SpectrogramPlot
{
    private const int ColorBarMargin = 125;

    /// <summary>Renders <paramref name="image"/> as a PNG.</summary>
    /// <param name="image">Values and axes to draw.</param>
    /// <param name="options">Size, title and colour range; null = 1000×400, no title, data range.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] RenderPng(SpectrogramImage image, SpectrogramPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new SpectrogramPlotOptions();
        var canvas = new PlotCanvas(options, ColorBarMargin);
        var plot = canvas.Plot;

        var axis = image.FrequencyAxis;
        var edges = axis.CellEdgesHz();
        var scale = axis.Scale;
        var bottom = scale.ToPlot(edges[0]);
        var top = scale.ToPlot(edges[^1]);

        var (min, max) = ValueRange(image.Values.Span, options);
        var heatmap = plot.Add.Heatmap(PixelGrid(image, edges, scale, canvas.DataWidth, canvas.DataHeight));
        heatmap.Colormap = new ScottPlot.Colormaps.Magma();
        heatmap.ManualRange = new ScottPlot.Range(min, max);
        heatmap.Rectangle = new CoordinateRect(0, image.DurationSeconds, bottom, top);
        plot.Axes.SetLimits(0, image.DurationSeconds, bottom, top);

        canvas.SetTimeAxis(image.DurationSeconds);
        var frequencyTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var hz in scale.Ticks(edges[0], edges[^1], canvas.MaxYTicks))
            frequencyTicks.AddMajor(scale.ToPlot(hz), TickMath.PlainLabel(hz));
        plot.Axes.Left.TickGenerator = frequencyTicks;
        plot.Axes.Left.Label.Text = "Hz";

        AddColorBar(plot, heatmap, min, max, image.Unit, canvas.MaxYTicks);
        return canvas.RenderPng();
    }

    /// <summary>
    /// One value per data-area pixel, nearest cell (what a rasterised pcolormesh shows): pixel rows map through the
    /// frequency scale to a row's Hz cell, pixel columns to a frame. Row 0 of the grid is the top of the picture.
    /// </summary>
    internal static double[,] PixelGrid(SpectrogramImage image, double[] edges, FrequencyScale scale, int width, int height)
    {
        var bottom = scale.ToPlot(edges[0]);
        var top = scale.ToPlot(edges[^1]);
        var rowOfPixel = new int[height];
        for (var py = 0; py < height; py++)
        {
            var hz = scale.ToHz(top - (py + 0.5) * (top - bottom) / height);
            var row = Array.BinarySearch(edges, hz);
            row = row >= 0 ? row : ~row - 1;
            rowOfPixel[py] = Math.Clamp(row, 0, image.Rows - 1);
        }
        var frameOfPixel = new int[width];
        for (var px = 0; px < width; px++)
            frameOfPixel[px] = Math.Min((int)((px + 0.5) * image.Frames / width), image.Frames - 1);

        var values = image.Values.Span;
        var grid = new double[height, width];
        for (var py = 0; py < height; py++)
        {
            var rowValues = values.Slice(rowOfPixel[py] * image.Frames, image.Frames);
            for (var px = 0; px < width; px++)
                grid[py, px] = rowValues[frameOfPixel[px]];
        }
        return grid;
    }

    /// <summary>matplotlib's default normalisation: the finite data's minimum and maximum, unless given.</summary>
    internal static (double Min, double Max) ValueRange(ReadOnlySpan<float> values, SpectrogramPlotOptions options)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
                continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max)
            (min, max) = (0, 1);
        min = options.MinValue ?? min;
        max = options.MaxValue ?? max;
        if (!(max > min))
            (min, max) = (min - 0.5, min + 0.5);
        return (min, max);
    }

    private static void AddColorBar(Plot plot, Heatmap heatmap, double min, double max, string unit, int maxTicks)
    {
        var colorBar = plot.Add.ColorBar(heatmap, Edge.Right);
        colorBar.Width = 22;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var positions = TickMath.Nice(min, max, maxTicks, TickMath.AutoSteps);
        var step = positions.Length > 1 ? positions[1] - positions[0] : 1;
        foreach (var value in positions)
            ticks.AddMajor(value, TickMath.SignedLabel(value, step, unit));
        colorBar.Axis.TickGenerator = ticks;
    }
}
