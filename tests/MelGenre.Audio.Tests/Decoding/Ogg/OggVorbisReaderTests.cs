using System.Buffers.Binary;
using MelGenre.TestSupport;
using MelGenre.Audio.Decoding.Ogg;

namespace MelGenre.Audio.Tests.Decoding.Ogg;

public class OggVorbisReaderTests
{
    private const string StereoFile = "sine-440-660-stereo-44k.ogg";

    [Fact]
    public void DecodesStereoFileToItsRateChannelsExactLengthAndSines()
    {
        var clip = DecodedAudio.ReadAll(new OggVorbisReader(new MemoryStream(DecodedAudio.Fixture(StereoFile)), StereoFile));

        Assert.Equal(44100, clip.SampleRate);
        Assert.Equal(2, clip.ChannelCount);
        Assert.Equal(66150, clip.FrameCount); // Vorbis's last granule trims to the exact encoded length
        AssertSine(clip, channel: 0, frequency: 440);
        AssertSine(clip, channel: 1, frequency: 660);
    }

    [Fact]
    public void ReadsAStreamThatCannotSeekAsAnyOther()
    {
        var bytes = DecodedAudio.Fixture(StereoFile);
        var fromMemory = DecodedAudio.ReadAll(new OggVorbisReader(new MemoryStream(bytes), StereoFile));
        var fromPipe = DecodedAudio.ReadAll(new OggVorbisReader(new ForwardOnlyStream(bytes), StereoFile));

        Assert.Equal(fromMemory.Samples.ToArray(), fromPipe.Samples.ToArray());
    }

    [Theory]
    [InlineData("nvorbis-resync-loop-1.bin")]
    [InlineData("nvorbis-resync-loop-2.bin")]
    public void APageThatSendsNVorbisIntoAnEndlessResyncIsRefusedAsCorrupt(string fuzzFinding)
    {
        // Found by afl-fuzz (fuzz/README.md): NVorbis 0.10.5 re-reads the stream's end forever on these headers.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Regressions", "ogg-vorbis", fuzzFinding));

        var error = Assert.Throws<AudioDecodeException>(() => DecodedAudio.ReadAll(new OggVorbisReader(new MemoryStream(bytes), fuzzFinding)));

        Assert.True(error.Kind == AudioErrorKind.Corrupt, $"expected Corrupt, got {error.Kind}: {error.Reason}");
        Assert.Contains("keeps reading", error.Reason, StringComparison.Ordinal);
        Assert.Equal(fuzzFinding, error.Source);
    }

    [Fact]
    public void ACommentHeaderAnnouncingMoreCommentsThanItsPacketHoldsIsRefusedBeforeNVorbisAllocatesThem()
    {
        // Found by afl-fuzz: 709 885 970 comments in a 2 252-byte packet; NVorbis 0.10.5 would allocate a 5.7 GB
        // array and read the empty packet 710 million times.
        const string finding = "nvorbis-comment-count-710m.bin";
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Regressions", "ogg-vorbis", finding));

        var error = Assert.Throws<AudioDecodeException>(() => new OggVorbisReader(new MemoryStream(bytes), finding));

        Assert.True(error.Kind == AudioErrorKind.Corrupt, $"expected Corrupt, got {error.Kind}: {error.Reason}");
        Assert.Contains("709885970 comments, more than its packet holds", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nvorbis-granule-wrap-loop.bin", "the end-of-stream granule position 966350865184 is outside the 768..1280 samples")]
    [InlineData("nvorbis-read-loop-1.bin", "no Ogg page where one should start (byte 1857)")]
    [InlineData("nvorbis-read-loop-2.bin", "codebook 2 announces 10282809 entries of 1 dimensions")]
    public void AStreamThatSendsNVorbisSampleReadingIntoAnEndlessLoopIsRefusedAsCorrupt(string fuzzFinding, string reason)
    {
        // Found by afl-fuzz: NVorbis 0.10.5 trims the last packet to a negative length and ReadSamples spins.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Regressions", "ogg-vorbis", fuzzFinding));

        var error = Assert.Throws<AudioDecodeException>(() => new OggVorbisReader(new MemoryStream(bytes), fuzzFinding));

        Assert.True(error.Kind == AudioErrorKind.Corrupt, $"expected Corrupt, got {error.Kind}: {error.Reason}");
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L << 40, "the end-of-stream granule position 1099511627776 is outside")]
    [InlineData(10L, "the granule position falls from")]
    public void AnEndOfStreamGranulePositionTheAudioCannotReachIsRefusedBeforeDecoding(long lastGranule, string reason)
    {
        var bytes = DecodedAudio.Fixture(StereoFile);
        var lastPage = bytes.AsSpan().LastIndexOf("OggS"u8);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(lastPage + 6), lastGranule);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(lastPage + 22), OggPacketReader.Crc(bytes.AsSpan(lastPage)));

        var error = Assert.Throws<AudioDecodeException>(() => new OggVorbisReader(new MemoryStream(bytes), StereoFile));

