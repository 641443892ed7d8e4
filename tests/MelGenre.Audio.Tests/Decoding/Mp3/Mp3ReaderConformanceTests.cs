using MelGenre.Audio.Tests.Decoding.Flac;
using MelGenre.Audio.Decoding.Mp3;

namespace MelGenre.Audio.Tests.Decoding.Mp3;

/// <summary>
/// Our layer III decoder against <c>lame --decode</c> on the same files: synthetic signals encoded by lame at
/// MPEG-1, 2 and 2.5 rates, CBR 8–320 kb/s and VBR, every stereo mode, and forced short blocks. Both outputs must
/// have the same length and alignment, and ours, rounded to 16 bits as lame writes, may differ by at most two
/// steps (float rounding inside the filterbanks: measured one step, two only within 0.2 % of full scale).
/// </summary>
public sealed class Mp3ReaderConformanceTests : IDisposable
{
    /// <summary>Largest difference allowed per sample, in 16-bit steps (2/32768).</summary>
    private const int MaxStepDifference = 2;

    private readonly LameTool _lame = LameTool.Require();

    public void Dispose() => _lame.Dispose();

    public static TheoryData<Signal, int, int, string> Cases() => new()
    {
        // MPEG-1: sweep, noise and per-channel content in each stereo mode, CBR from 32 to 320 kb/s.
        { Signal.Chirp, 44100, 2, "-b 128 -m j" },
        { Signal.Noise, 44100, 2, "-b 320 -m s" },
        { Signal.Music, 44100, 2, "-b 32 -m j" },
        { Signal.Stereo, 48000, 2, "-b 192 -m j" },
        { Signal.Music, 32000, 2, "-b 96 -m d" },
        { Signal.Music, 44100, 2, "-b 64 -m m" },
        { Signal.Square, 44100, 1, "-b 256" },
        // VBR across the quality range.
        { Signal.Music, 44100, 2, "-V 0" },
        { Signal.Stereo, 44100, 2, "-V 5" },
        { Signal.Noise, 44100, 2, "-V 9" },
        // MPEG-2 (22.05, 24, 16 kHz) and MPEG-2.5 (11.025, 8 kHz): one granule, LSF scale factors.
        { Signal.Music, 22050, 2, "-b 64 -m j" },
        { Signal.Chirp, 24000, 1, "-b 32" },
        { Signal.Noise, 16000, 2, "-V 4" },
        { Signal.Music, 11025, 2, "-b 24 -m s" },
        { Signal.Chirp, 8000, 1, "-b 8" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesLikeLame(Signal signal, int sampleRate, int channels, string options) =>
        AssertLikeLame(TestSignals.Make(signal, sampleRate, channels, 16, seconds: 1), $"--resample {sampleRate / 1000.0} " + options);

    [Theory]
    [InlineData(44100, 2, "-b 128 -m j")]
    [InlineData(48000, 1, "-b 64")]
    [InlineData(22050, 2, "-b 48")]
    [InlineData(11025, 1, "-b 16")]
    [InlineData(8000, 1, "-b 16")]
    public void DecodesShortBlocksOfTransientsLikeLame(int sampleRate, int channels, string options) =>
        AssertLikeLame(Transients(sampleRate, channels), $"--resample {sampleRate / 1000.0} " + options);

    private void AssertLikeLame(TestPcm pcm, string options)
    {
        var mp3 = _lame.Encode(pcm, options);
        var reference = _lame.Decode(mp3);

        var ours = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(mp3), options));

        Assert.Equal(reference.SampleRate, ours.SampleRate);
        Assert.Equal(reference.ChannelCount, ours.ChannelCount);
        Assert.True(reference.FrameCount == ours.FrameCount, $"{options}: {ours.FrameCount} frames, lame --decode gives {reference.FrameCount}");
        var samples = ours.Samples.Span;
        for (var i = 0; i < samples.Length; i++)
        {
            var rounded = (int)Math.Clamp(Math.Round(samples[i] * 32768.0), -32768, 32767);
            if (Math.Abs(rounded - reference.Samples[i]) > MaxStepDifference)
                Assert.Fail($"{options}: frame {i / ours.ChannelCount} channel {i % ours.ChannelCount} is {rounded}, lame --decode gives {reference.Samples[i]}");
        }
    }

    /// <summary>Clicks and noise bursts on silence, which make the encoder switch to short blocks.</summary>
    private static TestPcm Transients(int sampleRate, int channels)
    {
        var random = new Random(99);
        var frames = sampleRate;
        var samples = new int[frames * channels];
        for (var f = 0; f < frames; f++)
        {
            var sinceBurst = f % (sampleRate / 8);
            var value = sinceBurst < sampleRate / 200 ? (2 * random.NextDouble() - 1) * Math.Exp(-sinceBurst * 400.0 / sampleRate) : 0;
            for (var c = 0; c < channels; c++)
                samples[f * channels + c] = (int)(value * (c == 0 ? 25000 : -18000));
        }
        return new TestPcm(samples, sampleRate, channels, 16);
    }
}
