using ScottPlot;

namespace MelGenre.Plots.Tests;

public sealed class PlotFontTests
{
    [Fact]
    public void Embedded_font_is_DejaVu_Sans()
    {
        Assert.Equal("DejaVu Sans", PlotFont.Typeface.FamilyName);
        Assert.True(PlotFont.Typeface.GlyphCount > 1000, $"DejaVu Sans has thousands of glyphs, the embedded face {PlotFont.Typeface.GlyphCount}");
    }

    [Fact]
    public void ScottPlot_resolves_the_plot_font_name_to_the_embedded_typeface_not_a_system_font()
    {
        PlotFont.EnsureRegistered();
        Assert.Same(PlotFont.Typeface, Fonts.GetTypeface(PlotFont.Name, bold: false, italic: false));
    }

    [Fact]
    public void Font_licence_travels_with_the_library()
    {
        var licence = Path.Combine(AppContext.BaseDirectory, "Fonts", "LICENSE-DejaVu.txt");
        Assert.True(File.Exists(licence), $"{licence} is missing");
        Assert.Contains("Bitstream", File.ReadAllText(licence), StringComparison.Ordinal);
    }
}
