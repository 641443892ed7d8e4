using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace MelGenre.Plots;

/// <summary>
/// Confusion-matrix pictures like scikit-learn's <c>ConfusionMatrixDisplay</c> with <c>normalize='true'</c>: each cell
/// coloured by its row-normalised value (the share of a true class predicted as each class, so the diagonal is
/// per-class recall, 0 near-white … 1 dark blue in matplotlib's "Blues", on a colour bar), the integer count written in every cell, true labels
/// down the left, predicted labels along the bottom (slanted when they would not fit under their cells). Rows with no
/// examples are drawn grey. Thread-safe: every call builds its own plot.
/// </summary>
public static class ConfusionMatrixPlot
{
    private const int ColorBarMargin = 100;

    /// <summary>Slant of predicted labels that would overlap side by side (matplotlib's <c>xticks_rotation=45</c>).</summary>
    private const float SlantDegrees = 45;

    /// <summary>Space between tick labels and the picture's edge: tick marks, padding and the axis label.</summary>
    private const int AxisLabelSpace = 48;

    private static readonly Color _noExamples = Color.FromHex("#d0d0d0");

    /// <summary>matplotlib's "Blues" (ColorBrewer): near-white at 0, dark blue at 1. ScottPlot's own runs the other way.</summary>
    private static readonly ScottPlot.Colormaps.CustomInterpolated _blues = new(
        [.. new[] { "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b" }.Select(Color.FromHex)]);

    /// <summary>Options used when none are given: 700×600 pixels, titled "Confusion matrix".</summary>
    public static PlotOptions DefaultOptions { get; } = new(700, 600, "Confusion matrix");

    /// <summary>Renders <paramref name="counts"/> as a PNG.</summary>
    /// <param name="counts">Labels and counts to draw.</param>
    /// <param name="options">Size and title; null = <see cref="DefaultOptions"/>.</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A picture too small for its axes (see <see cref="PlotOptions"/>).</exception>
    public static byte[] RenderPng(ConfusionCounts counts, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= DefaultOptions;
        var n = counts.ClassCount;
        var labelWidth = counts.Labels.Max(LabelWidth);
        // Margins grow with the labels up to a third of the picture (longer labels run off its edge), never below the defaults.
        var leftMargin = Math.Max(PlotCanvas.LeftMargin, Math.Min((int)labelWidth + AxisLabelSpace, options.Width / 3));
        var cellWidth = (double)(options.Width - leftMargin - ColorBarMargin) / n;
        var slanted = labelWidth + PlotCanvas.TickFontSize > cellWidth;
        var slantedHeight = (labelWidth + PlotCanvas.TickFontSize) * Math.Sin(Math.PI * SlantDegrees / 180);
        var bottomMargin = slanted
            ? Math.Max(PlotCanvas.BottomMargin, Math.Min((int)slantedHeight + AxisLabelSpace, options.Height / 3))
            : PlotCanvas.BottomMargin;
        var canvas = new PlotCanvas(options, ColorBarMargin, leftMargin, bottomMargin);
        var plot = canvas.Plot;

        var recall = counts.RowNormalized();
        var heatmap = plot.Add.Heatmap(recall);
        heatmap.Colormap = _blues;
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.NaNCellColor = _noExamples;
        heatmap.Rectangle = new CoordinateRect(0, n, 0, n);
        plot.Axes.SetLimits(0, n, 0, n);
        AddCounts(plot, counts, recall, Math.Min(PlotCanvas.TickFontSize, (float)Math.Min(cellWidth, (double)canvas.DataHeight / n) * 0.4f));

        var predictedTicks = new ScottPlot.TickGenerators.NumericManual();
        var trueTicks = new ScottPlot.TickGenerators.NumericManual();
        for (var c = 0; c < n; c++)
        {
            predictedTicks.AddMajor(c + 0.5, counts.Labels[c]);
            trueTicks.AddMajor(n - c - 0.5, counts.Labels[c]); // heatmap row 0 is drawn at the top
        }
        plot.Axes.Bottom.TickGenerator = predictedTicks;
        plot.Axes.Left.TickGenerator = trueTicks;
        plot.Axes.Bottom.Label.Text = "Predicted label";
        plot.Axes.Left.Label.Text = "True label";
        if (slanted)
        {
            // Text rises to the right and ends at its tick (matplotlib's rotation=45, ha='right'). ScottPlot places the
            // axis label below one unrotated line of tick labels, so it is pushed below the slanted ones.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -SlantDegrees;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.Label.OffsetY = (float)(labelWidth * Math.Sin(Math.PI * SlantDegrees / 180));
        }

        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Width = 22;
        colorBar.Label = "Recall (row-normalised)";
        var recallTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var value in TickMath.Nice(0, 1, Math.Min(canvas.MaxYTicks, 5), TickMath.AutoSteps))
            recallTicks.AddMajor(value, TickMath.PlainLabel(value));
        colorBar.Axis.TickGenerator = recallTicks;
        return canvas.RenderPng();
    }

    /// <summary>Writes each cell's count at its centre, white on dark cells and black on light ones (as scikit-learn does).</summary>
    private static void AddCounts(Plot plot, ConfusionCounts counts, double[,] recall, float fontSize)
    {
        var n = counts.ClassCount;
        for (var actual = 0; actual < n; actual++)
        {
            for (var predicted = 0; predicted < n; predicted++)
            {
                var text = plot.Add.Text(counts.Count(actual, predicted).ToString(CultureInfo.InvariantCulture), predicted + 0.5, n - actual - 0.5);
                text.LabelFontName = PlotFont.Name;
                text.LabelFontSize = fontSize;
                text.LabelFontColor = recall[actual, predicted] > 0.5 ? Colors.White : Colors.Black;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }
    }

    /// <summary>Width in pixels of <paramref name="label"/> as a tick label.</summary>
    private static float LabelWidth(string label)
    {
        using var font = new SKFont(PlotFont.Typeface, PlotCanvas.TickFontSize);
        return font.MeasureText(label);
    }
}
