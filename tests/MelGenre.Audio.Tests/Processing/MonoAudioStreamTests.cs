using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;
using MelGenre.Audio.Tests.Decoding;
using MelGenre.Audio.Tests.Decoding.Wav;
using MelGenre.TestSupport;

namespace MelGenre.Audio.Tests.Processing;

public sealed class MonoAudioStreamTests : IDisposable
{
    // 3.2 s of 44.1 kHz stereo: longer than one resampler chunk, so window boundaries are crossed.
    private const int Frames = 141_337;

    private static readonly byte[] s_stereoWav = Pcm16Wav.Create(44100, 2, Frames,
        (i, c) => 0.45 * Math.Sin(2 * Math.PI * (c == 0 ? 440 : 1234.5) * i / 44100) + 0.04 * Math.Sin(0.37 * i * i % 7919));

    private readonly string _directory = Directory.CreateTempSubdirectory("melgenre-stream-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(22050)]
    [InlineData(16000)]
    [InlineData(44100)] // the source's own rate: mixed, not resampled
    public void FileStreamsTheSameBitsAsDecodingMixingAndResamplingTheWholeClip(int sampleRate)
    {
        var path = WriteFile("stereo.wav", s_stereoWav);
        var expected = Resampler.Resample(AudioDecoder.Decode(path).ToMono(), sampleRate).Samples;

        using var stream = MonoAudioStream.Open(path, sampleRate);
        var actual = ReadToEnd(stream, bufferLength: 1000);

        StreamingResamplerTests.AssertBitIdentical(expected.Span, actual, $"{path} at {sampleRate} Hz");
        Assert.Equal(path, stream.Source);
        Assert.Equal(sampleRate, stream.SampleRate);
        Assert.Equal(44100, stream.SourceSampleRate);
        Assert.Equal(2, stream.SourceChannelCount);
        Assert.Equal(Frames, stream.SourceFrameCount);
        Assert.Equal(AudioDecoder.Decode(path).Duration, stream.Duration);
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(96000)] // 307 k samples: past the first 2^18-sample buffer, so it grows
    public void LoadHoldsTheSameBitsAsDecodingMixingAndResamplingTheWholeClip(int sampleRate)
    {
        var path = WriteFile("stereo.wav", s_stereoWav);
        var expected = Resampler.Resample(AudioDecoder.Decode(path).ToMono(), sampleRate);

        var loaded = MonoAudioStream.Load(path, sampleRate);

        StreamingResamplerTests.AssertBitIdentical(expected.Samples.Span, loaded.Samples.Span, $"{path} loaded at {sampleRate} Hz");
        Assert.Equal((sampleRate, 1), (loaded.SampleRate, loaded.ChannelCount));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StreamInputGivesTheSameSamplesAsTheFileAndIsLeftOpen(bool seekable)
    {
        var expected = Resampler.Resample(AudioDecoder.Decode(new MemoryStream(s_stereoWav)).ToMono()).Samples;
        Stream input = seekable ? new MemoryStream(s_stereoWav) : new ForwardOnlyStream(s_stereoWav);

        float[] actual;
        using (var stream = MonoAudioStream.Open(input, "mix"))
            actual = ReadToEnd(stream, bufferLength: 4096);

        StreamingResamplerTests.AssertBitIdentical(expected.Span, actual, $"{(seekable ? "seekable" : "forward-only")} stream");
        Assert.True(input.CanRead, "disposing the audio stream must leave the caller's stream open");
    }

    [Fact]
    public void ClipGivesTheSameSamplesAsTheFile()
    {
        var clip = AudioDecoder.Decode(new MemoryStream(s_stereoWav));
        var expected = Resampler.Resample(clip.ToMono()).Samples;

        using var stream = MonoAudioStream.FromClip(clip);
        var actual = ReadToEnd(stream, bufferLength: 77);

        StreamingResamplerTests.AssertBitIdentical(expected.Span, actual, "clip");
        Assert.Equal(MonoAudioStream.UnnamedClip, stream.Source);
        Assert.Equal(clip.Duration, stream.Duration);
    }

    [Fact]
    public void MonoFloatAt48kHzGivesTheSameSamplesAsTheWholeClipPath()
    {
        var random = new Random(3);
        var samples = Enumerable.Range(0, 50_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var wav = WavFixture.Simple(WavFixture.Float32(samples), tag: WavFixture.IeeeFloat, channels: 1, sampleRate: 48000, bits: 32);
        var expected = Resampler.Resample(AudioDecoder.Decode(new MemoryStream(wav)).ToMono()).Samples;

        using var stream = MonoAudioStream.Open(new MemoryStream(wav));
        var actual = ReadToEnd(stream, bufferLength: 10_000);

        StreamingResamplerTests.AssertBitIdentical(expected.Span, actual, "mono float 48 kHz");
    }

    [Fact]
    public void ReadReturnsZeroOnlyAtTheEndAndOnEveryReadAfterIt()
    {
        using var stream = MonoAudioStream.Open(new MemoryStream(s_stereoWav));
        var buffer = new float[5000];
        long total = 0;
        for (int read; (read = stream.Read(buffer)) > 0;)
            total += read;

        Assert.Equal((long)Math.Ceiling(Frames * 22050.0 / 44100), total);
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public void EmptyFileIsEmptyAndNamed()
    {
        var path = WriteFile("empty.wav", []);

        var error = Assert.Throws<AudioDecodeException>(() => MonoAudioStream.Open(path));

        Assert.Equal(AudioErrorKind.Empty, error.Kind);
        Assert.Equal(path, error.Source);
    }

    [Fact]
    public void GarbageBytesAreAnUnknownFormatNamingTheStream()
    {
        var garbage = new byte[3000];
        new Random(5).NextBytes(garbage);

        var error = Assert.Throws<AudioDecodeException>(() => MonoAudioStream.Open(new MemoryStream(garbage), "noise.bin"));

        Assert.Equal(AudioErrorKind.UnknownFormat, error.Kind);
        Assert.Equal("noise.bin", error.Source);
    }

    [Fact]
    public void MissingFileIsUnreadableAndNamed()
    {
        var path = Path.Combine(_directory, "absent.wav");

        var error = Assert.Throws<AudioDecodeException>(() => MonoAudioStream.Open(path));

        Assert.Equal(AudioErrorKind.Unreadable, error.Kind);
        Assert.Equal(path, error.Source);
    }

    [Theory]
    [InlineData(30)] // inside the header
    [InlineData(46)] // data announced, less than one frame present
    [InlineData(100_001)] // cut mid-stream: the whole-clip path keeps the frames before the cut
    public void TruncatedFileFailsOrEndsExactlyAsDecodeDoes(int keptBytes)
    {
        var path = WriteFile("cut.wav", s_stereoWav[..keptBytes]);
        AudioClip? clip = null;
        AudioDecodeException? decodeError = null;
        try
        {
            clip = AudioDecoder.Decode(path);
        }
        catch (AudioDecodeException e)
        {
            decodeError = e;
        }

        float[]? actual = null;
        var streamError = Record.Exception(() =>
        {
            using var stream = MonoAudioStream.Open(path);
            actual = ReadToEnd(stream, bufferLength: 4096);
        });

        if (decodeError is not null)
        {
            var error = Assert.IsType<AudioDecodeException>(streamError);
            Assert.Equal((decodeError.Kind, decodeError.Reason, decodeError.Source), (error.Kind, error.Reason, error.Source));
        }
        else
        {
            Assert.Null(streamError);
            StreamingResamplerTests.AssertBitIdentical(Resampler.Resample(clip!.ToMono()).Samples.Span, actual, $"{keptBytes}-byte prefix");
        }
    }

    [Fact]
    public void NaNSampleIsCorruptWithTheSameReasonAsDecode()
    {
        var samples = new float[40_000];
        samples[2 * 17_000 + 1] = float.NaN; // frame 17000, channel 1: in the second decoded block
        var wav = WavFixture.Simple(WavFixture.Float32(samples), tag: WavFixture.IeeeFloat, channels: 2, sampleRate: 44100, bits: 32);
        var expected = Assert.Throws<AudioDecodeException>(() => AudioDecoder.Decode(new MemoryStream(wav), "nan.wav"));

        using var stream = MonoAudioStream.Open(new MemoryStream(wav), "nan.wav");
        var error = Assert.Throws<AudioDecodeException>(() => ReadToEnd(stream, bufferLength: 4096));

        Assert.Equal(AudioErrorKind.Corrupt, error.Kind);
        Assert.Equal("nan.wav", error.Source);
        Assert.Equal("non-finite samples: sample 34001 (frame 17000, channel 1) is NaN", error.Reason);
        Assert.Equal(expected.Reason, error.Reason);
    }

    [Fact]
    public void NaNInAClipIsCorruptNamingTheClip()
    {
        var clip = new AudioClip([0.1f, float.PositiveInfinity, 0.2f], 22050);

        using var stream = MonoAudioStream.FromClip(clip, name: "synthetic");
        var error = Assert.Throws<AudioDecodeException>(() => ReadToEnd(stream, bufferLength: 16));

        Assert.Equal((AudioErrorKind.Corrupt, "synthetic"), (error.Kind, error.Source));
        Assert.Equal($"non-finite samples: sample 1 (frame 1, channel 0) is {float.PositiveInfinity}", error.Reason);
    }

    [Fact]
    public void AudioLongerThanTheLimitIsTooLongAsSoonAsTheLimitIsPassed()
    {
        // One hour announced; the limit is one minute: decoding must stop within a block of it.
        using var input = new GeneratedWavStream(44100, 2, frames: 3600L * 44100);
        using var stream = MonoAudioStream.Open(input, "hour.wav", maxDuration: TimeSpan.FromMinutes(1));

        var error = Assert.Throws<AudioDecodeException>(() => ReadToEnd(stream, bufferLength: 8192));

        Assert.Equal(AudioErrorKind.TooLong, error.Kind);
        Assert.Equal("hour.wav", error.Source);
        Assert.Equal("longer than the 1 min limit", error.Reason);
        Assert.InRange(stream.SourceFrameCount, 59L * 44100, 60L * 44100);
    }

    [Fact]
    public void AudioExactlyAsLongAsTheLimitIsAccepted()
    {
        var wav = Pcm16Wav.Sine(8000, 8000, 440);

        using var exact = MonoAudioStream.Open(new MemoryStream(wav), maxDuration: TimeSpan.FromSeconds(1));
        using var shorter = MonoAudioStream.Open(new MemoryStream(wav), maxDuration: TimeSpan.FromSeconds(0.999));

        Assert.Equal(22050, ReadToEnd(exact, bufferLength: 4096).Length);
        Assert.Equal(AudioErrorKind.TooLong, Assert.Throws<AudioDecodeException>(() => ReadToEnd(shorter, bufferLength: 4096)).Kind);
    }

    [Theory]
    [InlineData(20 * 60.0, "20 min")]
    [InlineData(90 * 60.0, "1 h 30 min")]
    [InlineData(2 * 3600 + 5.0, "2 h 5 s")]
    [InlineData(2.5, "2.5 s")]
    [InlineData(0.0, "0 s")]
    public void LimitsAreWrittenAsAPersonWouldWriteThem(double seconds, string expected)
    {
        Assert.Equal(expected, MonoAudioStream.Describe(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void TenMinutesOfStereoStreamInMemoryThatDoesNotGrowWithTheLength()
    {
        // 10 min of 44.1 kHz stereo would be 212 MB as decoded floats. Streamed, only fixed buffers are allocated (the
        // decoder's staging, one block, one resampler window: about 1.3 MB), so ten minutes cost what one does, and two
        // hours would too. The growth allowance covers the shared array pool dropping and re-renting a window buffer.
        const long bound = 8L << 20;
        const long growthBound = 1L << 20;

        var oneMinute = AllocatedWhileStreaming(TimeSpan.FromMinutes(1));
        var tenMinutes = AllocatedWhileStreaming(TimeSpan.FromMinutes(10));

        Assert.True(tenMinutes < bound,
            $"streaming 10 min allocated {tenMinutes / 1e6:F2} MB, expected < {bound / 1e6:F1} MB (the decoded audio would take {600 * 44100 * 2 * 4 / 1e6:F0} MB)");
        Assert.True(tenMinutes - oneMinute < growthBound,
            $"streaming 10 min allocated {tenMinutes / 1e6:F2} MB, 1 min {oneMinute / 1e6:F2} MB: more than {growthBound / 1e3:F0} kB of growth with the length");
    }

    /// <summary>Bytes this thread allocates opening and reading to its end a generated 44.1 kHz stereo WAV of <paramref name="length"/>.</summary>
    private static long AllocatedWhileStreaming(TimeSpan length)
    {
        var frames = (long)(length.TotalSeconds * 44100);
        using var input = new GeneratedWavStream(44100, 2, frames);
        var buffer = new float[8192];
        var before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        using (var stream = MonoAudioStream.Open(input, "generated.wav"))
        {
            for (int read; (read = stream.Read(buffer)) > 0;)
                total += read;
            Assert.Equal(frames, stream.SourceFrameCount);
            Assert.Equal(length, stream.Duration);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(frames / 2, total);
        return allocated;
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static float[] ReadToEnd(MonoAudioStream stream, int bufferLength)
    {
        var output = new List<float>();
        var buffer = new float[bufferLength];
        for (int read; (read = stream.Read(buffer)) > 0;)
            output.AddRange(buffer.AsSpan(0, read));
        return [.. output];
    }
}
