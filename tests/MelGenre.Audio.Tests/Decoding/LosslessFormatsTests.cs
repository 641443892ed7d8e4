using MelGenre.Audio.Decoding;
using MelGenre.Audio.Tests.Decoding.Flac;
using MelGenre.Audio.Tests.Decoding.Wav;

namespace MelGenre.Audio.Tests.Decoding;

/// <summary>
/// One 16-bit signal stored in every lossless format AudioDecoder knows decodes to the same float32 samples, bit for bit:
/// the format a file arrives in never changes what the features see.
/// </summary>
public sealed class LosslessFormatsTests
{
    private const int Frames = 20000;
    private const ushort Channels = 2;
    private const uint SampleRate = 44100;
    private static readonly byte[] Pcm16 = WavFixture.Int16(WavFixture.Signal(Frames, Channels));
    private static readonly byte[] PlainWav = WavFixture.Simple(Pcm16, channels: Channels, sampleRate: SampleRate);

    public static TheoryData<string> Formats => ["wav-extensible", "rf64", "flac"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Decodes_to_exactly_the_samples_of_the_plain_16_bit_wav(string format)
    {
        var expected = AudioDecoder.Decode(new MemoryStream(PlainWav), "plain.wav");

        var actual = AudioDecoder.Decode(new MemoryStream(Encode(format)), format);

        Assert.Equal((expected.SampleRate, expected.ChannelCount), (actual.SampleRate, actual.ChannelCount));
        var want = expected.Samples.Span;
        var got = actual.Samples.Span;
        Assert.True(want.Length == got.Length, $"{format}: {got.Length} samples, the plain WAV has {want.Length}");
        for (var i = 0; i < want.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(want[i]) != BitConverter.SingleToInt32Bits(got[i]))
                Assert.Fail($"{format}: frame {i / Channels}, channel {i % Channels} decodes to {got[i]:R}, the plain WAV to {want[i]:R}");
        }
    }

    private static byte[] Encode(string format) => format switch
    {
        "wav-extensible" => new WavFixture().FmtExtensible(WavFixture.Pcm, Channels, SampleRate, 16, channelMask: 3).Data(Pcm16).Build(),
        "rf64" => new WavFixture().AsRf64().Fmt(WavFixture.Pcm, Channels, SampleRate, 16).Data(Pcm16).Build(),
        "flac" => EncodeFlac(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The plain WAV through the reference <c>flac</c> encoder (the test skips when it is not installed).</summary>
    private static byte[] EncodeFlac()
    {
        using var tool = FlacTool.Require();
        var wav = tool.NewPath(".wav");
        File.WriteAllBytes(wav, PlainWav);
        return tool.EncodeFile(wav, "-8");
    }
}
