using System.Buffers.Binary;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Decoding.Mp3;
using MelGenre.Audio.Decoding.Ogg;

namespace MelGenre.Benchmarks;

/// <summary>
/// Decoding 30 s of compressed audio from bytes in memory (no disk): MP3 (44.1 kHz stereo, 128 kb/s; target
/// ≤ 40 ms) with our layer III decoder and, as the baseline it replaced, NLayer; Ogg Vorbis (as the GTZAN clips: 22.05 kHz mono, quality 7) and Ogg Opus (48 kHz stereo, 96 kb/s).
/// The files are made in setup with lame, oggenc and opusenc from a synthetic music-like signal; a missing
/// encoder fails the setup with its name.
/// </summary>
[MemoryDiagnoser]
public class CompressedDecodeBenchmarks
{
    private const int Seconds = 30;
    private readonly float[] _block = new float[16 * 1024];
    private byte[] _mp3 = [];
    private byte[] _vorbis = [];
    private byte[] _opus = [];

    [GlobalSetup]
    public void Setup()
    {
        var directory = Directory.CreateTempSubdirectory("melgenre-bench-");
        try
        {
            var stereo44 = Path.Combine(directory.FullName, "stereo44.wav");
            var mono22 = Path.Combine(directory.FullName, "mono22.wav");
            var stereo48 = Path.Combine(directory.FullName, "stereo48.wav");
            WriteSyntheticWav(stereo44, 44100, 2);
            WriteSyntheticWav(mono22, 22050, 1);
            WriteSyntheticWav(stereo48, 48000, 2);
            _mp3 = Encode("lame", directory, ".mp3", output => ["--quiet", "-b", "128", stereo44, output]);
            _vorbis = Encode("oggenc", directory, ".ogg", output => ["--quiet", "-q", "7", "-o", output, mono22]);
            _opus = Encode("opusenc", directory, ".opus", output => ["--quiet", "--bitrate", "96", stereo48, output]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Benchmark]
    public long Mp3Stereo44k() => Drain(new Mp3Reader(new MemoryStream(_mp3), null));

    /// <summary>The same file through NLayer 3.0.1, which Mp3Reader used for layer III before.</summary>
    [Benchmark]
    public long Mp3Stereo44kNLayer()
    {
        using var mpeg = new NLayer.MpegFile(new MemoryStream(_mp3));
        long total = 0;
        int read;
        while ((read = mpeg.ReadSamples(_block, 0, _block.Length)) > 0)
            total += read;
        return total;
    }

    [Benchmark]
    public long OggVorbisMono22k() => Drain(new OggVorbisReader(new MemoryStream(_vorbis), null));

    [Benchmark]
    public long OggOpusStereo48k() => Drain(new OggOpusReader(new MemoryStream(_opus), null));

    private long Drain(IAudioReader reader)
    {
        using (reader)
        {
            long total = 0;
            int read;
            while ((read = reader.Read(_block)) > 0)
                total += read;
            return total;
        }
    }

    private static byte[] Encode(string tool, DirectoryInfo directory, string extension, Func<string, string[]> arguments)
    {
        var output = Path.Combine(directory.FullName, "encoded" + extension);
        try
        {
            using var process = Process.Start(tool, arguments(output));
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed; this benchmark needs it to make its input", e);
        }
        return File.ReadAllBytes(output);
    }

    /// <summary>
    /// 16-bit WAV of a music-like test signal: a few harmonic tones that glide, a beat of noise bursts and
    /// a little steady noise, so the encoders work as hard as on music. Seeded: the same bytes every run.
    /// </summary>
    private static void WriteSyntheticWav(string path, int sampleRate, int channels)
    {
        var frames = Seconds * sampleRate;
        var random = new Random(2002);
        var data = new byte[frames * channels * 2];
        double phase = 0;
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / sampleRate;
            phase += 2 * Math.PI * (220 + 110 * Math.Sin(2 * Math.PI * 0.1 * t)) / sampleRate;
            var tone = 0.3 * Math.Sin(phase) + 0.15 * Math.Sin(2 * phase) + 0.08 * Math.Sin(3 * phase);
            var beat = Math.Exp(-30 * (t % 0.5)) * 0.3;
            for (var c = 0; c < channels; c++)
            {
                var value = tone * (c == 0 ? 1 : 0.8) + (beat + 0.02) * (random.NextDouble() * 2 - 1);
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan((i * channels + c) * 2), (short)Math.Clamp(value * 32767, -32768, 32767));
            }
        }
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + data.Length);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], data.Length);
        file.Write(header);
        file.Write(data);
    }
}
