using MelGenre.Audio;
using SkiaSharp;

namespace MelGenre.Plots.Tests;

public sealed class WaveformPlotTests
{
    private static readonly SKColor _waveColor = new(0x1f, 0x77, 0xb4);

    [Fact]
    public void Envelope_holds_each_columns_minimum_and_maximum()
    {
        float[] samples = [0f, 1f, -1f, 0.5f, 0.25f, -0.25f, 0f, 0f];
        var envelope = WaveformPlot.Envelope(samples, 2);
        // Column 0 covers samples 0-3 plus sample 4; column 1 covers samples 4-7.
        Assert.Equal(new WaveformPlot.EnvelopeColumn(-1f, 1f), envelope[0]);
        Assert.Equal(new WaveformPlot.EnvelopeColumn(-0.25f, 0.25f), envelope[1]);
    }

    [Fact]
    public void Envelope_of_fewer_samples_than_columns_stays_connected()
    {
        float[] samples = [0f, 1f, 0f];
        var envelope = WaveformPlot.Envelope(samples, 6);
        for (var c = 1; c < envelope.Length; c++)
        {
            var overlap = Math.Min(envelope[c].Max, envelope[c - 1].Max) >= Math.Max(envelope[c].Min, envelope[c - 1].Min);
            Assert.True(overlap, $"columns {c - 1} ({envelope[c - 1]}) and {c} ({envelope[c]}) do not touch");
        }
        Assert.Equal(1f, envelope.Max(column => column.Max));
    }

    [Fact]
    public void Waveform_png_has_the_requested_size_and_draws_in_matplotlib_blue()
    {
        using var png = new Png(WaveformPlot.RenderPng(Synthetic.ToneBurst(), new PlotOptions(800, 300)));
        Assert.Equal((800, 300), (png.Width, png.Height));
        // Data area: x 80…775, y 16…248; at 1.7 s the burst is loud, so the centre line is inside the fill.
        var x = 80 + (int)(695 * 1.7 / 5.0);
        Png.AssertColor(_waveColor, png[x, (16 + 248) / 2], 8, $"waveform centre at x = {x}");
        Png.AssertColor(SKColors.White, png[x, 20], 0, "above the envelope");
    }

    [Fact]
    public void Silence_is_drawn_as_a_line_on_the_centre()
    {
        using var png = new Png(WaveformPlot.RenderPng(new AudioClip(new float[22050], 22050), new PlotOptions(800, 300)));
        var centre = (16 + 248) / 2;
        var ink = png.InkCount(200, centre - 2, 600, centre + 3);
        Assert.True(ink >= 400, $"only {ink} inked pixels along the centre line of silence");
    }

    [Fact]
    public void Stereo_clips_are_drawn_as_their_mono_mix()
    {
        // Left +0.5, right -0.5: the mono mix is silence, so nothing is drawn away from the centre.
        var samples = new float[2 * 22050];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = i % 2 == 0 ? 0.5f : -0.5f;
        using var png = new Png(WaveformPlot.RenderPng(new AudioClip(samples, 22050, 2), new PlotOptions(800, 300)));
        var ink = png.InkCount(100, 30, 760, 120);
        Assert.Equal(0, ink);
    }
}
