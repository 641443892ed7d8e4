namespace MelGenre.Features.Tests.Descriptors;

/// <summary>Synthetic test signals at 22050 Hz.</summary>
internal static class Signals
{
    public const int SampleRate = 22050;

    public static float[] Sine(double frequency, double amplitude = 0.5, double seconds = 3.0) =>
        [.. Enumerable.Range(0, (int)(seconds * SampleRate)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / SampleRate)))];

    /// <summary>±amplitude, starting high, each half-period <paramref name="halfPeriod"/> samples.</summary>
    public static float[] Square(int halfPeriod, double amplitude = 0.5, double seconds = 3.0) =>
        [.. Enumerable.Range(0, (int)(seconds * SampleRate)).Select(i => (float)(i / halfPeriod % 2 == 0 ? amplitude : -amplitude))];

    /// <summary>Single-sample clicks every <paramref name="period"/> seconds.</summary>
    public static float[] Clicks(double period, double seconds = 10.0)
    {
        var samples = new float[(int)(seconds * SampleRate)];
        for (var t = 0.25; t < seconds; t += period)
            samples[(int)(t * SampleRate)] = 1f;
        return samples;
    }

    public static float[] Noise(int length, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5))];
    }

    /// <summary>Frame indices whose 2048-sample window lies wholly inside a signal of <paramref name="length"/> samples.</summary>
    public static IEnumerable<int> InteriorFrames(int length) => Enumerable.Range(2, length / 512 - 4);
}
