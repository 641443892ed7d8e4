using MelGenre.Audio.Decoding.Mp3;

namespace MelGenre.Audio.Tests.Decoding.Mp3;

public class Mp3ReaderTests
{
    private const string StereoFile = "sine-440-660-stereo-44k.mp3";
    private const string MonoFile = "sine-1000-mono-22k.mp3";

    [Fact]
    public void DecodesStereoMpeg1WithId3TagToItsRateChannelsAndSines()
    {
        var clip = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(DecodedAudio.Fixture(StereoFile)), StereoFile));

        Assert.Equal(44100, clip.SampleRate);
        Assert.Equal(2, clip.ChannelCount);
        // The LAME tag's encoder delay and padding are trimmed: exactly the 1.5 s that were encoded.
        Assert.Equal(66150, clip.FrameCount);
        AssertSine(clip, channel: 0, frequency: 440);
        AssertSine(clip, channel: 1, frequency: 660);
    }

    [Fact]
    public void DecodesMonoMpeg2WithoutTag()
    {
        var clip = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(DecodedAudio.Fixture(MonoFile)), MonoFile));

        Assert.Equal(22050, clip.SampleRate);
        Assert.Equal(1, clip.ChannelCount);
        // No Info frame (LAME writes none in frames this small): 41 frames of 576 less the decoder's 529-sample
        // delay, as `lame --decode` gives; the encoder delay and padding stay.
        Assert.Equal(41 * 576 - 529, clip.FrameCount);
        AssertSine(clip, channel: 0, frequency: 1000);
    }

    [Theory]
    [InlineData(StereoFile)]
    [InlineData(MonoFile)]
    public void FrameCountHintIsTheDecodedLength(string name)
    {
        using var reader = new Mp3Reader(new MemoryStream(DecodedAudio.Fixture(name)), name);
        var hint = reader.FrameCountHint;

        Assert.Equal(DecodedAudio.ReadAll(reader).FrameCount, hint);
    }

    [Fact]
    public void ReadsAStreamThatCannotSeek()
    {
        var bytes = DecodedAudio.Fixture(StereoFile);
        var fromMemory = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(bytes), StereoFile));
        var fromPipe = DecodedAudio.ReadAll(new Mp3Reader(new ForwardOnlyStream(bytes), StereoFile));

        Assert.Equal(fromMemory.Samples.ToArray(), fromPipe.Samples.ToArray());
    }

    [Fact]
    public void OddSizedBuffersStillReceiveWholeFrames()
    {
        var whole = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(DecodedAudio.Fixture(StereoFile)), StereoFile));
        var inSmallBlocks = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(DecodedAudio.Fixture(StereoFile)), StereoFile), blockSamples: 333);

        Assert.Equal(whole.Samples.ToArray(), inSmallBlocks.Samples.ToArray());
    }

    [Theory]
    [InlineData(StereoFile)]
    [InlineData(MonoFile)]
    public void RecognisesFixturesFromTheirFirst64Bytes(string name) =>
        Assert.True(Mp3Reader.IsMatch(DecodedAudio.Fixture(name).AsSpan(0, 64)), $"{name} not recognised as MP3");

    [Fact]
    public void RecognisesFrameSyncWhenTheNextFrameConfirmsIt() =>
        Assert.True(Mp3Reader.IsMatch(DecodedAudio.Fixture(MonoFile).AsSpan(0, Mp3Reader.StrictDetectionBytes)));

    [Fact]
    public void RefusesAFrameHeaderNotFollowedByAnother()
    {
        var bytes = DecodedAudio.Fixture(MonoFile).AsSpan(0, Mp3Reader.StrictDetectionBytes).ToArray();
        Array.Fill(bytes, (byte)'x', 4, bytes.Length - 4);

        Assert.False(Mp3Reader.IsMatch(bytes));
    }

    [Theory]
    [InlineData("plain text that is not audio at all, padded to be long enough")]
    [InlineData("RIFF\u0024\0\0\0WAVEfmt ")]
    [InlineData("OggS\0\u0002")]
    [InlineData("ID3")]
    public void RefusesOtherBytes(string text) =>
        Assert.False(Mp3Reader.IsMatch(System.Text.Encoding.Latin1.GetBytes(text)));

    [Fact]
    public void RefusesRandomBytes()
    {
        var random = new Random(20240611);
        var bytes = new byte[Mp3Reader.StrictDetectionBytes];
        var accepted = 0;
        for (var trial = 0; trial < 10_000; trial++)
        {
            random.NextBytes(bytes);
            bytes[0] = 0xFF; // give every trial a chance at a frame sync
            if (Mp3Reader.IsMatch(bytes))
                accepted++;
        }
        Assert.True(accepted == 0, $"{accepted} of 10000 random blocks starting with 0xFF were taken for MP3");
    }

    [Fact]
    public void GarbageAfterAnId3TagIsCorrupt()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "ID3\u0003\0\0\0\0\0\u000A"u8.CopyTo(bytes); // a 10-byte tag body, then noise

        var error = Assert.Throws<AudioDecodeException>(() => DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(bytes), "noise.mp3")));

        Assert.Equal("noise.mp3", error.Source);
        Assert.True(error.Kind is AudioErrorKind.Corrupt or AudioErrorKind.Truncated, $"kind {error.Kind}: {error.Message}");
    }

    [Fact]
    public void AnId3TagClaimingHundredsOfMegabytesIsRefusedWithoutAllocatingThem()
    {
        var bytes = "ID3\u0004\0\0\u007F\u007F\u007F\u007F"u8.ToArray(); // sync-safe size 2^28 - 1, nothing after
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<AudioDecodeException>(() => DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(bytes), "huge-tag.mp3")));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated for a 10-byte file");
        Assert.Equal(AudioErrorKind.Truncated, error.Kind);
        Assert.Equal("huge-tag.mp3", error.Source);
    }

    private static void AssertSine(AudioClip clip, int channel, double frequency)
    {
        var fit = SineFit.Of(DecodedAudio.Channel(clip, channel), clip.SampleRate, frequency);
        // LAME scales its input by ~0.95 before coding, so the amplitude is compared loosely.
        Assert.True(Math.Abs(fit.Amplitude - 0.5) < 0.04, $"channel {channel}: {frequency} Hz amplitude {fit.Amplitude:F4}, expected 0.5 ± 0.04");
        Assert.True(fit.SnrDb > 40, $"channel {channel}: {frequency} Hz sine decoded at {fit.SnrDb:F1} dB SNR, expected > 40 dB");
    }
}
