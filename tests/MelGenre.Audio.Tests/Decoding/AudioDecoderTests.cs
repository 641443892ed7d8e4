using MelGenre.Audio.Decoding;
using MelGenre.Audio.Tests.Decoding.Wav;

namespace MelGenre.Audio.Tests.Decoding;

/// <summary>The entry point: format detection by content, typed errors naming the input, and a decode loop whose
/// memory follows the audio actually present.</summary>
public sealed class AudioDecoderTests : IDisposable
{
    private static readonly short[] Tone = WavFixture.Signal(300, channels: 2);
    private static readonly byte[] ToneWav = WavFixture.Simple(WavFixture.Int16(Tone), channels: 2);
    private readonly string _folder = Directory.CreateTempSubdirectory("melgenre-decoder-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static AudioDecodeException DecodeFileFails(string path, AudioErrorKind kind)
    {
        var error = Assert.Throws<AudioDecodeException>(() => AudioDecoder.Decode(path));
        Assert.True(kind == error.Kind, $"expected {kind}, got {error.Kind}: {error.Reason}");
        Assert.Equal(path, error.Source);
        return error;
    }

    [Fact]
    public void DecodingAFileAndItsBytesAsAStreamGiveTheSameClip()
    {
        var path = WriteFile("tone.wav", ToneWav);

        var fromFile = AudioDecoder.Decode(path);
        var fromStream = AudioDecoder.Decode(new MemoryStream(ToneWav));

        Assert.Equal(22050, fromFile.SampleRate);
        Assert.Equal(2, fromFile.ChannelCount);
        WavFormatTests.AssertSamples(Array.ConvertAll(Tone, s => s / 32768f), fromFile.Samples.Span, "file", 0);
        WavFormatTests.AssertSamples(fromFile.Samples.Span, fromStream.Samples.Span, "stream", 0);
    }

    [Fact]
    public void OpenGivesAReaderThatStreamsTheFile()
    {
        using var reader = AudioDecoder.Open(WriteFile("tone.wav", ToneWav));
        var buffer = new float[Tone.Length + 10];

        Assert.Equal(Tone.Length, reader.Read(buffer));
        Assert.Equal(0, reader.Read(buffer));
        Assert.Equal(Tone.Length / 2, reader.FrameCountHint);
    }

    [Fact]
    public void AnEmptyFileIsEmpty() =>
        DecodeFileFails(WriteFile("empty.wav", []), AudioErrorKind.Empty);

    [Fact]
    public void ATextFileNamedWavIsNotRecognisedAndTheErrorShowsItsFirstBytes()
    {
        var error = DecodeFileFails(WriteFile("notes.wav", "Hello, this is not audio.\n"u8.ToArray()), AudioErrorKind.UnknownFormat);

        Assert.StartsWith("not a recognised audio format", error.Reason, StringComparison.Ordinal);
        Assert.Contains("48656C6C6F2C2074 \"Hello, t\"", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytesAreNotRecognised()
    {
        // Seeded so the first bytes are fixed; they start with no known magic (not RIFF, ID3, OggS, fLaC or an MP3 sync).
        var bytes = new byte[4096];
        new Random(20240611).NextBytes(bytes);
        bytes[0] = 0x5A;

        DecodeFileFails(WriteFile("noise.wav", bytes), AudioErrorKind.UnknownFormat);
    }

    [Theory]
    [InlineData("RIF")]
    [InlineData("RIFF\x0004\0\0\0AVI LIST")]
    public void RiffThatIsNotWaveOrTooShortToTellIsNotRecognised(string start) =>
        DecodeFileFails(WriteFile("other.wav", System.Text.Encoding.Latin1.GetBytes(start)), AudioErrorKind.UnknownFormat);

    [Fact]
    public void AMissingFileIsUnreadableAndNamed() =>
        DecodeFileFails(Path.Combine(_folder, "absent.wav"), AudioErrorKind.Unreadable);

    [Fact]
    public void ADirectoryIsUnreadable()
    {
        var error = Assert.Throws<AudioDecodeException>(() => AudioDecoder.Open(_folder));

        Assert.Equal(AudioErrorKind.Unreadable, error.Kind);
        Assert.Equal(_folder, error.Source);
    }

    [Fact]
    public void AnIoFailureMidStreamBecomesUnreadableNamingTheStream()
    {
        var error = Assert.Throws<AudioDecodeException>(() =>
            AudioDecoder.Decode(new FailingStream(ToneWav[..100], new IOException("device gone")), "usb.wav"));

        Assert.Equal(AudioErrorKind.Unreadable, error.Kind);
        Assert.Equal("usb.wav", error.Source);
        Assert.Contains("device gone", error.Reason, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public void AnUnexpectedEndOfStreamExceptionBecomesTruncated()
    {
        var error = Assert.Throws<AudioDecodeException>(() =>
            AudioDecoder.Decode(new FailingStream(ToneWav[..100], new EndOfStreamException()), "cut.wav"));

        Assert.Equal(AudioErrorKind.Truncated, error.Kind);
        Assert.Equal("cut.wav", error.Source);
    }

    [Fact]
    public void AnUnnamedStreamIsNamedInErrorsAsAStream()
    {
        var error = Assert.Throws<AudioDecodeException>(() => AudioDecoder.Decode(new MemoryStream()));

        Assert.Equal(AudioErrorKind.Empty, error.Kind);
        Assert.Equal(AudioDecoder.UnnamedStream, error.Source);
    }

    [Fact]
    public void StreamsAreReadFromTheirCurrentPositionAndLeftOpen()
    {
        var stream = new MemoryStream([.. new byte[37], .. ToneWav]) { Position = 37 };

        var clip = AudioDecoder.Decode(stream, "embedded");
        var opened = new MemoryStream(ToneWav);
        var reader = AudioDecoder.Open(opened);
        var read = reader.Read(new float[Tone.Length]);
        reader.Dispose();

        Assert.Equal(Tone.Length / 2, clip.FrameCount);
        Assert.True(stream.CanRead, "Decode(Stream) must not dispose the caller's stream");
        Assert.Equal(Tone.Length, read);
        Assert.True(opened.CanRead, "disposing the reader from Open(Stream) must not dispose the caller's stream");
    }

    [Fact]
    public void AnUnreadableStreamIsACallerError()
    {
        var closed = new MemoryStream();
        closed.Dispose();

        Assert.Throws<ArgumentException>(() => AudioDecoder.Decode(closed));
        Assert.Throws<ArgumentNullException>(() => AudioDecoder.Decode((Stream)null!));
    }

    [Fact]
    public void AnEndlessReaderStopsAtTheSampleLimitWithTooLarge()
    {
        var error = Assert.Throws<AudioDecodeException>(() =>
            AudioDecoder.ReadAll(new FakeReader(frameCountHint: null, framesAvailable: long.MaxValue), inputBytes: null, "endless", maxSamples: 100_000));

        Assert.Equal(AudioErrorKind.TooLarge, error.Kind);
        Assert.Equal("endless", error.Source);
    }

    [Fact]
    public void AudioExactlyAtTheSampleLimitStillDecodes()
    {
        var clip = AudioDecoder.ReadAll(new FakeReader(frameCountHint: 50_000, framesAvailable: 50_000), inputBytes: 200_000, "full", maxSamples: 100_000);

        Assert.Equal(50_000, clip.FrameCount);
    }

    [Fact]
    public void APlausibleHintAboveTheLimitFailsBeforeReading()
    {
        var reader = new FakeReader(frameCountHint: 1_000_000, framesAvailable: 1_000_000);

        var error = Assert.Throws<AudioDecodeException>(() => AudioDecoder.ReadAll(reader, inputBytes: 4_000_000, "big", maxSamples: 100_000));

        Assert.Equal(AudioErrorKind.TooLarge, error.Kind);
        Assert.Equal(0, reader.FramesRead);
    }

    [Theory]
    [InlineData(100L)]
    [InlineData(null)]
    public void AHintThatTheInputCannotBackIsNotAllocated(long? inputBytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clip = AudioDecoder.ReadAll(new FakeReader(frameCountHint: 1L << 40, framesAvailable: 25), inputBytes, "liar", AudioDecoder.MaxSamples);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(25, clip.FrameCount);
        Assert.True(allocated < 5L << 20, $"a hint of 2^40 frames with {inputBytes?.ToString() ?? "unknown"} input bytes allocated {allocated} bytes");
    }

    [Fact]
    public void AShortHintGrowsTheBufferAsAudioArrives()
    {
        var clip = AudioDecoder.ReadAll(new FakeReader(frameCountHint: 3, framesAvailable: 200_001), inputBytes: null, "grows", AudioDecoder.MaxSamples);

        Assert.Equal(200_001, clip.FrameCount);
        Assert.Equal(200_000f * 2 + 1, clip.Samples.Span[^1]);
    }

    /// <summary>A stereo reader of a counting ramp (sample i = i) that can lie about its length.</summary>
    private sealed class FakeReader(long? frameCountHint, long framesAvailable) : IAudioReader
    {
        public int SampleRate => 8000;
        public int ChannelCount => 2;
        public long? FrameCountHint => frameCountHint;
        public long FramesRead { get; private set; }

        public int Read(Span<float> buffer)
        {
            var frames = (int)Math.Min(buffer.Length / 2, Math.Min(framesAvailable - FramesRead, 7919));
            for (var i = 0; i < 2 * frames; i++)
                buffer[i] = 2 * FramesRead + i;
            FramesRead += frames;
            return 2 * frames;
        }

        public void Dispose()
        {
        }
    }
}
