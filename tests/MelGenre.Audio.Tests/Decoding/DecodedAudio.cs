using MelGenre.Audio.Decoding;

namespace MelGenre.Audio.Tests.Decoding;

/// <summary>Helpers shared by the reader tests: fixtures, reading a reader whole, measuring a decoded sine.</summary>
internal static class DecodedAudio
{
    /// <summary>Far more than any fixture holds: a reader that goes past it is looping.</summary>
    private const int MaxSamples = 64_000_000;

    /// <summary>The bytes of a committed fixture (see Fixtures/README.md).</summary>
    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Reads <paramref name="reader"/> to its end in blocks of <paramref name="blockSamples"/>, then disposes it.</summary>
    public static AudioClip ReadAll(IAudioReader reader, int blockSamples = 4096)
    {
        using (reader)
        {
            var block = new float[blockSamples - blockSamples % reader.ChannelCount];
            var samples = new List<float>();
            int read;
            while ((read = reader.Read(block)) > 0)
            {
                Assert.True(read % reader.ChannelCount == 0, $"Read returned {read} samples, not whole {reader.ChannelCount}-channel frames");
                samples.AddRange(block.AsSpan(0, read));
                Assert.True(samples.Count <= MaxSamples, $"the reader produced more than {MaxSamples} samples: it does not stop");
            }
            return new AudioClip([.. samples], reader.SampleRate, reader.ChannelCount);
        }
    }

    /// <summary>One channel of a clip as doubles.</summary>
    public static double[] Channel(AudioClip clip, int channel)
    {
        var samples = clip.Samples.Span;
        var result = new double[clip.FrameCount];
        for (var i = 0; i < result.Length; i++)
            result[i] = samples[i * clip.ChannelCount + channel];
        return result;
    }
}

/// <summary>
/// The least-squares fit of <c>a·sin(ωt) + b·cos(ωt)</c> at a known frequency to the middle 80 % of a signal
/// (the edges hold codec delay and ramps): the sine's amplitude, and the ratio of its energy to what is left.
/// </summary>
internal readonly record struct SineFit(double Amplitude, double SnrDb)
{
    public static SineFit Of(double[] signal, int sampleRate, double frequency)
    {
        var from = signal.Length / 10;
        var to = signal.Length - from;
        double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0, xx = 0;
        for (var i = from; i < to; i++)
        {
            var phase = 2 * Math.PI * frequency * i / sampleRate;
            var (s, c) = Math.SinCos(phase);
            var x = signal[i];
            ss += s * s;
            sc += s * c;
            cc += c * c;
            xs += x * s;
            xc += x * c;
            xx += x * x;
        }
        var det = ss * cc - sc * sc;
        var a = (xs * cc - xc * sc) / det;
        var b = (xc * ss - xs * sc) / det;
        var fitted = a * xs + b * xc;
        return new SineFit(Math.Sqrt(a * a + b * b), 10 * Math.Log10(fitted / Math.Max(xx - fitted, 1e-30)));
    }
}
