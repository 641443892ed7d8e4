using MelGenre.Audio.Decoding;
using MelGenre.Audio.Decoding.Wav;

namespace MelGenre.Audio.Tests.Decoding.Wav;

/// <summary>Broken, hostile and odd WAV files: each gives a typed error or decodes what is really there,
/// never a hang, a raw exception or an allocation the file cannot back.</summary>
public class WavRobustnessTests
{
    private static readonly short[] Tone = WavFixture.Signal(400);
    private static readonly byte[] ToneData = WavFixture.Int16(Tone);

    private static AudioClip Decode(byte[] wav) => AudioDecoder.Decode(new MemoryStream(wav), "bad.wav");

    private static AudioDecodeException DecodeFails(byte[] wav, AudioErrorKind kind, string reasonFragment)
    {
        var error = Assert.Throws<AudioDecodeException>(() => Decode(wav));
        Assert.True(kind == error.Kind, $"expected {kind}, got {error.Kind}: {error.Reason}");
        Assert.Equal("bad.wav", error.Source);
        Assert.Contains(reasonFragment, error.Reason, StringComparison.OrdinalIgnoreCase);
        return error;
    }

    public static TheoryData<int> HeaderCutPoints => [.. Enumerable.Range(4, 42)];

    [Theory]
    [MemberData(nameof(HeaderCutPoints))]
    public void AFileCutAnywhereBeforeItsFirstWholeFrameIsTruncated(int length)
    {
        // 44-byte header + 2-byte frames: every cut from the RIFF id to one byte into the first frame.
        var whole = WavFixture.Simple(ToneData);

        DecodeFails(whole[..length], AudioErrorKind.Truncated, "ends");
    }

    [Fact]
    public void AFileCutInsideItsSamplesDecodesTheWholeFramesThatAreThere()
    {
        var whole = WavFixture.Simple(ToneData);

        var clip = Decode(whole[..(44 + 2 * 150 + 1)]);

        WavFormatTests.AssertSamples(Array.ConvertAll(Tone[..150], s => s / 32768f), clip.Samples.Span, "cut file", 0);
    }

    [Fact]
    public void DataSizeLargerThanTheFileIsClampedToTheBytesPresent()
    {
        var wav = new WavFixture().Fmt(WavFixture.Pcm, 1, 22050, 16).Data(ToneData, declaredSize: 1_000_000).Build();

        var clip = Decode(wav);

        Assert.Equal(Tone.Length, clip.FrameCount);
    }

    [Fact]
    public void AHeaderClaimingFourGigabytesInATinyFileAllocatesLittle()
    {
        var wav = new WavFixture().Fmt(WavFixture.Pcm, 1, 22050, 16).Data(ToneData, declaredSize: 0xFFFFFFF0).Build();

        AssertDecodesSmall(wav, Tone.Length);
    }

    [Fact]
    public void AnRf64Ds64ClaimingATerabyteInATinyFileAllocatesLittle()
    {
        var wav = new WavFixture().AsRf64(ds64DataBytes: 1UL << 40).Fmt(WavFixture.Pcm, 1, 22050, 16).Data(ToneData).Build();

        AssertDecodesSmall(wav, Tone.Length);
    }