        Assert.True(error.Kind == AudioErrorKind.Corrupt, $"expected Corrupt, got {error.Kind}: {error.Reason}");
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RecognisesVorbisButNotOpusFromTheFirst64Bytes()
    {
        Assert.True(OggVorbisReader.IsMatch(DecodedAudio.Fixture(StereoFile).AsSpan(0, 64)));
        Assert.False(OggVorbisReader.IsMatch(DecodedAudio.Fixture("sine-440-660-stereo-48k.opus").AsSpan(0, 64)));
        Assert.False(OggVorbisReader.IsMatch(DecodedAudio.Fixture("sine-1000-mono-22k.mp3").AsSpan(0, 64)));
    }

    /// <summary>
    /// The shared GTZAN clips were made from these WAVs by libvorbis at quality 7. SNRs measured with this
    /// reader; they are the codec's loss (NVorbis itself matches libvorbis's decoder to 81–84 dB, see below).
    /// </summary>
    [Theory]
    [InlineData("blues.00000", 25.09)]
    [InlineData("classical.00001", 28.63)]
    [InlineData("country.00000", 24.26)]
    [InlineData("disco.00000", 25.35)]
    [InlineData("hiphop.00002", 27.21)]
    [InlineData("jazz.00005", 30.01)]
    [InlineData("metal.00001", 20.26)]
    [InlineData("pop.00002", 24.68)]
    [InlineData("reggae.00000", 26.54)]
    [InlineData("rock.00000", 23.27)]
    public void GtzanClipDecodesToTheExactLengthAndMeasuredSnrOfItsOriginalWav(string clip, double measuredSnrDb)
    {
        var ogg = SharedData.RequirePath($"gtzan/genres/{clip.Split('.')[0]}/{clip}.ogg");
        var wav = SharedData.RequirePath($"gtzan/wav/{clip}.wav");

        var decoded = DecodedAudio.ReadAll(new OggVorbisReader(File.OpenRead(ogg), ogg));
        var original = ReadPcm16Mono(wav);

        Assert.Equal(22050, decoded.SampleRate);
        Assert.Equal(1, decoded.ChannelCount);
        // Measured: the same length for all ten (0 samples apart).
        Assert.True(decoded.FrameCount == original.Length, $"{clip}: decoded {decoded.FrameCount} frames, the WAV has {original.Length}");
        var snr = SnrDb(original, decoded.Samples.Span);
        Assert.True(Math.Abs(snr - measuredSnrDb) < 0.5, $"{clip}: decoded OGG is {snr:F2} dB from the WAV, measured {measuredSnrDb} ± 0.5 dB");
    }

    [Theory]
    [InlineData("blues.00000")]
    [InlineData("metal.00001")]
    public void GtzanClipDecodesAsLibvorbisDoes(string clip)
    {
        var ogg = SharedData.RequirePath($"gtzan/genres/{clip.Split('.')[0]}/{clip}.ogg");
        var reference = LibvorbisDecode(ogg);

        var decoded = DecodedAudio.ReadAll(new OggVorbisReader(File.OpenRead(ogg), ogg));

        Assert.Equal(reference.Length, decoded.FrameCount);
        var snr = SnrDb(reference, decoded.Samples.Span);
        // Measured 84.1 and 81.0 dB: the 16-bit rounding of oggdec's output, nothing more.
        Assert.True(snr > 75, $"{clip}: NVorbis differs from libvorbis (oggdec, 16-bit) at {snr:F1} dB SNR, expected > 75 dB");
    }

    /// <summary>Decodes with oggdec (vorbis-tools, libvorbis) to 16-bit samples; skips the test without it.</summary>
    private static float[] LibvorbisDecode(string ogg)
    {
        var output = Path.GetTempFileName();
        try
        {
            using var process = System.Diagnostics.Process.Start("oggdec", ["-Q", "-b", "16", "-R", "-o", output, ogg]);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            var pcm = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(output));
            var samples = new float[pcm.Length];
            for (var i = 0; i < samples.Length; i++)
                samples[i] = pcm[i] / 32768f;
            return samples;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("oggdec (Debian package vorbis-tools) is not installed");
            throw;
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static double SnrDb(float[] reference, ReadOnlySpan<float> test)
    {
        double signal = 0, noise = 0;
        var n = Math.Min(reference.Length, test.Length);
        for (var i = 0; i < n; i++)
        {
            signal += (double)reference[i] * reference[i];
            var d = (double)reference[i] - test[i];
            noise += d * d;
        }
        return 10 * Math.Log10(signal / noise);
    }

    /// <summary>The samples of a 16-bit mono PCM WAV, scaled by 1/32768 (independent of the WAV reader, tested elsewhere).</summary>
    private static float[] ReadPcm16Mono(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = 12;
        while (!bytes.AsSpan(offset).StartsWith("data"u8))
            offset += 8 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
        var pcm = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes.AsSpan(offset + 8, Math.Min(length, bytes.Length - offset - 8)));
        var samples = new float[pcm.Length];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = pcm[i] / 32768f;
        return samples;
    }

    private static void AssertSine(AudioClip clip, int channel, double frequency)
    {
        var fit = SineFit.Of(DecodedAudio.Channel(clip, channel), clip.SampleRate, frequency);
        Assert.True(Math.Abs(fit.Amplitude - 0.5) < 0.01, $"channel {channel}: {frequency} Hz amplitude {fit.Amplitude:F4}, expected 0.5 ± 0.01");
        Assert.True(fit.SnrDb > 38, $"channel {channel}: {frequency} Hz sine decoded at {fit.SnrDb:F1} dB SNR, expected > 38 dB (quality 3)");
    }
}
