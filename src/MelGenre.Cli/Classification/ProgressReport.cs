using System.Globalization;

namespace MelGenre.Cli.Classification;

/// <summary>
/// Progress of a classify run on stderr: on a terminal, a bar redrawn in place (count, percentage, rate, ETA, failures);
/// elsewhere (a log, a pipe, a batch job) a plain line every <see cref="LineInterval"/>, and a closing line when any was
/// printed. Error lines go through <see cref="Error"/> so they never mix with the bar. Used from one thread.
/// </summary>
/// <param name="errors">stderr.</param>
/// <param name="total">Files to do.</param>
/// <param name="terminal">Whether stderr is a terminal (a bar) or not (lines).</param>
/// <param name="time">The clock; null: the system's.</param>
internal sealed class ProgressReport(TextWriter errors, int total, bool terminal, TimeProvider? time = null)
{
    /// <summary>Time between plain progress lines.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private const int BarWidth = 24;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly long _start = (time ?? TimeProvider.System).GetTimestamp();
    private TimeSpan _lastShown;
    private int _done;
    private int _failed;
    private bool _barShown;
    private bool _lineShown;

    /// <summary>Counts one finished file and shows progress when it is time to.</summary>
    public void Advance(bool failed)
    {
        _done++;
        if (failed)
            _failed++;
        var now = Elapsed;
        if (now - _lastShown < (terminal ? RedrawInterval : LineInterval) && _done < total)
            return;
        _lastShown = now;
        if (terminal)
        {
            errors.Write($"\r{Bar()}");
            _barShown = true;
        }
        else if (_done < total)
        {
            errors.WriteLine($"melgenre: {Status()}");
            _lineShown = true;
        }
    }

    /// <summary>Prints an error line (clearing the bar first; it comes back with the next file).</summary>
    public void Error(string line)
    {
        ClearBar();
        errors.WriteLine(line);
    }

    /// <summary>Erases the bar, so that text for the same terminal (results on stdout) starts on a clean line; it comes
    /// back with the next file.</summary>
    public void ClearBar()
    {
        if (!_barShown)
            return;
        errors.Write($"\r{new string(' ', Bar().Length)}\r");
        errors.Flush();
        _barShown = false;
    }

    /// <summary>Ends the bar's line, or closes the plain lines with a summary.</summary>
    public void Finish()
    {
        if (_barShown)
            errors.WriteLine();
        else if (_lineShown)
            errors.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"melgenre: classified {_done} of {total} files in {Elapsed.TotalSeconds:0.0} s ({Rate():0.0} files/s), {_failed} failed"));
    }

    private string Bar()
    {
        var filled = total == 0 ? BarWidth : _done * BarWidth / total;
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Status()}";
    }

    private string Status() => string.Create(CultureInfo.InvariantCulture,
        $"{_done}/{total} files ({100.0 * _done / Math.Max(1, total):0} %), {_failed} failed, {Rate():0.0} files/s, ETA {Eta()}");

    private TimeSpan Elapsed => _time.GetElapsedTime(_start);

    private double Rate() => _done / Math.Max(Elapsed.TotalSeconds, 1e-3);

    private string Eta()
    {
        var rate = Rate();
        if (_done == 0 || rate <= 0)
            return "?";
        var left = TimeSpan.FromSeconds((total - _done) / rate);
        return left.TotalHours >= 1 ? left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : left.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
