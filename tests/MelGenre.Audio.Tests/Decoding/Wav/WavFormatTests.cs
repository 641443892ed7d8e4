using MelGenre.Audio.Decoding;
using MelGenre.Audio.Decoding.Wav;

namespace MelGenre.Audio.Tests.Decoding.Wav;

/// <summary>Every stored sample format and container variant decodes to the float32 values libsndfile gives.</summary>
public class WavFormatTests
{
    private const int Frames = 5000;
    private const int Channels = 2;
    private static readonly short[] Signal = WavFixture.Signal(Frames, Channels);

    /// <summary>The signal as libsndfile reads 16-bit PCM: x / 32768, exact in float32.</summary>
    private static readonly float[] Expected = Array.ConvertAll(Signal, s => s / 32768f);

    private static AudioClip Decode(byte[] wav, string name = "fixture.wav") => AudioDecoder.Decode(new MemoryStream(wav), name);

    public static TheoryData<string> LosslessVariants => ["pcm16", "extensible-pcm16", "extra-chunks", "rf64", "data-before-fmt", "fmt-18-bytes", "block-align-0"];

    private static byte[] Variant(string name)
    {
        var data = WavFixture.Int16(Signal);
        return name switch
        {
            "pcm16" => WavFixture.Simple(data, channels: Channels),
            "extensible-pcm16" => new WavFixture().FmtExtensible(WavFixture.Pcm, Channels, 22050, 16, channelMask: 3).Data(data).Build(),
            "extra-chunks" => new WavFixture()
                .Add("JUNK", new byte[27])
                .Fmt(WavFixture.Pcm, Channels, 22050, 16)
                .Add("fact", BitConverter.GetBytes(Frames))
                .Add("LIST", "INFOISFT\u0005\0\0\0odd!\0"u8.ToArray())
                .Add("zzzz", [1, 2, 3])
                .Data(data)
                .Add("id3 ", new byte[11])
                .Build(),
            "rf64" => new WavFixture().AsRf64().Fmt(WavFixture.Pcm, Channels, 22050, 16).Data(data).Build(),
            "data-before-fmt" => new WavFixture().Add("LIST", new byte[5]).Data(data).Fmt(WavFixture.Pcm, Channels, 22050, 16).Build(),
            "fmt-18-bytes" => new WavFixture().Fmt(WavFixture.Pcm, Channels, 22050, 16, extraBytes: 2).Data(data).Build(),
            "block-align-0" => new WavFixture().Fmt(WavFixture.Pcm, Channels, 22050, 16, blockAlign: 0).Data(data).Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(LosslessVariants))]
    public void EveryContainerVariantOfTheSame16BitSignalDecodesToIdenticalSamples(string variant)
    {
        var clip = Decode(Variant(variant), variant);

        Assert.Equal(22050, clip.SampleRate);
        Assert.Equal(Channels, clip.ChannelCount);
        AssertSamples(Expected, clip.Samples.Span, variant, tolerance: 0);
    }

    [Fact]
    public void EightBitIsUnsignedAroundMidpoint128()
    {
        byte[] stored = [0, 1, 127, 128, 129, 200, 255, 64];

        var clip = Decode(WavFixture.Simple(WavFixture.UInt8(stored), bits: 8));

        AssertSamples([-1f, -0.9921875f, -0.0078125f, 0f, 0.0078125f, 0.5625f, 0.9921875f, -0.5f], clip.Samples.Span, "u8", 0);
    }

    [Fact]
    public void EightBitVectorPathAgreesWithTheFormulaForEveryByteValue()
    {
        var stored = Enumerable.Range(0, 3 * 256 + 7).Select(i => (byte)(i * 7)).ToArray();

        var clip = Decode(WavFixture.Simple(stored, bits: 8));

        AssertSamples(Array.ConvertAll(stored, b => (b - 128) / 128f), clip.Samples.Span, "u8", 0);
    }

    [Fact]
    public void TwentyFourBitScalesBy2ToMinus23Exactly()
    {
        int[] stored = [-8388608, -1, 0, 1, 8388607, 1234567, -7654321];

        var clip = Decode(WavFixture.Simple(WavFixture.Int24(stored), bits: 24));

        AssertSamples(Array.ConvertAll(stored, x => (float)(x / 8388608.0)), clip.Samples.Span, "int24", 0);
    }

