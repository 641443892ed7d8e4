using MelGenre.Audio.Decoding.Ogg;

namespace MelGenre.Audio.Tests.Decoding.Ogg;

public class OggOpusReaderTests
{
    private const string StereoFile = "sine-440-660-stereo-48k.opus";
    private const string MonoFile = "sine-1000-mono-22k.opus";
    private const string ThreeChannelFile = "sine-440-660-880-3ch-48k.opus";

    [Fact]
    public void DecodesStereoAt48kHzTrimmedToTheEncodedLength()
    {
        var clip = DecodedAudio.ReadAll(new OggOpusReader(new MemoryStream(DecodedAudio.Fixture(StereoFile)), StereoFile));

        Assert.Equal(48000, clip.SampleRate);
        Assert.Equal(2, clip.ChannelCount);
        Assert.Equal(72000, clip.FrameCount); // pre-skip dropped, last page's granule trims the end: exactly 1.5 s
        AssertSine(clip, 0, 440);
        AssertSine(clip, 1, 660);
    }

    [Fact]
    public void DecodesA22kHzSourceAt48kHz()
    {
        var clip = DecodedAudio.ReadAll(new OggOpusReader(new MemoryStream(DecodedAudio.Fixture(MonoFile)), MonoFile));

        Assert.Equal(48000, clip.SampleRate);
        Assert.Equal(1, clip.ChannelCount);
        Assert.Equal(48000, clip.FrameCount); // 1 s, whatever rate went in
        AssertSine(clip, 0, 1000);
    }

    [Fact]
    public void DecodesChannelMappingFamily1InVorbisChannelOrder()
    {
        var clip = DecodedAudio.ReadAll(new OggOpusReader(new MemoryStream(DecodedAudio.Fixture(ThreeChannelFile)), ThreeChannelFile));

        Assert.Equal(3, clip.ChannelCount);
        Assert.Equal(24000, clip.FrameCount);
        // opusenc stores WAV's left, right, centre in Vorbis order (RFC 7845 §5.1.1.2): left, centre, right.
        AssertSine(clip, 0, 440);
        AssertSine(clip, 1, 880);
        AssertSine(clip, 2, 660);
    }

    [Theory]
    [InlineData(256 * 6, 2.0)]    // +6 dB in Q7.8
    [InlineData(-256 * 6, 0.5)]   // −6 dB
    public void AppliesTheHeaderOutputGain(short gainQ8, double expectedRatio)
    {
        var plain = DecodedAudio.ReadAll(new OggOpusReader(new MemoryStream(DecodedAudio.Fixture(MonoFile)), MonoFile));
        var bytes = OggForgery.WithOpusOutputGain(DecodedAudio.Fixture(MonoFile), gainQ8);

        var gained = DecodedAudio.ReadAll(new OggOpusReader(new MemoryStream(bytes), MonoFile));

        var ratio = SineFit.Of(DecodedAudio.Channel(gained, 0), 48000, 1000).Amplitude / SineFit.Of(DecodedAudio.Channel(plain, 0), 48000, 1000).Amplitude;
        Assert.True(Math.Abs(ratio - expectedRatio) < 0.01 * expectedRatio, $"gain {gainQ8 / 256.0} dB scaled the sine by {ratio:F4}, expected {expectedRatio:F4} (10^(dB/20) = {Math.Pow(10, gainQ8 / 256.0 / 20):F4})");
    }

    [Fact]
    public void ReadsAStreamThatCannotSeekAsAnyOther()
    {
        var bytes = DecodedAudio.Fixture(StereoFile);
        var fromMemory = DecodedAudio.ReadAll(new OggOpusReader(new MemoryStream(bytes), StereoFile));
        var fromPipe = DecodedAudio.ReadAll(new OggOpusReader(new ForwardOnlyStream(bytes), StereoFile));

        Assert.Equal(fromMemory.Samples.ToArray(), fromPipe.Samples.ToArray());
    }

    [Fact]
    public void RecognisesOpusButNotVorbisFromTheFirst64Bytes()
    {
        Assert.True(OggOpusReader.IsMatch(DecodedAudio.Fixture(StereoFile).AsSpan(0, 64)));
        Assert.True(OggOpusReader.IsMatch(DecodedAudio.Fixture(ThreeChannelFile).AsSpan(0, 64)));
        Assert.False(OggOpusReader.IsMatch(DecodedAudio.Fixture("sine-440-660-stereo-44k.ogg").AsSpan(0, 64)));
        Assert.False(OggOpusReader.IsMatch("OpusHead is text here, not an Ogg page at all........"u8));
    }

    [Fact]
    public void VorbisFileIsNotOpus()
    {
        var error = Assert.Throws<AudioDecodeException>(() => new OggOpusReader(new MemoryStream(DecodedAudio.Fixture("sine-440-660-stereo-44k.ogg")), "x.ogg"));

        Assert.Equal(AudioErrorKind.UnknownFormat, error.Kind);
        Assert.Equal("x.ogg", error.Source);
    }

    private static void AssertSine(AudioClip clip, int channel, double frequency)
    {
        var fit = SineFit.Of(DecodedAudio.Channel(clip, channel), clip.SampleRate, frequency);
        Assert.True(Math.Abs(fit.Amplitude - 0.5) < 0.01, $"channel {channel}: {frequency} Hz amplitude {fit.Amplitude:F4}, expected 0.5 ± 0.01");
        Assert.True(fit.SnrDb > 35, $"channel {channel}: {frequency} Hz sine decoded at {fit.SnrDb:F1} dB SNR, expected > 35 dB");
    }
}
