using MelGenre.Audio.Decoding.Flac;

namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>
/// The reader's surface: format sniffing, metadata skipping, float scaling, chunked and forward-only
/// reading, and hand-written streams. Only tests that encode with <c>flac</c> skip without it.
/// </summary>
public sealed class FlacReaderTests : IDisposable
{
    private FlacTool? _tool;

    private FlacTool Tool => _tool ??= FlacTool.Require();

    public void Dispose() => _tool?.Dispose();

    [Theory]
    [InlineData("fLaC", true)]
    [InlineData("fLaC\0\0\0\x22", true)]
    [InlineData("fLa", false)]
    [InlineData("RIFF....WAVE", false)]
    [InlineData("OggS", false)]
    [InlineData("", false)]
    public void IsMatchRecognisesTheFlacMarker(string header, bool expected) =>
        Assert.Equal(expected, FlacReader.IsMatch(header.Select(c => (byte)c).ToArray()));

    [Fact]
    public void IsMatchLooksPastAnId3v2TagThatFitsInTheHeader()
    {
        byte[] tag = [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5];

        Assert.True(FlacReader.IsMatch([.. tag, .. "fLaC"u8]));
        Assert.False(FlacReader.IsMatch([.. tag, .. "\xFF\xFB"u8]));
        Assert.False(FlacReader.IsMatch(tag[..12])); // The tag runs past what we were shown.
    }

    [Fact]
    public void SkipsEveryOtherMetadataBlockAndAnId3v2Prefix()
    {
        var pcm = TestSignals.Make(Signal.Music, 44100, 2, 16, seconds: 0.2);
        // VORBIS_COMMENT, SEEKTABLE and PADDING from the encoder; APPLICATION and PICTURE added by hand.
        var flac = Tool.Encode(pcm, "-5", "-T", "TITLE=test", "-S", "0.05s", "--padding=70000");
        flac = FlacReaderDamageTests.WithBlockAfterStreamInfo(flac, type: 2, [.. "test"u8, 1, 2, 3]);
        flac = FlacReaderDamageTests.WithBlockAfterStreamInfo(flac, type: 6, new byte[300]);
        byte[] id3 = [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0x10, 0, 0, 0, 20, .. new byte[30]]; // 20-byte body + footer.

        FlacTestDecoding.AssertIdentical(pcm.Samples, FlacTestDecoding.DecodeSamples(flac), 2, "with extra metadata blocks");
        FlacTestDecoding.AssertIdentical(pcm.Samples, FlacTestDecoding.DecodeSamples([.. id3, .. flac]), 2, "after an ID3v2 tag");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(24)]
    [InlineData(32)]
    public void FloatSamplesAreIntegersOverTwoToTheBitsMinusOne(int bitsPerSample)
    {
        var pcm = TestSignals.Make(Signal.Square, 44100, 1, bitsPerSample, seconds: 0.05);
        var flac = Tool.Encode(pcm, "-5");
        var scale = Math.ScaleB(1.0, -(bitsPerSample - 1));

        var floats = FlacTestDecoding.DecodeFloats(flac);

        Assert.Equal(pcm.Samples.Length, floats.Length);
        for (var i = 0; i < floats.Length; i++)
        {
            var expected = (float)(pcm.Samples[i] * scale);
            if (floats[i] != expected)
                Assert.Fail($"{bitsPerSample}-bit sample {i}: integer {pcm.Samples[i]} gave {floats[i]}, expected {expected}");
        }
        Assert.Contains(-1f, floats); // Full scale negative is exactly -1.
    }

    [Fact]
    public void ForwardOnlyStreamWithShortReadsDecodesLikeAMemoryStream()
    {
        var pcm = TestSignals.Make(Signal.Music, 44100, 2, 24, seconds: 0.3);
        var flac = FlacReaderDamageTests.WithBlockAfterStreamInfo(Tool.Encode(pcm, "-8"), type: 1, new byte[5000]);
        var stream = new ForwardOnlyStream(flac);
        var samples = new List<int>();

        using (var reader = new FlacReader(stream, "pipe"))
        {
            var chunk = new int[2];
            while (reader.ReadSamples(chunk) is var read and > 0)
                samples.AddRange(chunk.AsSpan(0, read));
        }

        FlacTestDecoding.AssertIdentical(pcm.Samples, [.. samples], 2, "forward-only stream read one frame at a time");
        Assert.True(stream.IsDisposed, "the reader disposes the stream it owns");
    }

    [Fact]
    public void LeaveOpenKeepsTheStreamUsable()
    {
        var flac = Tool.Encode(TestSignals.Make(Signal.Sine, 8000, 1, 16, seconds: 0.1), "-5");
        var stream = new ForwardOnlyStream(flac);

        new FlacReader(stream, null, leaveOpen: true).Dispose();

        Assert.False(stream.IsDisposed);
    }

    [Fact]
    public void BufferShorterThanOneFrameIsRejected()
    {
        var flac = Tool.Encode(TestSignals.Make(Signal.Sine, 8000, 2, 16, seconds: 0.1), "-5");
        using var reader = new FlacReader(new MemoryStream(flac), null);

        Assert.Throws<ArgumentException>(() => reader.Read(new float[1]));
    }

    [Fact]
    public void StreamWithNoAudioDecodesToNothing()
    {
        // flac refuses to encode nothing, so the stream (STREAMINFO announcing 0 samples, no frames) is hand-written.
        var flac = TestFlacWriter.Write(new TestPcm([], 44100, 1, 16), new TestFlacWriter.Options([4096], Variable: false, TestFlacWriter.Residual.Escaped));

        Assert.Empty(FlacTestDecoding.DecodeSamples(flac));
    }

    [Theory]
    [InlineData(15, "Rice partition order 15 does not fit block size 4096")]
    [InlineData(12, "Rice partition order 12 does not fit block size 4096 with predictor order 2")]
    public void RicePartitionOrderThatOverrunsTheBlockThrowsCorrupt(int partitionOrder, string reason)
    {
        var pcm = TestSignals.Make(Signal.Music, 44100, 2, 16, seconds: 0.2);
        var flac = TestFlacWriter.Write(pcm, new TestFlacWriter.Options([4096], Variable: false, TestFlacWriter.Residual.Escaped, partitionOrder));

        var error = Assert.Throws<AudioDecodeException>(() => FlacTestDecoding.DecodeSamples(flac));

        Assert.Equal(AudioErrorKind.Corrupt, error.Kind);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HandWrittenVariableBlockStreamDecodesToItsPcm()
    {
        // The same streams are checked against flac -d in the conformance tests; this runs without flac.
        var pcm = TestSignals.Make(Signal.Music, 44100, 2, 16, seconds: 0.2);
        var flac = TestFlacWriter.Write(pcm, new TestFlacWriter.Options([1000, 17, 4096], Variable: true, TestFlacWriter.Residual.Rice5Mixed));

        FlacTestDecoding.AssertIdentical(pcm.Samples, FlacTestDecoding.DecodeSamples(flac), 2, "hand-written variable-block stream");
    }
}
