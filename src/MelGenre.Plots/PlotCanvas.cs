using ScottPlot;
using ScottPlot.Panels;
using SkiaSharp;

namespace MelGenre.Plots;

/// <summary>
/// A ScottPlot figure laid out like a default matplotlib one: fixed margins (so the data area's pixel size is known
/// before rendering and images can be drawn one cell per pixel), black frame, no grid, DejaVu Sans text.
/// </summary>
internal sealed class PlotCanvas
{
    public const float TickFontSize = 13;
    public const float LabelFontSize = 14;
    public const float TitleFontSize = 16;

    /// <summary>Default left margin: room for tick labels like "8192" and a vertical axis label.</summary>
    public const int LeftMargin = 80;

    /// <summary>Default bottom margin: room for one line of horizontal tick labels and an axis label.</summary>
    public const int BottomMargin = 52;

    private const int TopMargin = 16;
    private const int TitleMargin = 40;

    /// <summary>PNG settings: Skia's defaults (all row filters, zlib level 6); level 9 made the example spectrogram only 3 % smaller.</summary>
    private static readonly SKPngEncoderOptions _pngEncoding = new(SKPngEncoderFilterFlags.AllFilters, 6);

    /// <summary>A plot whose data area leaves the given margins (pixels) around it; the top one follows from the title.</summary>
    public PlotCanvas(PlotOptions options, int rightMargin, int leftMargin = LeftMargin, int bottomMargin = BottomMargin)
    {
        options.Validate();
        PlotFont.EnsureRegistered();
        Options = options;
        var padding = new PixelPadding(leftMargin, rightMargin, bottomMargin, options.Title is null ? TopMargin : TitleMargin);
        DataWidth = options.Width - leftMargin - rightMargin;
        DataHeight = options.Height - bottomMargin - (int)padding.Top;
        Plot = new Plot();
        Plot.Layout.Fixed(padding);
        Plot.HideGrid();
        Plot.FigureBackground.Color = Colors.White;
        Plot.DataBackground.Color = Colors.White;
        Plot.Axes.Margins(0, 0);
        if (options.Title is not null)
            Plot.Title(options.Title, TitleFontSize);
    }

    public Plot Plot { get; }

    public PlotOptions Options { get; }

    /// <summary>Width of the data area in pixels.</summary>
    public int DataWidth { get; }

    /// <summary>Height of the data area in pixels.</summary>
    public int DataHeight { get; }

    /// <summary>About how many tick labels fit along the x axis (matplotlib: axis length / 3 font sizes).</summary>
    public int MaxXTicks => Math.Max(2, (int)(DataWidth / (3 * TickFontSize * 1.4)));

    /// <summary>About how many tick labels fit along the y axis (matplotlib: axis length / 2 font sizes).</summary>
    public int MaxYTicks => Math.Max(2, (int)(DataHeight / (2 * TickFontSize * 1.4)));

    /// <summary>Puts seconds ticks (librosa <c>x_axis='time'</c>) on the bottom axis, labelled "Time".</summary>
    public void SetTimeAxis(double durationSeconds)
    {
        // Fewer ticks while the labels would crowd (long decimals of very short clips).
        for (var maxTicks = MaxXTicks; ; maxTicks--)
        {
            var positions = TickMath.Nice(0, durationSeconds, maxTicks, TickMath.TimeSteps);
            var labels = Array.ConvertAll(positions, t => TickMath.TimeLabel(t, durationSeconds));
            var needed = labels.Sum(label => (label.Length * 0.62 + 2) * TickFontSize);
            if (needed <= DataWidth || maxTicks <= 2)
            {
                var ticks = new ScottPlot.TickGenerators.NumericManual();
                for (var i = 0; i < positions.Length; i++)
                    ticks.AddMajor(positions[i], labels[i]);
                Plot.Axes.Bottom.TickGenerator = ticks;
                break;
            }
        }
        Plot.Axes.Bottom.Label.Text = "Time";
    }

    /// <summary>Puts matplotlib-style ticks (no minor ticks, steps 1, 2, 2.5, 5) on the left axis.</summary>
    public void SetLinearLeftAxis(double min, double max, string label)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var value in TickMath.Nice(min, max, MaxYTicks, TickMath.AutoSteps))
            ticks.AddMajor(value, TickMath.PlainLabel(value));
        Plot.Axes.Left.TickGenerator = ticks;
        Plot.Axes.Left.Label.Text = label;
    }

    /// <summary>Applies the embedded font and matplotlib-like sizes to every text, then renders a PNG.</summary>
    public byte[] RenderPng()
    {
        Plot.Font.Set(PlotFont.Name);
        // Colour bars carry their own axis, outside Plot.Axes.
        var colorBarAxes = Plot.Axes.GetPanels().OfType<ColorBar>().Select(bar => bar.Axis);
        foreach (var axis in Plot.Axes.GetAxes().Concat(colorBarAxes))
        {
            axis.TickLabelStyle.FontName = PlotFont.Name;
            axis.TickLabelStyle.FontSize = TickFontSize;
            axis.TickLabelStyle.ForeColor = Colors.Black;
            axis.Label.FontName = PlotFont.Name;
            axis.Label.FontSize = LabelFontSize;
            axis.Label.Bold = false;
            axis.Label.ForeColor = Colors.Black;
            axis.FrameLineStyle.Color = Colors.Black;
            axis.MajorTickStyle.Color = Colors.Black;
        }
        Plot.Axes.Title.Label.FontName = PlotFont.Name;
        Plot.Axes.Title.Label.Bold = false;
        using var surface = SKSurface.Create(new SKImageInfo(Options.Width, Options.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {Options.Width}×{Options.Height} surface.");
        Plot.Render(surface.Canvas, Options.Width, Options.Height);
        using var pixels = surface.PeekPixels();
        using var png = pixels.Encode(_pngEncoding)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the plot as PNG.");
        return png.ToArray();
    }
}
