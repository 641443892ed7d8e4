using System.Buffers.Binary;

namespace MelGenre.Model.Tests.Data;

/// <summary>A fresh temporary folder for a synthetic dataset, with helpers to write WAV files into it; deleted on dispose.</summary>
internal sealed class DataTree : IDisposable
{
    public DataTree() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "melgenre-data-tests-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes a 16-bit mono PCM WAV of a sine at <paramref name="frequency"/> Hz.</summary>
    public string Wav(string relative, double seconds = 0.25, double frequency = 440, int sampleRate = 22050)
    {
        var count = (int)(seconds * sampleRate);
        var data = new byte[2 * count];
        for (var i = 0; i < count; i++)
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)(16000 * Math.Sin(2 * Math.PI * frequency * i / sampleRate)));
        var wav = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), (uint)(36 + data.Length));
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(28), (uint)(2 * sampleRate));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), (uint)data.Length);
        data.CopyTo(wav, 44);
        return Bytes(relative, wav);
    }

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="relative"/>, creating folders.</summary>
    public string Bytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
