using MelGenre.Audio.Decoding.Flac;

namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>
/// Damaged input: truncation keeps the complete frames (or throws Truncated when there are none);
/// every broken rule of the format throws <see cref="AudioDecodeException"/> of kind Corrupt, never an
/// index, overflow or other runtime error, and never hangs or allocates what a header claims.
/// </summary>
public sealed class FlacReaderDamageTests : IClassFixture<FlacReaderDamageTests.Fixture>
{
    private const int BlockSize = 4096;
    private const int HeaderLength = 5; // Sync (2), codes (2), frame number < 128 (1); CRC-8 follows.

    private readonly TestPcm _pcm;
    private readonly byte[] _flac;
    private readonly long[] _frames;

    public FlacReaderDamageTests(Fixture fixture)
    {
        FlacTool.SkipUnlessInstalled();
        (_pcm, _flac, _frames) = (fixture.Pcm, fixture.Flac, fixture.FrameOffsets);
    }

    /// <summary>One intact stream for all the tests to damage: 0.6 s of stereo 16-bit in 4096-sample frames.</summary>
    public sealed class Fixture
    {
        public Fixture()
        {
            if (!FlacTool.IsInstalled)
                return; // Each test skips itself.
            using var tool = FlacTool.Require();
            Flac = tool.Encode(Pcm, "-5", "-b", $"{BlockSize}");
            FrameOffsets = tool.FrameOffsets(Flac);
        }

        internal TestPcm Pcm { get; } = TestSignals.Make(Signal.Music, 44100, 2, 16, seconds: 0.6);

        internal byte[] Flac { get; } = [];

        /// <summary>Byte offset of each frame, from <c>flac -a</c>.</summary>
        internal long[] FrameOffsets { get; } = [];
    }

