namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>Integer PCM made by a test: interleaved samples in the range of <see cref="BitsPerSample"/>.</summary>
internal sealed record TestPcm(int[] Samples, int SampleRate, int ChannelCount, int BitsPerSample)
{
    public int FrameCount => Samples.Length / ChannelCount;
}

/// <summary>The synthetic signals the conformance tests encode, one generator per kind.</summary>
public enum Signal
{
    Sine,
    Noise,
    Chirp,
    Silence,
    Square,
    /// <summary>Sine + noise per channel with different phases: exercises every predictor and stereo mode.</summary>
    Music,
    /// <summary>Samples with their low 3 bits zero: the encoder marks them as wasted bits.</summary>
    Wasted,
    /// <summary>
    /// Channels sharing one tone, with noise on channel 0, channel 1, or both in turn (4096-frame
    /// segments): the encoder picks left/side, right/side and mid/side in turn.
    /// </summary>
    Stereo,
}

internal static class TestSignals
{
    /// <summary>
    /// <paramref name="seconds"/> of <paramref name="signal"/> at 90% of full scale (square: 100%),
    /// with a fixed seed so every run encodes the same bytes.
    /// </summary>
    public static TestPcm Make(Signal signal, int sampleRate, int channelCount, int bitsPerSample, double seconds = 0.5)
    {
        var frames = (int)(sampleRate * seconds);
        var samples = new int[frames * channelCount];
        var max = (1L << (bitsPerSample - 1)) - 1;
        var min = -(1L << (bitsPerSample - 1));
        var random = new Random(1234 + (int)signal);
        for (var channel = 0; channel < channelCount; channel++)
        {
            var frequency = 220.0 * (channel + 1);
            for (var f = 0; f < frames; f++)
            {
                var t = (double)f / sampleRate;
                var value = signal switch
                {
                    Signal.Sine => Math.Sin(2 * Math.PI * frequency * t),
                    Signal.Noise => (2 * random.NextDouble()) - 1,
                    Signal.Chirp => Math.Sin(2 * Math.PI * (50 * t + (sampleRate / 4.0 / seconds / 2 * t * t))),
                    Signal.Silence => 0,
                    Signal.Square => Math.Sin(2 * Math.PI * frequency * t) >= 0 ? 1.0 : -1.2,
                    Signal.Music => (0.6 * Math.Sin(2 * Math.PI * frequency * t + channel))
                        + (0.3 * Math.Sin(2 * Math.PI * 3.1 * frequency * t)) + (0.05 * ((2 * random.NextDouble()) - 1)),
                    Signal.Wasted => Math.Sin(2 * Math.PI * frequency * t),
                    Signal.Stereo => (0.6 * Math.Sin(2 * Math.PI * 220 * t)) + (0.2 * Math.Sin(2 * Math.PI * 1234 * t))
                        + (IsNoisy(channel, f) ? 0.05 * ((2 * random.NextDouble()) - 1) : 0),
                    _ => throw new ArgumentOutOfRangeException(nameof(signal)),
                };
                var scaled = (long)Math.Round(value * 0.9 * max);
                if (signal == Signal.Square)
                    scaled = value > 0 ? max : min;
                if (signal == Signal.Wasted)
                    scaled &= ~7L;
                samples[(f * channelCount) + channel] = (int)Math.Clamp(scaled, min, max);
            }
        }
        return new TestPcm(samples, sampleRate, channelCount, bitsPerSample);
    }

    private static bool IsNoisy(int channel, int frame) => (frame / 4096 % 3, channel) switch
    {
        (1, 0) or (0, 1) => false,
        _ => true,
    };
}
