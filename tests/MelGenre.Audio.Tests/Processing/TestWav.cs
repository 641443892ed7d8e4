using System.Buffers.Binary;

namespace MelGenre.Audio.Tests.Processing;

/// <summary>
/// A minimal WAV reader for these tests only (the real decoder lives elsewhere): 16-bit PCM and 32-bit float,
/// any channel count, scaled like libsndfile (x / 32768).
/// </summary>
internal static class TestWav
{
    public static AudioClip Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int format = 0, channels = 0, rate = 0, bits = 0;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            var body = bytes.AsSpan(at + 8, Math.Min(size, bytes.Length - at - 8));
            if (id == "fmt ")
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
            }
            else if (id == "data")
            {
                return (format, bits) switch
                {
                    (1, 16) => new AudioClip(Pcm16(body), rate, channels),
                    (3, 32) => new AudioClip(Float32(body), rate, channels),
                    _ => throw new NotSupportedException($"{path}: format {format} with {bits} bits"),
                };
            }
            at += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path}: no data chunk");
    }

    private static float[] Pcm16(ReadOnlySpan<byte> data)
    {
        var samples = new float[data.Length / 2];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]) / 32768f;
        return samples;
    }

    private static float[] Float32(ReadOnlySpan<byte> data)
    {
        var samples = new float[data.Length / 4];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        return samples;
    }
}
