using System.Buffers.Binary;

namespace MelGenre.Cli.Tests;

/// <summary>Small audio inputs the CLI tests make themselves.</summary>
internal static class TestAudio
{
    /// <summary>Writes a mono 16-bit PCM WAV of a sine (440 Hz by default) at half scale; returns <paramref name="path"/>.</summary>
    public static string WriteSineWav(string path, int frames = 22050, int sampleRate = 22050, double frequency = 440)
    {
        var wav = new byte[44 + 2 * frames];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 2 * sampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), 2 * frames);
        for (var i = 0; i < frames; i++)
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + 2 * i), (short)Math.Round(16384 * Math.Sin(2 * Math.PI * frequency * i / sampleRate)));
        File.WriteAllBytes(path, wav);
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