    [Theory]
    [InlineData(5, "the stream ends inside a metadata block header")]
    [InlineData(20, "the stream ends inside the STREAMINFO block")]
    [InlineData(41, "the stream ends inside the STREAMINFO block")]
    public void TruncatedMetadataThrowsTruncated(int length, string reason)
    {
        var error = Assert.Throws<AudioDecodeException>(() => FlacTestDecoding.DecodeSamples(_flac[..length]));

        Assert.Equal(AudioErrorKind.Truncated, error.Kind);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "after its metadata")]
    [InlineData(100, "inside its first frame")]
    public void StreamEndingBeforeTheFirstCompleteFrameThrowsTruncated(int bytesIntoFirstFrame, string reason)
    {
        var cut = _flac[..(int)(_frames[0] + bytesIntoFirstFrame)];

        var error = Assert.Throws<AudioDecodeException>(() => FlacTestDecoding.DecodeSamples(cut));

        Assert.Equal(AudioErrorKind.Truncated, error.Kind);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 0.0)]  // Exactly between frames 2 and 3.
    [InlineData(3, 0.5)]  // Half of frame 3.
    [InlineData(4, -1.0)] // Frame 3 without the last byte of its CRC-16.
    [InlineData(1, 0.01)] // Just into frame 1.
    public void TruncatedStreamDecodesTheCompleteFramesAndDropsThePartialOne(int completeFrames, double intoNext)
    {
        var cut = intoNext < 0
            ? (int)_frames[completeFrames] - 1
            : (int)(_frames[completeFrames] + (intoNext * (_frames[completeFrames + 1] - _frames[completeFrames])));
        if (intoNext < 0)
            completeFrames--;

        var ours = FlacTestDecoding.DecodeSamples(_flac[..cut]);

        FlacTestDecoding.AssertIdentical(_pcm.Samples[..(completeFrames * BlockSize * 2)], ours, 2, $"cut at byte {cut}");
    }

    [Fact]
    public void FrameCrc16MismatchThrowsCorrupt()
    {
        var damaged = (byte[])_flac.Clone();
        damaged[(int)_frames[3] - 1] ^= 0x01; // The last byte of frame 2 is its CRC-16.

        AssertCorrupt(damaged, "CRC-16 mismatch");
    }

    [Fact]
    public void FrameHeaderCrc8MismatchThrowsCorrupt()
    {
        var damaged = (byte[])_flac.Clone();
        damaged[(int)_frames[2] + HeaderLength] ^= 0x10;

        AssertCorrupt(damaged, "CRC-8 mismatch");
    }

    [Fact]
    public void LostSyncBetweenFramesThrowsCorrupt()
    {
        var damaged = (byte[])_flac.Clone();
        damaged[(int)_frames[2]] = 0x00;

        AssertCorrupt(damaged, "no frame sync code");
    }

    public static TheoryData<int, byte, byte, string> ReservedHeaderValues() => new()
    {
        // Header byte index, AND mask, OR mask, expected reason.
        { 1, 0xFF, 0x02, "reserved bit after the frame sync code" },
        { 2, 0x0F, 0x00, "reserved block size code 0" },
        { 2, 0xF0, 0x0F, "invalid sample rate code 15" },
        { 3, 0x0F, 0xB0, "reserved channel assignment 11" },
        { 3, 0x0F, 0xF0, "reserved channel assignment 15" },
        { 3, 0xF1, 0x06, "reserved sample size code 3" },
        { 3, 0xFE, 0x01, "reserved bit in the frame header" },
        { 3, 0x0F, 0x00, "the frame has 1 channels, STREAMINFO says 2" },
        { 3, 0xF1, 0x02, "the frame has 8 bits per sample, STREAMINFO says 16" },
    };

    [Theory]
    [MemberData(nameof(ReservedHeaderValues))]
    public void ReservedOrContradictoryFrameHeaderValuesThrowCorrupt(int index, byte and, byte or, string reason)
    {
        var damaged = (byte[])_flac.Clone();
        var header = (int)_frames[1];
        Assert.Equal(TestFlacWriter.Crc8(_flac.AsSpan(header, HeaderLength)), _flac[header + HeaderLength]);
        damaged[header + index] = (byte)((damaged[header + index] & and) | or);
        damaged[header + HeaderLength] = TestFlacWriter.Crc8(damaged.AsSpan(header, HeaderLength));

        AssertCorrupt(damaged, reason);
    }

    [Fact]
    public void BlockLargerThanTheStreamInfoMaximumThrowsCorrupt()
    {
        var damaged = (byte[])_flac.Clone();
        // STREAMINFO starts at byte 8: min and max block size become 1024.
        damaged[8] = damaged[10] = 0x04;
        damaged[9] = damaged[11] = 0x00;

        AssertCorrupt(damaged, "block size 4096 exceeds the STREAMINFO maximum 1024");
    }

    [Fact]
    public void UnterminatedRiceCodeRunningToTheEndOfTheStreamThrowsCorrupt()
    {
        // Everything after frame 1's first subframe header becomes zeros: one unary code with no end.
        var damaged = (byte[])_flac.Clone();
        damaged.AsSpan((int)_frames[1] + HeaderLength + 2).Clear();

        AssertCorrupt(damaged, "runs past the end of the stream");
    }

    [Fact]
    public void FlippedBitsAnywhereGiveSamplesOrTypedErrorsOnly()
    {
        var random = new Random(42);
        var outcomes = new Dictionary<string, int>();
        for (var trial = 0; trial < 120; trial++)
        {
            var damaged = (byte[])_flac.Clone();
            var position = random.Next(4, damaged.Length);
            damaged[position] ^= (byte)(1 << random.Next(8));
            string outcome;
            try
            {
                FlacTestDecoding.DecodeSamples(damaged, chunkFrames: 4096);
                outcome = "decoded";
            }
            catch (AudioDecodeException error)
            {
                outcome = error.Kind.ToString();
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (position >= _frames[0])
                Assert.True(outcome != "decoded", $"a bit flipped at byte {position} (inside the frames) went unnoticed");
        }
        Assert.True(outcomes.GetValueOrDefault("Corrupt") > 80, $"outcomes: {string.Join(", ", outcomes)}");
    }

    [Fact]
    public void MetadataBlockClaimingSixteenMebibytesBeyondTheEndThrowsTruncatedWithoutAllocatingIt()
    {
        var damaged = WithBlockAfterStreamInfo(_flac, type: 2, new byte[16], claimedLength: 0xFFFFFF);

        foreach (var seekable in new[] { true, false })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<AudioDecodeException>(() =>
                new FlacReader(seekable ? new MemoryStream(damaged) : new ForwardOnlyStream(damaged), "test.flac").Dispose());
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(AudioErrorKind.Truncated, error.Kind);
            Assert.Contains("inside a metadata block of type 2", error.Reason, StringComparison.Ordinal);
            Assert.True(allocated < 1 << 20, $"opening allocated {allocated} bytes (seekable: {seekable})");
        }
    }

    public static TheoryData<int, byte, AudioErrorKind, string> BrokenMetadata() => new()
    {
        // Byte index, new value, expected kind, expected reason.
        { 0, (byte)'F', AudioErrorKind.UnknownFormat, "no 'fLaC' marker" },
        { 4, 0x01, AudioErrorKind.Corrupt, "the first metadata block has type 1" },
        { 4, 0x7F, AudioErrorKind.Corrupt, "the first metadata block has type 127" },
        { 7, 0x20, AudioErrorKind.Corrupt, "STREAMINFO is 32 bytes long" },
        { 10, 0x00, AudioErrorKind.Corrupt, "block sizes 4096–0 are invalid" },
    };

    [Theory]
    [MemberData(nameof(BrokenMetadata))]
    public void BrokenMetadataThrowsTypedErrors(int index, byte value, AudioErrorKind kind, string reason)
    {
        var damaged = (byte[])_flac.Clone();
        damaged[index] = value;

        var error = Assert.Throws<AudioDecodeException>(() => new FlacReader(new MemoryStream(damaged), "test.flac"));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal("test.flac", error.Source);
    }

    [Fact]
    public void ZeroSampleRateInStreamInfoThrowsCorrupt()
    {
        var damaged = (byte[])_flac.Clone();
        damaged[18] = damaged[19] = 0;
        damaged[20] &= 0x0F;

        var error = Assert.Throws<AudioDecodeException>(() => new FlacReader(new MemoryStream(damaged), "test.flac"));

        Assert.Equal(AudioErrorKind.Corrupt, error.Kind);
        Assert.Contains("sample rate of 0 Hz", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyStreamThrowsEmpty()
    {
        var error = Assert.Throws<AudioDecodeException>(() => new FlacReader(new MemoryStream(), "test.flac"));

        Assert.Equal(AudioErrorKind.Empty, error.Kind);
    }

    /// <summary>A copy of <paramref name="flac"/> with one more metadata block right after STREAMINFO.</summary>
    internal static byte[] WithBlockAfterStreamInfo(byte[] flac, int type, byte[] body, int? claimedLength = null)
    {
        const int streamInfoEnd = 4 + 4 + 34;
        var wasLast = (flac[4] & 0x80) != 0;
        var length = claimedLength ?? body.Length;
        byte[] blockHeader = [(byte)(type | (wasLast ? 0x80 : 0)), (byte)(length >> 16), (byte)(length >> 8), (byte)length];
        byte[] result = [.. flac.AsSpan(0, streamInfoEnd), .. blockHeader, .. body, .. flac.AsSpan(streamInfoEnd)];
        result[4] &= 0x7F;
        return result;
    }

    private static void AssertCorrupt(byte[] flac, string reason)
    {
        var error = Assert.Throws<AudioDecodeException>(() => FlacTestDecoding.DecodeSamples(flac));

        Assert.Equal(AudioErrorKind.Corrupt, error.Kind);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
