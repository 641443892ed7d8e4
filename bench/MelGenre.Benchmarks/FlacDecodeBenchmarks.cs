using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MelGenre.Audio.Decoding.Flac;

namespace MelGenre.Benchmarks;

/// <summary>
/// Decoding 30 s of FLAC to float samples: GTZAN's format (22050 Hz mono 16-bit) and CD stereo.
/// The FLAC is made in setup by the reference <c>flac</c> encoder (Debian package flac) from a
/// synthetic WAV of tones and noise; without <c>flac</c> the setup fails with a message saying so.
/// </summary>
[MemoryDiagnoser]
public class FlacDecodeBenchmarks
{
    private const double Seconds = 30;

    private byte[] _flac = [];
    private float[] _buffer = [];

    /// <summary>Stream shape: sample rate and channel count.</summary>
    [Params("22050 Hz mono", "44100 Hz stereo")]
    public string Format { get; set; } = "";

    /// <summary>flac compression preset.</summary>
    [Params("-5", "-8")]
    public string Preset { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (rate, channels) = Format == "22050 Hz mono" ? (22050, 1) : (44100, 2);
        var folder = Directory.CreateTempSubdirectory("melgenre-flac-bench-").FullName;
        try
        {
            var wav = Path.Combine(folder, "in.wav");
            var flac = Path.Combine(folder, "out.flac");
            File.WriteAllBytes(wav, SyntheticWav(rate, channels));
            RunFlac(Preset, "-s", "-f", "-o", flac, wav);
            _flac = File.ReadAllBytes(flac);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        _buffer = new float[4096 * channels];
    }

    [Benchmark]
    public int DecodeToFloats()
    {
        using var reader = new FlacReader(new MemoryStream(_flac), "bench.flac");
        var total = 0;
        int read;
        while ((read = reader.Read(_buffer)) > 0)
            total += read;
        return total;
    }

    /// <summary>16-bit PCM WAV: two tones, a slow vibrato and a little noise, like music to a predictor.</summary>
    private static byte[] SyntheticWav(int rate, int channels)
    {
        var frames = (int)(rate * Seconds);
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        writer.Write("RIFF"u8);
        writer.Write(36 + (frames * channels * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((ushort)1);
        writer.Write((ushort)channels);
        writer.Write(rate);
        writer.Write(rate * channels * 2);
        writer.Write((ushort)(channels * 2));
        writer.Write((ushort)16);
        writer.Write("data"u8);
        writer.Write(frames * channels * 2);
        var random = new Random(7);
        for (var f = 0; f < frames; f++)
        {
            var t = (double)f / rate;
            for (var c = 0; c < channels; c++)
            {
                var value = (0.5 * Math.Sin(2 * Math.PI * (220 + (5 * Math.Sin(2 * Math.PI * 0.5 * t))) * t + c))
                    + (0.25 * Math.Sin(2 * Math.PI * 1375 * t)) + (0.05 * ((2 * random.NextDouble()) - 1));
                writer.Write((short)Math.Round(value * 32767 * 0.9));
            }
        }
        writer.Flush();
        return output.ToArray();
    }

    private static void RunFlac(params string[] arguments)
    {
        var start = new ProcessStartInfo("flac") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"flac failed ({process.ExitCode}): {errors}");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("FlacDecodeBenchmarks needs the reference `flac` encoder (Debian package flac; scripts/install-deps installs it).", error);
        }
    }
}
