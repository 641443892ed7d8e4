using System.Buffers.Binary;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Decoding.Mp3;
using MelGenre.Audio.Decoding.Ogg;
using MelGenre.Audio.Tests.Decoding.Ogg;

namespace MelGenre.Audio.Tests.Decoding;

/// <summary>
/// Cut and damaged MP3, Ogg Vorbis and Ogg Opus files: each reader decodes what is there and stops, or throws
/// <see cref="AudioDecodeException"/> naming the file; never another exception, never a hang.
/// </summary>
public class CorruptInputTests
{
    public static TheoryData<string> Fixtures =>
    [
        "sine-440-660-stereo-44k.mp3", "sine-1000-mono-22k.mp3", "sine-440-660-stereo-44k.ogg",
        "sine-440-660-stereo-48k.opus", "sine-1000-mono-22k.opus", "sine-440-660-880-3ch-48k.opus",
    ];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Fixtures))]
    public async Task TruncatedFilesDecodeAPrefixOrFailWithATypedError(string name)
    {
        await Task.Run(() =>
        {
            var bytes = DecodedAudio.Fixture(name);
            var full = DecodedAudio.ReadAll(Open(name, bytes));
            // Inside the first page / tag, inside the headers, and at several points mid-stream.
            int[] cuts = [0, 1, 4, 10, 27, 40, 64, 120, 300, 1000, 3000, bytes.Length / 2, bytes.Length - 500, bytes.Length - 1];
            foreach (var cut in cuts)
            {
                var outcome = Decode(name, bytes[..cut]);
                if (outcome.Error is { } error)
                {
                    Assert.True(error.Kind is AudioErrorKind.Truncated or AudioErrorKind.Corrupt or AudioErrorKind.UnknownFormat or AudioErrorKind.Empty,
                        $"{name} cut at {cut}: {error.Kind} ({error.Message})");
                    continue;
                }
                var clip = outcome.Clip!;
                Assert.True(clip.FrameCount <= full.FrameCount + 1152, $"{name} cut at {cut} of {bytes.Length} bytes decoded {clip.FrameCount} frames, more than the whole file's {full.FrameCount}");
            }
        }, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("sine-440-660-stereo-44k.ogg")]
    [InlineData("sine-440-660-stereo-48k.opus")]
    [InlineData("sine-1000-mono-22k.opus")]
    [InlineData("sine-440-660-880-3ch-48k.opus")]
    public void OggCutInsideItsLastPageDecodesExactlyThePagesBefore(string name)
    {
        var bytes = DecodedAudio.Fixture(name);
        var full = DecodedAudio.ReadAll(Open(name, bytes));
        var pages = OggForgery.Pages(bytes);
        var (lastOffset, lastLength) = pages[^1];
        var cut = lastOffset + lastLength / 2;
        // The page before the cut ends at its granule position; Opus counts the pre-skip in it.
        var granuleBefore = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(pages[^2].Offset + 6));
        var preSkip = name.EndsWith(".opus", StringComparison.Ordinal) ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(27 + bytes[26] + 10)) : 0;
        var expectedFrames = Math.Max(0, granuleBefore - preSkip);

        var cutClip = DecodedAudio.ReadAll(Open(name, bytes[..cut]));

        if (name.EndsWith(".ogg", StringComparison.Ordinal))
            // NVorbis also delivers the half-overlapped tail of its last packet (measured: 1024 frames more,
            // close to but not equal to the whole file's); at most one long block.
            Assert.InRange(cutClip.FrameCount, expectedFrames, expectedFrames + 2048);
        else
            Assert.Equal(expectedFrames, cutClip.FrameCount);
        var whole = full.Samples.Span;
        var prefix = cutClip.Samples.Span;
        for (var i = 0; i < expectedFrames * full.ChannelCount; i++)
            if (prefix[i] != whole[i])
                Assert.Fail($"{name} cut at byte {cut}: sample {i} is {prefix[i]}, the whole file has {whole[i]}");
    }

    [Theory]
    [InlineData("sine-440-660-stereo-44k.mp3")]
    [InlineData("sine-1000-mono-22k.mp3")]
    public void Mp3CutMidStreamDecodesTheFramesBeforeTheCut(string name)
    {
        var bytes = DecodedAudio.Fixture(name);
        var full = DecodedAudio.ReadAll(Open(name, bytes));

        var half = DecodedAudio.ReadAll(Open(name, bytes[..(bytes.Length / 2)]));

        Assert.InRange(half.FrameCount, full.FrameCount / 4, full.FrameCount * 3 / 4);
    }

    [Theory]
    [InlineData("sine-440-660-stereo-48k.opus", 0)]
    [InlineData("sine-440-660-stereo-48k.opus", 1)]
    [InlineData("sine-440-660-stereo-48k.opus", 3)]
    [InlineData("sine-1000-mono-22k.opus", 2)]
    public void OpusPageWithBadCrcIsCorrupt(string name, int page)
    {
        var error = Decode(name, OggForgery.WithBadCrc(DecodedAudio.Fixture(name), page)).Error;

        Assert.NotNull(error);
        Assert.Equal(AudioErrorKind.Corrupt, error.Kind);
        Assert.Contains("CRC", error.Reason);
        Assert.Equal(name, error.Source);
    }

    [Fact]
    public void OpusWithAMissingPageIsCorrupt()
    {
        const string name = "sine-440-660-stereo-48k.opus";

        var error = Decode(name, OggForgery.WithoutPage(DecodedAudio.Fixture(name), 2)).Error;

        Assert.NotNull(error);
        Assert.Equal(AudioErrorKind.Corrupt, error.Kind);
        Assert.Contains("missing", error.Reason);
    }

    [Theory]
    [InlineData("sine-440-660-stereo-44k.ogg", 0)]
    [InlineData("sine-440-660-stereo-44k.ogg", 1)]
    [InlineData("sine-440-660-stereo-44k.ogg", 3)]
    public void VorbisPageWithBadCrcIsSkippedOrCorrupt(string name, int page)
    {
        var outcome = Decode(name, OggForgery.WithBadCrc(DecodedAudio.Fixture(name), page));

        // NVorbis drops pages that fail their CRC, as libvorbis does: less audio, or an error when a header is lost.
        if (outcome.Error is { } error)
            Assert.True(error.Kind is AudioErrorKind.Corrupt or AudioErrorKind.Truncated, $"{error.Kind}: {error.Message}");
        else
            Assert.True(outcome.Clip!.FrameCount < 66150, $"page {page} with a bad CRC still gave all {outcome.Clip.FrameCount} frames");
    }

    [Theory]
    [InlineData("x.ogg")]
    [InlineData("x.opus")]
    public void RandomBytesAfterTheCapturePatternAreCorrupt(string name)
    {
        var bytes = new byte[2000];
        new Random(42).NextBytes(bytes);
        "OggS"u8.CopyTo(bytes);

        var error = Decode(name, bytes).Error;

        Assert.NotNull(error);
        Assert.True(error.Kind is AudioErrorKind.Corrupt or AudioErrorKind.Truncated or AudioErrorKind.UnknownFormat, $"{error.Kind}: {error.Message}");
        Assert.Equal(name, error.Source);
    }

    [Theory]
    [InlineData("sine-440-660-stereo-48k.opus")]
    [InlineData("sine-440-660-stereo-44k.ogg")]
    [InlineData("sine-440-660-stereo-44k.mp3")]
    public void RandomBytesInTheMiddleDecodeOrFailWithATypedError(string name)
    {
        var bytes = DecodedAudio.Fixture(name);
        var random = new Random(1234);
        var damaged = (byte[])bytes.Clone();
        random.NextBytes(damaged.AsSpan(bytes.Length / 3, 2000));

        var outcome = Decode(name, damaged);

        if (outcome.Error is { } error)
            Assert.True(error.Kind is AudioErrorKind.Corrupt or AudioErrorKind.Truncated, $"{error.Kind}: {error.Message}");
    }

    private static IAudioReader Open(string name, byte[] bytes) => Path.GetExtension(name) switch
    {
        ".mp3" => new Mp3Reader(new MemoryStream(bytes), name),
        ".ogg" => new OggVorbisReader(new MemoryStream(bytes), name),
        _ => new OggOpusReader(new MemoryStream(bytes), name),
    };

    private static (AudioClip? Clip, AudioDecodeException? Error) Decode(string name, byte[] bytes)
    {
        try
        {
            return (DecodedAudio.ReadAll(Open(name, bytes)), null);
        }
        catch (AudioDecodeException e)
        {
            Assert.Equal(name, e.Source);
            return (null, e);
        }
    }
}
