using MelGenre.Audio.Decoding.Flac;

namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>
/// Bit-exactness against the reference: synthetic PCM is encoded by <c>flac</c> at many settings, and our
/// integer samples must equal both the original PCM and what <c>flac -d</c> decodes from the same file.
/// </summary>
public sealed class FlacReaderConformanceTests : IDisposable
{
    private readonly FlacTool _tool = FlacTool.Require();

    public void Dispose() => _tool.Dispose();

    public static TheoryData<Signal, int, int, int, string> Cases()
    {
        var cases = new TheoryData<Signal, int, int, int, string>();
        // Every compression preset on stereo music-like audio: fixed and LPC predictors, mid/side searches.
        for (var level = 0; level <= 8; level++)
            cases.Add((Signal.Music, 44100, 2, 16, $"-{level}"));
        // High LPC orders, precisions and exhaustive searches (non-subset needs --lax).
        cases.Add((Signal.Music, 44100, 2, 16, "-8 --lax -l 32"));
        cases.Add((Signal.Chirp, 48000, 1, 24, "--lax -l 32 -q 15 -e -p"));
        cases.Add((Signal.Music, 44100, 1, 16, "--lax -l 20 -q 5"));
        cases.Add((Signal.Music, 44100, 2, 16, "-8 -r 0,8 -e"));
        // Block sizes: code 1 (192), codes 2–5, 8–15, and explicit 8/16-bit sizes.
        foreach (var blockSize in new[] { 192, 576, 1152, 4096, 1000, 16384, 65535 })
            cases.Add((Signal.Music, 44100, 2, 16, $"--lax -b {blockSize}"));
        cases.Add((Signal.Sine, 44100, 1, 16, "--lax -b 16"));
        // Stereo decorrelation choices.
        cases.Add((Signal.Music, 44100, 2, 16, "-8 --no-mid-side"));
        cases.Add((Signal.Music, 44100, 2, 16, "-5 -m"));
        cases.Add((Signal.Music, 44100, 2, 16, "-5 -M"));
        cases.Add((Signal.Noise, 44100, 2, 24, "-8 -m"));
        // Left/side, right/side and mid/side in one stream, at every byte depth (32-bit: 33-bit side channels).
        foreach (var bits in new[] { 8, 16, 24, 32 })
            cases.Add((Signal.Stereo, 44100, 2, bits, "-8"));
        // Signal kinds: CONSTANT (silence), VERBATIM (noise), full-scale squares, chirps, wasted bits.
        cases.Add((Signal.Silence, 22050, 2, 16, "-8"));
        cases.Add((Signal.Noise, 22050, 1, 16, "-8"));
        cases.Add((Signal.Square, 22050, 2, 16, "-8"));
        cases.Add((Signal.Square, 48000, 2, 24, "-5"));
        cases.Add((Signal.Chirp, 44100, 1, 16, "-8"));
        cases.Add((Signal.Wasted, 44100, 2, 16, "-5"));
        cases.Add((Signal.Wasted, 44100, 2, 24, "-8"));
        // Bit depths 8–32, including 12 and 20 (odd frame-header sample-size codes).
        foreach (var bits in new[] { 8, 12, 20, 24 })
        {
            cases.Add((Signal.Music, 44100, 2, bits, "-8"));
            cases.Add((Signal.Noise, 44100, 1, bits, "-5"));
        }
        cases.Add((Signal.Music, 44100, 2, 32, "-8"));
        cases.Add((Signal.Square, 44100, 2, 32, "-8 -m"));
        cases.Add((Signal.Noise, 44100, 2, 32, "-5 -m"));
        cases.Add((Signal.Chirp, 44100, 1, 32, "--lax -l 32"));
        // 1–8 channels.
        for (var channels = 1; channels <= 8; channels++)
            cases.Add((Signal.Music, 48000, channels, 16, "-5"));
        // Sample rates that use every frame-header rate code or none (STREAMINFO only).
        foreach (var rate in new[] { 8000, 11025, 16000, 22050, 24000, 32000, 88200, 96000, 176400, 192000, 12345, 50000, 65530, 100000, 655350 })
            cases.Add((Signal.Sine, rate, 1, 16, rate > 65535 && rate % 10 != 0 || rate > 192000 ? "--lax" : "-5"));
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesFlacEncodedPcmBitIdenticalToReferenceDecoder(Signal signal, int sampleRate, int channelCount, int bitsPerSample, string options)
    {
        var pcm = TestSignals.Make(signal, sampleRate, channelCount, bitsPerSample, seconds: Math.Min(0.6, 40000.0 / sampleRate));
        var flac = _tool.Encode(pcm, options.Split(' '));
        var c = $"{signal} {sampleRate} Hz {channelCount} ch {bitsPerSample}-bit [{options}]";

        var ours = FlacTestDecoding.DecodeSamples(flac);

        FlacTestDecoding.AssertIdentical(pcm.Samples, ours, channelCount, $"{c}: our decode vs the original PCM");
        if (bitsPerSample % 8 == 0)
            FlacTestDecoding.AssertIdentical(_tool.DecodeRaw(flac, bitsPerSample), ours, channelCount, $"{c}: our decode vs flac -d");
    }

    [Theory]
    [InlineData(16, "-8", "channel_assignment=LEFT_SIDE", "channel_assignment=RIGHT_SIDE", "channel_assignment=MID_SIDE")]
    [InlineData(32, "-8", "channel_assignment=LEFT_SIDE", "channel_assignment=RIGHT_SIDE", "channel_assignment=MID_SIDE")]
    [InlineData(24, "-8", "residual_type=RICE2", "type=LPC")]
    public void StereoTestSignalMakesTheEncoderUseEveryFeatureTheCasesClaimToCover(int bitsPerSample, string options, params string[] features)
    {
        var flac = _tool.Encode(TestSignals.Make(Signal.Stereo, 44100, 2, bitsPerSample, seconds: 0.6), options);

        var analysis = _tool.Analyze(flac);

        foreach (var feature in features)
            Assert.True(analysis.Contains(feature, StringComparison.Ordinal), $"flac -a shows no {feature} in the {bitsPerSample}-bit Stereo case");
    }

    [Theory]
    [InlineData(Signal.Silence, "-8", "type=CONSTANT")]
    [InlineData(Signal.Noise, "-8", "type=VERBATIM")]
    [InlineData(Signal.Wasted, "-5", "wasted_bits=3")]
    [InlineData(Signal.Music, "-8 --lax -l 32", "order=32")]
    public void SignalKindsMakeTheEncoderUseTheSubframeFeaturesTheyAreMeantFor(Signal signal, string options, string feature)
    {
        var flac = _tool.Encode(TestSignals.Make(signal, 44100, 2, 16), options.Split(' '));

        Assert.Contains(feature, _tool.Analyze(flac), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsStreamInfoPropertiesOfTheEncodedFile()
    {
        var pcm = TestSignals.Make(Signal.Music, 96000, 3, 24, seconds: 0.25);
        var flac = _tool.Encode(pcm, "-5");

        using var reader = new FlacReader(new MemoryStream(flac), "test.flac");

        Assert.Equal(96000, reader.SampleRate);
        Assert.Equal(3, reader.ChannelCount);
        Assert.Equal(24, reader.BitsPerSample);
        Assert.Equal(pcm.FrameCount, reader.FrameCountHint);
    }

    public static TheoryData<TestFlacWriter.Residual, bool, int> HandWrittenCases() => new()
    {
        { TestFlacWriter.Residual.Escaped, true, 16 },
        { TestFlacWriter.Residual.Rice5Mixed, true, 16 },
        { TestFlacWriter.Residual.Escaped, false, 24 },
        { TestFlacWriter.Residual.Rice5Mixed, true, 8 },
    };

    [Theory]
    [MemberData(nameof(HandWrittenCases))]
    public void DecodesVariableBlockSizesAndEscapedPartitionsLikeReferenceDecoder(TestFlacWriter.Residual residual, bool variable, int bitsPerSample)
    {
        var pcm = TestSignals.Make(Signal.Music, 44100, 2, bitsPerSample, seconds: 0.3);
        // Irregular sizes: tiny, odd, 8-bit-coded (≤ 256) and 16-bit-coded blocks.
        var options = new TestFlacWriter.Options([4096, 17, 256, 1000, 3000, 64, 4608], variable, residual, PartitionOrder: 3);
        var flac = TestFlacWriter.Write(pcm, options);

        var ours = FlacTestDecoding.DecodeSamples(flac, chunkFrames: 333);

        FlacTestDecoding.AssertIdentical(pcm.Samples, ours, 2, $"hand-written {residual} stream vs the original PCM");
        if (bitsPerSample % 8 == 0)
            FlacTestDecoding.AssertIdentical(_tool.DecodeRaw(flac, bitsPerSample), ours, 2, $"hand-written {residual} stream vs flac -d");
    }
}
