using MelGenre.Cli.Classification;

namespace MelGenre.Cli.Tests.Classification;

/// <summary>Progress on stderr: a bar on a terminal, a line every few seconds elsewhere.</summary>
public sealed class ProgressReportTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(double seconds) => Ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Off_a_terminal_a_line_comes_every_five_seconds_with_count_rate_and_eta_then_a_summary()
    {
        var time = new ManualTime();
        using var errors = new StringWriter();
        var progress = new ProgressReport(errors, total: 10, terminal: false, time);

        time.Advance(2);
        progress.Advance(failed: false);   // 2 s: too early for a line
        time.Advance(3);
        progress.Advance(failed: true);    // 5 s: 2 files, 0.4 files/s, 8 left → 20 s
        time.Advance(1);
        progress.Advance(failed: false);   // 6 s: too soon after the last line
        progress.Finish();

        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("melgenre: 2/10 files (20 %), 1 failed, 0.4 files/s, ETA 0:20", lines[0]);
        Assert.Equal("melgenre: classified 3 of 10 files in 6.0 s (0.5 files/s), 1 failed", lines[1]);
    }

    [Fact]
    public void A_run_too_short_for_any_line_prints_nothing()
    {
        var time = new ManualTime();
        using var errors = new StringWriter();
        var progress = new ProgressReport(errors, total: 2, terminal: false, time);

        progress.Advance(false);
        progress.Advance(false);
        progress.Finish();

        Assert.Equal("", errors.ToString());
    }

    [Fact]
    public void On_a_terminal_a_bar_is_redrawn_in_place_and_cleared_for_an_error_line()
    {
        var time = new ManualTime();
        using var errors = new StringWriter();
        var progress = new ProgressReport(errors, total: 4, terminal: true, time);

        time.Advance(1);
        progress.Advance(false);
        progress.Error("melgenre: bad.wav: not a recognised audio format");
        time.Advance(1);
        progress.Advance(false);
        progress.Finish();

        var text = errors.ToString();
        const string firstBar = "[######..................] 1/4 files (25 %), 0 failed, 1.0 files/s, ETA 0:03";
        Assert.StartsWith("\r" + firstBar, text, StringComparison.Ordinal);
        Assert.Contains($"\r{new string(' ', firstBar.Length)}\rmelgenre: bad.wav: not a recognised audio format\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r[############............] 2/4 files (50 %), 0 failed, 1.0 files/s, ETA 0:02\n", text, StringComparison.Ordinal);
    }
}
