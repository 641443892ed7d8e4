using MelGenre.Features.Mel;

namespace MelGenre.Plots.Tests;

public sealed class FrequencyAxisTests
{
    [Fact]
    public void Mel_cell_edges_follow_librosa_coord_mel_hz()
    {
        var edges = new MelFrequencyAxis(128, 0, 11025).CellEdgesHz();
        var centres = MelScale.MelFrequencies(128, 0, 11025);
        Assert.Equal(129, edges.Length);
        Assert.Equal(0.0, edges[0]);
        Assert.Equal(11025.0, edges[128]);
        for (var i = 1; i < 128; i++)
            Assert.Equal((centres[i - 1] + centres[i]) / 2, edges[i], 9);
    }

    [Fact]
    public void Linear_cell_edges_centre_each_bin_on_its_frequency_within_0_to_nyquist()
    {
        var axis = new LinearFrequencyAxis(22050, 2048);
        var edges = axis.CellEdgesHz();
        const double binHz = 22050.0 / 2048;
        Assert.Equal(1025, axis.RowCount);
        Assert.Equal(1026, edges.Length);
        Assert.Equal(0.0, edges[0]);
        Assert.Equal(0.5 * binHz, edges[1], 9);
        Assert.Equal(1023.5 * binHz, edges[1024], 9);
        Assert.Equal(11025.0, edges[1025], 9);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(500.0, 1000.0)]
    [InlineData(1000.0, 2000.0)]
    [InlineData(2000.0, 3000.0)]
    [InlineData(8000.0, 5000.0)]
    public void Mel_axes_use_matplotlib_symlog_base_2_with_linear_part_below_1000_Hz(double hz, double plot)
    {
        var scale = new MelFrequencyAxis().Scale;
        Assert.Equal(plot, scale.ToPlot(hz), 9);
        Assert.Equal(hz, scale.ToHz(plot), 9);
    }

    [Fact]
    public void Mel_ticks_are_0_then_powers_of_two_from_512_like_librosa()
    {
        Assert.Equal([0, 512, 1024, 2048, 4096, 8192], FrequencyScale.SymLog.Ticks(0, 11025, 15));
        Assert.Equal([0, 512, 1024, 2048, 4096], FrequencyScale.SymLog.Ticks(0, 8000, 15));
        Assert.Equal([512, 1024, 2048, 4096, 8192], FrequencyScale.SymLog.Ticks(300, 11025, 15));
    }

    [Fact]
    public void Linear_frequency_ticks_are_round_numbers_of_Hz()
    {
        Assert.Equal([0, 2000, 4000, 6000, 8000, 10000], FrequencyScale.Linear.Ticks(0, 11025, 10));
    }
}
