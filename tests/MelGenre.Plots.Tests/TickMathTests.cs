namespace MelGenre.Plots.Tests;

public sealed class TickMathTests
{
    [Fact]
    public void A_30_second_clip_gets_ticks_every_5_seconds()
    {
        Assert.Equal([0, 5, 10, 15, 20, 25, 30], TickMath.Nice(0, 30.0464, 15, TickMath.TimeSteps));
    }

    [Fact]
    public void Time_steps_include_whole_minutes()
    {
        var ticks = TickMath.Nice(0, 600, 10, TickMath.TimeSteps);
        Assert.Equal(60.0, ticks[1] - ticks[0]);
    }

    [Fact]
    public void An_80_dB_colour_bar_gets_ticks_every_10_dB()
    {
        Assert.Equal([-80, -70, -60, -50, -40, -30, -20, -10, 0], TickMath.Nice(-80, 0, 11, TickMath.AutoSteps));
    }

    [Theory]
    [InlineData(2.5, 30.0, "2.5")]
    [InlineData(25.0, 30.0, "25")]
    [InlineData(90.0, 180.0, "1:30")]
    [InlineData(3725.0, 7200.0, "1:02:05")]
    public void Time_labels_switch_to_minutes_and_hours_like_librosa(double seconds, double span, string expected)
    {
        Assert.Equal(expected, TickMath.TimeLabel(seconds, span));
    }

    [Theory]
    [InlineData(0.0, 10.0, "+0 dB")]
    [InlineData(-80.0, 10.0, "-80 dB")]
    [InlineData(-0.5, 0.5, "-0.5 dB")]
    [InlineData(20.0, 10.0, "+20 dB")]
    public void Colour_bar_labels_read_like_format_plus_2_0f_dB(double value, double step, string expected)
    {
        Assert.Equal(expected, TickMath.SignedLabel(value, step, "dB"));
    }
}
