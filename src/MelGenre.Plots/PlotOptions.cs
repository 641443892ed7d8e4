namespace MelGenre.Plots;

/// <summary>Size and title of a picture.</summary>
/// <param name="Width">Picture width in pixels (default 1000).</param>
/// <param name="Height">Picture height in pixels (default 400).</param>
/// <param name="Title">Text above the plot, or null for none (default).</param>
public record PlotOptions(int Width = 1000, int Height = 400, string? Title = null)
{
    /// <summary>The smallest picture that still has room for axes, labels and a colour bar.</summary>
    public const int MinimumWidth = 300;

    /// <summary>The smallest picture height that still leaves a data area.</summary>
    public const int MinimumHeight = 150;

    internal void Validate()
    {
        if (Width < MinimumWidth || Height < MinimumHeight)
            throw new ArgumentOutOfRangeException(nameof(Width), $"A picture needs at least {MinimumWidth}×{MinimumHeight} pixels, got {Width}×{Height}.");
    }
}

/// <summary>Options of <see cref="SpectrogramPlot"/>.</summary>
/// <param name="Width">Picture width in pixels (default 1000).</param>
/// <param name="Height">Picture height in pixels (default 400).</param>
/// <param name="Title">Text above the plot, or null for none (default).</param>
/// <param name="MinValue">Value drawn darkest (matplotlib <c>vmin</c>); null = the data's minimum (default).</param>
/// <param name="MaxValue">Value drawn brightest (matplotlib <c>vmax</c>); null = the data's maximum (default).</param>
public sealed record SpectrogramPlotOptions(int Width = 1000, int Height = 400, string? Title = null, double? MinValue = null, double? MaxValue = null)
    : PlotOptions(Width, Height, Title);
