using System.Diagnostics;
using MelGenre.Audio.Tests.Decoding.Flac;

namespace MelGenre.Audio.Tests.Decoding.Mp3;

/// <summary>
/// Runs <c>lame</c> (Debian package <c>lame</c>) in a private temporary folder to encode test signals and to
/// decode them as the reference; tests skip when it is not installed.
/// </summary>
internal sealed class LameTool : IDisposable
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

    private LameTool()
    {
        Folder = Directory.CreateTempSubdirectory("melgenre-lame-").FullName;
    }

    /// <summary>The temporary folder, deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>A new tool session, or a skipped test when <c>lame</c> is not on PATH.</summary>
    public static LameTool Require()
    {
        if (!Installed.Value)
            Assert.Skip("the reference `lame` encoder/decoder is not installed (Debian package lame); MP3 conformance is not checked");
        return new LameTool();
    }

    /// <summary>Encodes <paramref name="pcm"/> with <paramref name="options"/>; returns the MP3 bytes.</summary>
    public byte[] Encode(TestPcm pcm, string options)
    {
        var wav = NewPath(".wav");
        var mp3 = NewPath(".mp3");
        File.WriteAllBytes(wav, TestWav.Write(pcm));
        Check(Run(["--quiet", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), wav, mp3]), "encode");
        return File.ReadAllBytes(mp3);
    }

    /// <summary>Decodes <paramref name="mp3"/> with <c>lame --decode</c>: 16-bit samples, interleaved.</summary>
    public TestPcm Decode(byte[] mp3)
    {
        var input = NewPath(".mp3");
        var wav = NewPath(".wav");
        File.WriteAllBytes(input, mp3);
        Check(Run(["--quiet", "--decode", input, wav]), "decode");
        return TestWav.Read16(wav);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private string NewPath(string extension) => Path.Combine(Folder, $"f{Interlocked.Increment(ref _fileCount)}{extension}");

    private static void Check((int ExitCode, string Error) result, string what) =>
        Assert.True(result.ExitCode == 0, $"lame {what} failed ({result.ExitCode}): {result.Error}");

    private static (int ExitCode, string Error) Run(string[] arguments)
    {
        var start = new ProcessStartInfo("lame") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Result);
    }
}
