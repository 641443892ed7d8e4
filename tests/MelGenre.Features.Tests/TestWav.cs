using System.Buffers.Binary;

namespace MelGenre.Features.Tests;

/// <summary>
/// A minimal test-local WAV reader (PCM u8/16-bit, IEEE float32; any channel count) converting as libsndfile does:
/// u8 → (x − 128) / 128, int16 → x / 32768. Stand-in until the real decoder lands; mono mix is the channel mean.
/// </summary>
internal static class TestWav
{
    public sealed record Wav(float[] Mono, int SampleRate, int Channels);

    public static Wav Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(bytes) != 0x52494646 /* RIFF */)
            throw new InvalidDataException($"{path}: not RIFF");
        int format = 0, channels = 0, rate = 0, bits = 0;
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format == 0xFFFE)
                    format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
            }
            else if (id == "data")
            {
                return new Wav(Decode(body, format, channels, bits, path), rate, channels);
            }
            offset += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path}: no data chunk");
    }

    private static float[] Decode(ReadOnlySpan<byte> data, int format, int channels, int bits, string path)
    {
        var width = bits / 8;
        var frames = data.Length / (width * channels);
        var mono = new float[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                var at = data[(((f * channels) + c) * width)..];
                sum += (format, bits) switch
                {
                    (1, 8) => (at[0] - 128) / 128f,
                    (1, 16) => BinaryPrimitives.ReadInt16LittleEndian(at) / 32768f,
                    (3, 32) => BinaryPrimitives.ReadSingleLittleEndian(at),
                    _ => throw new NotSupportedException($"{path}: format {format} with {bits} bits"),
                };
            }
            mono[f] = channels == 1 ? sum : sum / channels;
        }
        return mono;
    }
}
