using System.Globalization;

namespace MelGenre.Plots;

/// <summary>Tick positions and labels chosen the way matplotlib and librosa choose them.</summary>
internal static class TickMath
{
    /// <summary>librosa's time axes: <c>MaxNLocator(steps=[1, 1.5, 5, 6, 10])</c> (6 and 1.5 give minutes and quarter minutes).</summary>
    public static ReadOnlySpan<double> TimeSteps => [1, 1.5, 5, 6, 10];

    /// <summary>matplotlib's <c>AutoLocator</c> steps, used for the colour bar.</summary>
    public static ReadOnlySpan<double> AutoSteps => [1, 2, 2.5, 5, 10];

    /// <summary>
    /// Like matplotlib's <c>MaxNLocator</c>: the multiples of the smallest step <c>s·10^k</c> (s from
    /// <paramref name="steps"/>) that splits <c>[min, max]</c> into at most <paramref name="maxIntervals"/> intervals,
    /// keeping those inside the range.
    /// </summary>
    public static double[] Nice(double min, double max, int maxIntervals, ReadOnlySpan<double> steps)
    {
        if (!(max > min))
            return [min];
        var step = NiceStep((max - min) / Math.Max(maxIntervals, 1), steps);
        var slack = step * 1e-9;
        var first = Math.Ceiling((min - slack) / step);
        var last = Math.Floor((max + slack) / step);
        var ticks = new double[(int)(last - first) + 1];
        for (var i = 0; i < ticks.Length; i++)
            ticks[i] = (first + i) * step;
        return ticks;
    }

    /// <summary>The smallest <c>s·10^k</c> with s from <paramref name="steps"/> that is at least <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw, ReadOnlySpan<double> steps)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var s in steps)
        {
            if (s * scale >= raw * (1 - 1e-12))
                return s * scale;
        }
        return 10 * scale;
    }

    /// <summary>
    /// librosa's <c>TimeFormatter</c> (unit None): <c>h:mm:ss</c> when the axis spans over an hour, <c>m:ss</c> over a
    /// minute, else seconds (here with as many decimals as the value needs, where librosa keeps two significant digits).
    /// </summary>
    public static string TimeLabel(double seconds, double axisSpanSeconds)
    {
        var whole = (long)Math.Round(seconds, 6);
        if (axisSpanSeconds > 3600)
            return string.Create(CultureInfo.InvariantCulture, $"{whole / 3600}:{whole / 60 % 60:00}:{whole % 60:00}");
        if (axisSpanSeconds > 60)
            return string.Create(CultureInfo.InvariantCulture, $"{whole / 60}:{whole % 60:00}");
        return Math.Round(seconds, 6).ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The colour-bar label of <c>plt.colorbar(format='%+2.0f dB')</c>: explicit sign, no decimals (more when the tick
    /// step is below 1), then the unit.
    /// </summary>
    public static string SignedLabel(double value, double step, string unit)
    {
        var decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9);
        var rounded = Math.Round(value, decimals);
        var number = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var sign = rounded < 0 ? "-" : "+";
        return unit.Length == 0 ? sign + number : $"{sign}{number} {unit}";
    }

    /// <summary>Plain labels for frequency ticks in Hz (matplotlib's <c>ScalarFormatter</c>: "0", "512", "8192").</summary>
    public static string PlainLabel(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