    [Fact]
    public void TwentyFourAndThirtyTwoBitCopiesOfA16BitSignalDecodeIdentically()
    {
        var as24 = WavFixture.Int24(Array.ConvertAll(Signal, s => s << 8));
        var as32 = WavFixture.Int32(Array.ConvertAll(Signal, s => s << 16));

        AssertSamples(Expected, Decode(WavFixture.Simple(as24, channels: Channels, bits: 24)).Samples.Span, "int24", 0);
        AssertSamples(Expected, Decode(WavFixture.Simple(as32, channels: Channels, bits: 32)).Samples.Span, "int32", 0);
        AssertSamples(Expected, Decode(new WavFixture().FmtExtensible(WavFixture.Pcm, Channels, 22050, 24, validBits: 20).Data(as24).Build()).Samples.Span, "extensible int24", 0);
    }

    [Fact]
    public void ThirtyTwoBitRoundsToNearestFloat32ThenScalesBy2ToMinus31()
    {
        // Above 2^24 float32 cannot hold every integer: libsndfile's (float)x rounds to nearest even.
        int[] stored = [int.MinValue, int.MaxValue, 16777217, -16777219, 123456789, 0, 1, -1];

        var clip = Decode(WavFixture.Simple(WavFixture.Int32(stored), bits: 32));

        AssertSamples(Array.ConvertAll(stored, x => (float)x / 2147483648f), clip.Samples.Span, "int32", 0);
        Assert.Equal(1f, clip.Samples.Span[1]);
    }

    [Fact]
    public void Float32SamplesPassThroughBitForBit()
    {
        float[] stored = [0.25f, -1.5f, 1e-30f, -0f, 0.1f, 3.4e38f, -0.999999f, float.Epsilon, 2f];

        var plain = Decode(WavFixture.Simple(WavFixture.Float32(stored), tag: WavFixture.IeeeFloat, bits: 32));
        var extensible = Decode(new WavFixture().FmtExtensible(WavFixture.IeeeFloat, 1, 48000, 32).Data(WavFixture.Float32(stored)).Build());

        AssertSamples(stored, plain.Samples.Span, "float32", 0);
        AssertSamples(stored, extensible.Samples.Span, "extensible float32", 0);
        Assert.Equal(48000, extensible.SampleRate);
    }

    [Fact]
    public void Float64SamplesRoundToNearestFloat32()
    {
        var stored = Enumerable.Range(0, 37).Select(i => Math.Sin(i * 0.731) * (1 + 1e-9 * i)).Append(1.0 / 3).Append(-2.5e-40).ToArray();

        var clip = Decode(WavFixture.Simple(WavFixture.Float64(stored), tag: WavFixture.IeeeFloat, bits: 64));

        AssertSamples(Array.ConvertAll(stored, d => (float)d), clip.Samples.Span, "float64", 0);
    }

    [Fact]
    public void ManyChannelsInterleaveFrameByFrame()
    {
        const int channels = 7;
        var stored = Enumerable.Range(0, 11 * channels).Select(i => (short)(i * 100 - 3000)).ToArray();

        var clip = Decode(WavFixture.Simple(WavFixture.Int16(stored), channels: channels));

        Assert.Equal(channels, clip.ChannelCount);
        Assert.Equal(11, clip.FrameCount);
        AssertSamples(Array.ConvertAll(stored, s => s / 32768f), clip.Samples.Span, "7 channels", 0);
    }

    [Fact]
    public void ReaderPulledInSmallBlocksGivesTheSameSamplesAsOneDecode()
    {
        using var reader = new WavReader(new MemoryStream(Variant("extra-chunks")), "blocks.wav");
        var pulled = new List<float>();
        var block = new float[Channels * 3];
        int read;
        while ((read = reader.Read(block)) > 0)
            pulled.AddRange(block.AsSpan(0, read));

        Assert.Equal(Frames, reader.FrameCountHint);
        AssertSamples(Expected, pulled.ToArray(), "block reads", 0);
    }

    [Fact]
    public void NonSeekableInputDecodesLikeSeekable()
    {
        var clip = AudioDecoder.Decode(new ForwardOnlyStream(Variant("extra-chunks")), "pipe");

        AssertSamples(Expected, clip.Samples.Span, "forward-only stream", 0);
    }

    internal static void AssertSamples(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, float tolerance)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} samples decoded, {expected.Length} expected");
        for (var i = 0; i < expected.Length; i++)
        {
            var same = tolerance == 0
                ? BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                : Math.Abs(expected[i] - actual[i]) <= tolerance;
            Assert.True(same, $"{what}: sample {i} is {actual[i]:R}, expected {expected[i]:R} (tolerance {tolerance})");
        }
    }
}
