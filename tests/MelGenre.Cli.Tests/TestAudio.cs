using MelGenre.TestSupport;

namespace MelGenre.Cli.Tests;

/// <summary>Small audio inputs the CLI tests make themselves.</summary>
internal static class TestAudio
{
    /// <summary>Writes a mono 16-bit PCM WAV of a sine (440 Hz by default) at half scale; returns <paramref name="path"/>.</summary>
    public static string WriteSineWav(string path, int frames = 22050, int sampleRate = 22050, double frequency = 440)
    {
        File.WriteAllBytes(path, Pcm16Wav.Sine(sampleRate, frames, frequency));
        return path;
    }

    /// <summary>Writes 4 KiB of seeded random bytes; returns <paramref name="path"/>.</summary>
    public static string WriteRandomBytes(string path)
    {
        var bytes = new byte[4096];
        new Random(20240611).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
