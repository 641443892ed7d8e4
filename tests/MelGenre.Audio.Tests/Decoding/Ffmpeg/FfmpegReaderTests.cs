using System.Diagnostics;
using MelGenre.Audio.Decoding.Ffmpeg;

namespace MelGenre.Audio.Tests.Decoding.Ffmpeg;

public class FfmpegReaderTests
{
    private const string MissingFfmpeg = "/nonexistent/melgenre-test/ffmpeg";
    private static readonly byte[] M4aHeader = [0, 0, 0, 0x20, .. "ftypM4A \0\0\0\0M4A mp42isom\0\0\0\0"u8];

    [Fact]
    public void WithoutFfmpegAnM4aIsToolMissingWithTheInstallHint()
    {
        var error = Assert.Throws<AudioDecodeException>(() => new FfmpegReader(new MemoryStream(M4aHeader), "song.m4a", MissingFfmpeg));

        Assert.Equal(AudioErrorKind.ToolMissing, error.Kind);
        Assert.Equal("MP4/M4A (AAC, ALAC) is not a format MelGenre decodes itself; install ffmpeg (apt-get install ffmpeg) to read it", error.Reason);
        Assert.Equal("song.m4a", error.Source);
    }

    [Fact]
    public void WithoutFfmpegAnUnrecognisedPipeIsNamedByItsExtension()
    {
        var error = Assert.Throws<AudioDecodeException>(() => new FfmpegReader(new ForwardOnlyStream([1, 2, 3]), "voice.xyz", MissingFfmpeg));

        Assert.Equal(AudioErrorKind.ToolMissing, error.Kind);
        Assert.StartsWith("'.xyz' audio is not a format MelGenre decodes itself", error.Reason);
    }

    public static TheoryData<string, byte[]> ForeignContainers => new()
    {
        { "M4A", M4aHeader },
        { "WMA", [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C] },
        { "ADTS AAC", [0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC] },
        { "AIFF", [.. "FORM\0\0\0\u0040AIFFCOMM"u8] },
        { "WebM", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81] },
        { "Ogg FLAC", [.. "OggS\0\u0002"u8, .. new byte[20], 1, 51, .. "\u007FFLAC\u0001\0\0\u0001fLaC"u8] },
    };

    [Theory]
    [MemberData(nameof(ForeignContainers))]
    public void RecognisesContainersMelGenreLeavesToFfmpeg(string what, byte[] header) =>
        Assert.True(FfmpegReader.IsMatch(header), $"{what} header not recognised");

    [Theory]
    [InlineData("sine-440-660-stereo-44k.mp3")]
    [InlineData("sine-1000-mono-22k.mp3")]
    [InlineData("sine-440-660-stereo-44k.ogg")]
    [InlineData("sine-440-660-stereo-48k.opus")]
    public void LeavesFormatsMelGenreDecodesToTheirReaders(string name) =>
        Assert.False(FfmpegReader.IsMatch(DecodedAudio.Fixture(name).AsSpan(0, 64)), $"{name} taken for an ffmpeg format");

    [Theory]
    [InlineData("RIFF\u0024\0\0\0WAVEfmt ")]
    [InlineData("fLaC\0\0\0\u0022")]
    [InlineData("just some text")]
    public void LeavesWavFlacAndTextAlone(string text) =>
        Assert.False(FfmpegReader.IsMatch(System.Text.Encoding.Latin1.GetBytes(text)));

    /// <summary>
    /// Stereo 440 Hz (left) and 660 Hz (right) sines of amplitude 0.5, 1 s at 44.1 kHz, in M4A. ALAC is lossless
    /// (ffmpeg picks 32-bit samples): exact length, SNR measured 135.7 dB. ffmpeg's AAC encoder at 128 kb/s: measured 34.0 dB left, 19.6 dB
    /// right (it codes the two tones poorly), length within a frame once ffmpeg trims the priming samples.
    /// </summary>
    [Theory]
    [InlineData("alac", true, 100.0, 0)]
    [InlineData("alac", false, 100.0, 0)]
    [InlineData("aac", true, 15.0, 1024)]
    public void DecodesAnM4aFileThroughFfmpegInChannelOrder(string codec, bool fromFile, double minSnrDb, int lengthSlack)
    {
        var m4a = EncodeWithFfmpeg($"-f lavfi -i aevalsrc=0.5*sin(2*PI*440*t)|0.5*sin(2*PI*660*t):s=44100:d=1 -c:a {codec}", ".m4a");
        try
        {
            Stream stream = fromFile ? File.OpenRead(m4a) : new MemoryStream(File.ReadAllBytes(m4a));

            var clip = DecodedAudio.ReadAll(new FfmpegReader(stream, m4a));

            Assert.Equal(44100, clip.SampleRate);
            Assert.Equal(2, clip.ChannelCount);
            Assert.InRange(clip.FrameCount, 44100 - lengthSlack, 44100 + lengthSlack);
            foreach (var (channel, frequency) in new[] { (0, 440.0), (1, 660.0) })
            {
                var fit = SineFit.Of(DecodedAudio.Channel(clip, channel), 44100, frequency);
                Assert.True(Math.Abs(fit.Amplitude - 0.5) < 0.01, $"{codec} channel {channel}: {frequency} Hz amplitude {fit.Amplitude:F4}, expected 0.5 ± 0.01");
                Assert.True(fit.SnrDb > minSnrDb, $"{codec} channel {channel}: {frequency} Hz sine through ffmpeg at {fit.SnrDb:F1} dB SNR, expected > {minSnrDb} dB");
            }
        }
        finally
        {
            File.Delete(m4a);
        }
    }

    [Fact]
    public void FfmpegsComplaintAboutGarbageIsQuoted()
    {
        RequireFfmpeg();
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        M4aHeader.CopyTo(bytes, 0);

        var error = Assert.Throws<AudioDecodeException>(() => DecodedAudio.ReadAll(new FfmpegReader(new MemoryStream(bytes), "broken.m4a")));

        Assert.True(error.Kind is AudioErrorKind.UnknownFormat or AudioErrorKind.Corrupt, $"{error.Kind}: {error.Message}");
        Assert.StartsWith("ffmpeg ", error.Reason);
        Assert.DoesNotContain("nothing on stderr", error.Reason);
        Assert.Equal("broken.m4a", error.Source);
    }

    [Fact]
    public void DisposingMidStreamStopsFfmpeg()
    {
        var m4a = EncodeWithFfmpeg("-f lavfi -i sine=frequency=440:sample_rate=48000:duration=20 -c:a aac", ".m4a");
        try
        {
            var reader = new FfmpegReader(File.OpenRead(m4a), m4a);
            Assert.Equal(1024, reader.Read(new float[1024]));

            reader.Dispose();
        }
        finally
        {
            File.Delete(m4a);
        }
    }

    private static void RequireFfmpeg()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "ffmpeg")));
        if (!onPath)
            Assert.Skip("ffmpeg is not installed (Debian package ffmpeg); the tool-missing path is tested without it");
    }

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> (space-separated, no quoting) into a temporary file.</summary>
    private static string EncodeWithFfmpeg(string arguments, string extension)
    {
        RequireFfmpeg();
        var output = Path.Combine(Path.GetTempPath(), $"melgenre-{Guid.NewGuid():N}{extension}");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in $"-v error -y {arguments} {output}".Split(' '))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg {arguments} failed: {stderr}");
        return output;
    }
}
