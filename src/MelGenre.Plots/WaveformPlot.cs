using MelGenre.Audio;
using ScottPlot;

namespace MelGenre.Plots;

/// <summary>
/// Amplitude-over-time pictures, the "amplitude graph" of <c>librosa.display.waveshow(y, sr)</c>: the mono signal
/// drawn as its minimum-to-maximum envelope per pixel column, so hours of audio cost one pass over the samples and
/// a picture-sized polygon. Thread-safe: every call builds its own plot.
/// </summary>
public static class WaveformPlot
{
    private const int RightMargin = 25;

    /// <summary>matplotlib's first cycle colour "C0" (#1f77b4), which waveshow uses by default.</summary>
    private static readonly Color _waveColor = Color.FromHex("#1f77b4");

    /// <summary>Renders <paramref name="clip"/> (mixed to mono as <c>librosa.to_mono</c> does) as a PNG.</summary>
    /// <param name="clip">The audio; several channels are averaged.</param>
    /// <param name="options">Size and title; null = 1000×400, no title.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] RenderPng(AudioClip clip, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        options ??= new PlotOptions();
        var canvas = new PlotCanvas(options, RightMargin);
        var plot = canvas.Plot;
        var mono = clip.ToMono();
        var duration = (double)mono.FrameCount / mono.SampleRate;
        var envelope = Envelope(mono.Samples.Span, canvas.DataWidth);

        var xs = new double[envelope.Length];
        var lows = new double[envelope.Length];
        var highs = new double[envelope.Length];
        var peak = 0.0;
        for (var i = 0; i < envelope.Length; i++)
        {
            xs[i] = duration * (i + 0.5) / envelope.Length;
            lows[i] = envelope[i].Min;
            highs[i] = envelope[i].Max;
            peak = Math.Max(peak, Math.Max(Math.Abs(lows[i]), Math.Abs(highs[i])));
        }
        var fill = plot.Add.FillY(xs, highs, lows);
        fill.FillColor = _waveColor;
        // An outline in the same colour keeps quiet stretches visible as a 1-pixel line.
        fill.LineColor = _waveColor;
        fill.LineWidth = 1;

        // Symmetric limits with matplotlib's 5 % margin keep silence on the centre line.
        var limit = peak > 0 ? peak * 1.05 : 1.0;
        plot.Axes.SetLimits(0, Math.Max(duration, 1.0 / mono.SampleRate), -limit, limit);
        canvas.SetTimeAxis(duration);
        canvas.SetLinearLeftAxis(-limit, limit, "Amplitude");
        return canvas.RenderPng();
    }

    /// <summary>
    /// Minimum and maximum of the samples under each of <paramref name="columns"/> equal columns. Each column also
    /// takes the first sample of the next one, so consecutive columns overlap by a sample and the trace stays connected
    /// when there are fewer samples than columns (then several columns share the same pair of samples).
    /// </summary>
    internal static EnvelopeColumn[] Envelope(ReadOnlySpan<float> samples, int columns)
    {
        var result = new EnvelopeColumn[columns];
        if (samples.IsEmpty)
            return result;
        for (var c = 0; c < columns; c++)
        {
            var start = (int)((long)c * samples.Length / columns);
            var end = (int)Math.Min(((long)c + 1) * samples.Length / columns + 1, samples.Length);
            start = Math.Min(start, samples.Length - 1);
            end = Math.Max(end, start + 1);
            var span = samples[start..end];
            var min = float.PositiveInfinity;
            var max = float.NegativeInfinity;
            foreach (var s in span)
            {
                if (s < min)
                    min = s;
                if (s > max)
                    max = s;
            }
            result[c] = new EnvelopeColumn(min, max);
        }
        return result;
    }

    /// <summary>Lowest and highest sample under one pixel column.</summary>
    internal readonly record struct EnvelopeColumn(float Min, float Max);
}
