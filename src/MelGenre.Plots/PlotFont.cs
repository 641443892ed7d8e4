using ScottPlot;
using SkiaSharp;

namespace MelGenre.Plots;

/// <summary>
/// The DejaVu Sans font embedded in this assembly (licence: Fonts/LICENSE-DejaVu.txt), registered with ScottPlot
/// under its own name so every plot draws text with it, also on machines that have no system fonts.
/// </summary>
internal static class PlotFont
{
    /// <summary>The family name plots ask ScottPlot for; unique so no system font can answer in its place.</summary>
    public const string Name = "MelGenre DejaVu Sans";

    /// <summary>Manifest name of the embedded TrueType file (see the csproj).</summary>
    public const string ResourceName = "MelGenre.Plots.Fonts.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> _typeface = new(Load);
    private static readonly Lazy<bool> _registration = new(Register);

    /// <summary>The embedded typeface (loaded once, shared by all plots).</summary>
    public static SKTypeface Typeface => _typeface.Value;

    /// <summary>Registers the embedded font with ScottPlot once per process; safe to call from any thread.</summary>
    public static void EnsureRegistered() => _ = _registration.Value;

    private static SKTypeface Load()
    {
        using var stream = typeof(PlotFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded font {ResourceName} is missing from {typeof(PlotFont).Assembly.GetName().Name}.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"Embedded font {ResourceName} could not be read by SkiaSharp.");
    }

    private static bool Register()
    {
        // First in the list: ScottPlot asks resolvers in order and the system resolver may answer any name with a fallback.
        Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
        return true;
    }

    private sealed class EmbeddedResolver : IFontResolver
    {
        // One regular face serves every weight and slant: the plots use no bold or italic text.
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            fontName == Name ? Typeface : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Name ? Typeface : null;
    }
}