    private static void AssertDecodesSmall(byte[] wav, int expectedFrames)
    {
        // Seekable: the header is checked against the stream length. Forward-only: the first allocation is capped.
        foreach (var (name, makeStream, budget) in new (string, Func<Stream>, long)[]
        {
            ("seekable", () => new MemoryStream(wav), 1L << 20),
            ("forward-only", () => new ForwardOnlyStream(wav), 6L << 20),
        })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clip = AudioDecoder.Decode(makeStream(), name);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(expectedFrames, clip.FrameCount);
            Assert.True(allocated < budget, $"{name}: decoding a {wav.Length}-byte file allocated {allocated} bytes (budget {budget})");
        }
    }

    [Fact]
    public void AnOddSizedChunkWithoutItsPadByteAtTheEndOfTheFileIsHarmless()
    {
        // The data comes first, so the walk must reach the odd 17-byte fmt chunk that ends the file, pad byte cut off.
        var wav = new WavFixture().Data(ToneData).Fmt(WavFixture.Pcm, 1, 22050, 16, extraBytes: 1).Build()[..^1];

        Assert.Equal(Tone.Length, Decode(wav).FrameCount);
    }

    [Fact]
    public void AnOddSizedDataChunkDropsItsPartialLastFrame()
    {
        var wav = WavFixture.Simple(ToneData[..^1]);

        Assert.Equal(Tone.Length - 1, Decode(wav).FrameCount);
    }

    [Fact]
    public void AnEmptyDataChunkDecodesToAnEmptyClip()
    {
        var clip = Decode(WavFixture.Simple([]));

        Assert.Equal(0, clip.FrameCount);
        Assert.Equal(22050, clip.SampleRate);
    }

    [Fact]
    public void BlockAlignThatContradictsChannelsAndBitsIsCorrupt() =>
        DecodeFails(new WavFixture().Fmt(WavFixture.Pcm, 2, 22050, 16, blockAlign: 3).Data(ToneData).Build(), AudioErrorKind.Corrupt, "block align 3");

    [Fact]
    public void TwentyFourBitsInFourByteContainersIsRefusedNotGuessed() =>
        DecodeFails(new WavFixture().Fmt(WavFixture.Pcm, 1, 22050, 24, blockAlign: 4).Data(new byte[40]).Build(), AudioErrorKind.Corrupt, "block align 4");

    [Fact]
    public void BlockAlignZeroIsComputedFromChannelsAndBits() =>
        Assert.Equal(Tone.Length / 2, Decode(new WavFixture().Fmt(WavFixture.Pcm, 2, 22050, 16, blockAlign: 0).Data(ToneData).Build()).FrameCount);

    [Fact]
    public void ZeroChannelsIsCorrupt() =>
        DecodeFails(new WavFixture().Fmt(WavFixture.Pcm, 0, 22050, 16, blockAlign: 2).Data(ToneData).Build(), AudioErrorKind.Corrupt, "0 channels");

    [Fact]
    public void SampleRateZeroIsCorrupt() =>
        DecodeFails(WavFixture.Simple(ToneData, sampleRate: 0), AudioErrorKind.Corrupt, "0 Hz");

    [Theory]
    [InlineData(768_001u)]
    [InlineData(4_000_000_000u)]
    public void SampleRateAbove768kHzIsUnsupported(uint sampleRate) =>
        DecodeFails(WavFixture.Simple(ToneData, sampleRate: sampleRate), AudioErrorKind.Unsupported, $"{sampleRate} Hz");

    [Theory]
    [InlineData(1u)]
    [InlineData(8000u)]
    [InlineData((uint)WavReader.MaxSampleRate)]
    public void SampleRatesFrom1HzTo768kHzDecode(uint sampleRate) =>
        Assert.Equal((int)sampleRate, Decode(WavFixture.Simple(ToneData, sampleRate: sampleRate)).SampleRate);

    [Theory]
    [InlineData(WavFixture.Pcm, 12)]
    [InlineData(WavFixture.Pcm, 7)]
    [InlineData(WavFixture.Pcm, 0)]
    [InlineData(WavFixture.Pcm, 64)]
    [InlineData(WavFixture.IeeeFloat, 16)]
    [InlineData(WavFixture.IeeeFloat, 24)]
    public void UnsupportedBitDepthsAreNamed(ushort tag, ushort bits) =>
        DecodeFails(WavFixture.Simple(ToneData, tag: tag, bits: bits), AudioErrorKind.Unsupported, $"{bits}-bit");

    [Theory]
    [InlineData(0x0002, "MS ADPCM")]
    [InlineData(0x0055, "MP3")]
    [InlineData(0x1234, "0x1234")]
    public void CompressedFormatTagsAreUnsupported(ushort tag, string named) =>
        DecodeFails(WavFixture.Simple(ToneData, tag: tag, bits: 4), AudioErrorKind.Unsupported, named);

    [Fact]
    public void ExtensibleWithAnUnknownSubformatIsUnsupported() =>
        DecodeFails(new WavFixture().FmtExtensible(0x0002, 1, 22050, 16).Data(ToneData).Build(), AudioErrorKind.Unsupported, "subformat");

    [Fact]
    public void ExtensibleWithoutItsExtensionIsCorrupt() =>
        DecodeFails(WavFixture.Simple(ToneData, tag: WavFixture.Extensible), AudioErrorKind.Corrupt, "extension");

    [Fact]
    public void AFmtChunkShorterThan16BytesIsCorrupt() =>
        DecodeFails(new WavFixture().Add("fmt ", new byte[14]).Data(ToneData).Build(), AudioErrorKind.Corrupt, "fewer than the 16");

    [Fact]
    public void AMissingFmtChunkIsCorrupt() =>
        DecodeFails(new WavFixture().Add("LIST", new byte[4]).Data(ToneData).Build(), AudioErrorKind.Corrupt, "no 'fmt ' chunk");

    [Fact]
    public void AMissingDataChunkIsCorrupt() =>
        DecodeFails(new WavFixture().Fmt(WavFixture.Pcm, 1, 22050, 16).Add("LIST", new byte[9]).Build(), AudioErrorKind.Corrupt, "no 'data' chunk");

    [Fact]
    public void AnRf64WithoutDs64IsCorrupt()
    {
        var wav = new WavFixture().Fmt(WavFixture.Pcm, 1, 22050, 16).Data(ToneData, declaredSize: uint.MaxValue).Build();
        "RF64"u8.CopyTo(wav);

        DecodeFails(wav, AudioErrorKind.Corrupt, "ds64");
    }

    [Fact]
    public void DataBeforeFmtOnAForwardOnlyStreamIsUnsupported()
    {
        var wav = new WavFixture().Data(ToneData).Fmt(WavFixture.Pcm, 1, 22050, 16).Build();

        var error = Assert.Throws<AudioDecodeException>(() => AudioDecoder.Decode(new ForwardOnlyStream(wav), "pipe"));

        Assert.Equal(AudioErrorKind.Unsupported, error.Kind);
        Assert.Contains("seekable", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteFloatSamplesFailDecodeWithTheirPosition()
    {
        float[] stored = [0.1f, 0.2f, 0.3f, 0.4f, float.NaN, 0.5f];

        var error = DecodeFails(WavFixture.Simple(WavFixture.Float32(stored), tag: WavFixture.IeeeFloat, channels: 2, bits: 32), AudioErrorKind.Corrupt, "non-finite");

        Assert.Contains("frame 2, channel 0", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void InfiniteSamplesDeepInALongFileFailDecode(float bad)
    {
        var stored = new float[10_003];
        stored[9_999] = bad;

        var error = DecodeFails(WavFixture.Simple(WavFixture.Float32(stored), tag: WavFixture.IeeeFloat, bits: 32), AudioErrorKind.Corrupt, "sample 9999");

        Assert.Contains("non-finite", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStreamingReaderPassesNonFiniteSamplesThroughForTheCallerToJudge()
    {
        var wav = WavFixture.Simple(WavFixture.Float64([1e300, double.NaN]), tag: WavFixture.IeeeFloat, bits: 64);
        using var reader = new WavReader(new MemoryStream(wav));
        var buffer = new float[4];

        Assert.Equal(2, reader.Read(buffer));
        Assert.True(float.IsPositiveInfinity(buffer[0]), "1e300 overflows float32 to +inf");
        Assert.True(float.IsNaN(buffer[1]));
    }

    [Fact]
    public void AReaderBufferSmallerThanOneFrameIsACallerError()
    {
        using var reader = new WavReader(new MemoryStream(WavFixture.Simple(ToneData, channels: 4)));

        Assert.Throws<ArgumentException>(() => reader.Read(new float[3]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomlyDamagedHeadersGiveTypedErrorsOrDecodeWithinAFixedMemoryBudget(int seed)
    {
        // Seeded mutation fuzzing of the header region: overwritten bytes, extreme 32-bit fields, random cuts.
        var valid = new WavFixture().Add("LIST", new byte[9]).FmtExtensible(WavFixture.Pcm, 2, 44100, 24).Add("fact", new byte[4]).Data(new byte[600]).Build();
        var random = new Random(seed);
        uint[] extremes = [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0xFFFFFFFF];
        for (var trial = 0; trial < 700; trial++)
        {
            var wav = (byte[])valid.Clone();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(0, 100);
                if (random.Next(2) == 0)
                    wav[at] = (byte)random.Next(256);
                else
                    BitConverter.GetBytes(extremes[random.Next(extremes.Length)]).CopyTo(wav, Math.Min(at, wav.Length - 4));
            }
            if (random.Next(4) == 0)
                wav = wav[..random.Next(wav.Length)];

            foreach (var stream in new Stream[] { new MemoryStream(wav), new ForwardOnlyStream(wav) })
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    AudioDecoder.Decode(stream, "fuzz.wav");
                }
                catch (AudioDecodeException error)
                {
                    Assert.Equal("fuzz.wav", error.Source);
                }
                catch (Exception other)
                {
                    Assert.Fail($"seed {seed}, trial {trial} ({stream.GetType().Name}): {other.GetType().Name} escaped: {other.Message}\n{Convert.ToHexString(wav[..Math.Min(100, wav.Length)])}");
                }
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < 6L << 20, $"seed {seed}, trial {trial}: a {wav.Length}-byte file made decoding allocate {allocated} bytes");
            }
        }
    }

    [Fact]
    public void ThousandsOfTinyChunksBeforeTheDataAreWalkedNotRecursed()
    {
        var fixture = new WavFixture().Fmt(WavFixture.Pcm, 1, 22050, 16);
        for (var i = 0; i < 20_000; i++)
            fixture.Add("junk", []);

        Assert.Equal(Tone.Length, Decode(fixture.Data(ToneData).Build()).FrameCount);
    }
}
