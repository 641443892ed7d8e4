using System.Diagnostics;

namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>
/// Runs the reference <c>flac</c> command-line tool (Debian package <c>flac</c>, installed by
/// scripts/install-deps) in a private temporary folder; tests skip when it is not installed.
/// </summary>
internal sealed class FlacTool : IDisposable
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        try
        {
            return Run(["--version"]).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    private int _fileCount;

    private FlacTool()
    {
        Folder = Directory.CreateTempSubdirectory("melgenre-flac-").FullName;
    }

    /// <summary>The temporary folder, deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>Whether <c>flac</c> is on PATH.</summary>
    public static bool IsInstalled => Installed.Value;

    /// <summary>A new tool session, or a skipped test when <c>flac</c> is not on PATH.</summary>
    public static FlacTool Require()
    {
        SkipUnlessInstalled();
        return new FlacTool();
    }

    /// <summary>Skips the calling test when <c>flac</c> is not on PATH.</summary>
    public static void SkipUnlessInstalled()
    {
        if (!Installed.Value)
            Assert.Skip("the reference `flac` tool is not installed (Debian package flac; scripts/install-deps installs it)");
    }

    /// <summary>A fresh file path in the temporary folder.</summary>
    public string NewPath(string extension) => Path.Combine(Folder, $"f{Interlocked.Increment(ref _fileCount)}{extension}");

    /// <summary>Encodes <paramref name="pcm"/> (written as a WAV) with extra <paramref name="options"/>; returns the FLAC bytes.</summary>
    public byte[] Encode(TestPcm pcm, params string[] options)
    {
        var wav = NewPath(".wav");
        File.WriteAllBytes(wav, TestWav.Write(pcm));
        return EncodeFile(wav, options);
    }

    /// <summary>Encodes an existing WAV file with extra <paramref name="options"/>; returns the FLAC bytes.</summary>
    public byte[] EncodeFile(string wavPath, params string[] options)
    {
        var flac = NewPath(".flac");
        Check(Run(["-s", "-f", "--channel-map=none", .. options, "-o", flac, wavPath]), "encode");
        return File.ReadAllBytes(flac);
    }

    /// <summary>
    /// Decodes <paramref name="flacBytes"/> with <c>flac -d</c> to raw little-endian signed samples
    /// (flac writes raw output for 8/16/24/32-bit streams only) and returns them interleaved.
    /// </summary>
    public int[] DecodeRaw(byte[] flacBytes, int bitsPerSample)
    {
        var flac = NewPath(".flac");
        var raw = NewPath(".raw");
        File.WriteAllBytes(flac, flacBytes);
        Check(Run(["-s", "-f", "-d", "--force-raw-format", "--endian=little", "--sign=signed", "-o", raw, flac]), "decode");
        var bytes = File.ReadAllBytes(raw);
        var width = bitsPerSample / 8;
        var samples = new int[bytes.Length / width];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = 0;
            for (var b = 0; b < width; b++)
                value |= bytes[(i * width) + b] << (8 * b);
            samples[i] = value << (32 - bitsPerSample) >> (32 - bitsPerSample);
        }
        return samples;
    }

    /// <summary>The byte offset of every frame, from <c>flac -a</c> (analysis mode).</summary>
    public long[] FrameOffsets(byte[] flacBytes) =>
        [.. Analyze(flacBytes).Split('\n')
            .Where(line => line.StartsWith("frame=", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split('\t')[1]["offset=".Length..], System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The frame-by-frame analysis text of <c>flac -a</c>: subframe types, orders, channel assignments.</summary>
    public string Analyze(byte[] flacBytes)
    {
        var flac = NewPath(".flac");
        var analysis = NewPath(".ana");
        File.WriteAllBytes(flac, flacBytes);
        Check(Run(["-s", "-f", "-a", "-o", analysis, flac]), "analyze");
        return File.ReadAllText(analysis);
    }

    /// <summary>Runs <c>flac -t</c> (decode and verify CRCs and MD5) and says whether it accepted the file.</summary>
    public bool Verifies(byte[] flacBytes)
    {
        var flac = NewPath(".flac");
        File.WriteAllBytes(flac, flacBytes);
        return Run(["-s", "-t", flac]).ExitCode == 0;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void Check((int ExitCode, string Errors) result, string what)
    {
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"flac {what} failed ({result.ExitCode}): {result.Errors}");
    }

    private static (int ExitCode, string Errors) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("flac")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        output.Wait();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }
}
