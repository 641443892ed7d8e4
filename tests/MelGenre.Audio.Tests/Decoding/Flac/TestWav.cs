using System.Buffers.Binary;

namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>
/// A minimal WAV writer and 16-bit reader for the FLAC tests, independent of the project's WAV decoder.
/// Depths that are not whole bytes are written as WAVE_FORMAT_EXTENSIBLE with the valid bits
/// left-justified in a whole-byte container, as <c>flac</c> reads them.
/// </summary>
internal static class TestWav
{
    private static readonly byte[] PcmSubFormat = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public static byte[] Write(TestPcm pcm)
    {
        var containerBits = (pcm.BitsPerSample + 7) / 8 * 8;
        var width = containerBits / 8;
        var extensible = containerBits != pcm.BitsPerSample || pcm.ChannelCount > 2;
        var formatLength = extensible ? 40 : 16;
        var dataLength = pcm.Samples.Length * width;
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        writer.Write("RIFF"u8);
        writer.Write(4 + (8 + formatLength) + (8 + dataLength));
        writer.Write("WAVEfmt "u8);
        writer.Write(formatLength);
        writer.Write((ushort)(extensible ? 0xFFFE : 1));
        writer.Write((ushort)pcm.ChannelCount);
        writer.Write(pcm.SampleRate);
        writer.Write(pcm.SampleRate * pcm.ChannelCount * width);
        writer.Write((ushort)(pcm.ChannelCount * width));
        writer.Write((ushort)containerBits);
        if (extensible)
        {
            writer.Write((ushort)22);
            writer.Write((ushort)pcm.BitsPerSample);
            writer.Write(0); // Channel mask: none.
            writer.Write(PcmSubFormat);
        }
        writer.Write("data"u8);
        writer.Write(dataLength);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var sample in pcm.Samples)
        {
            // 8-bit WAV is unsigned; wider depths are signed and left-justified in their container.
            var stored = containerBits == 8 ? sample + 128 : sample << (containerBits - pcm.BitsPerSample);
            BinaryPrimitives.WriteInt32LittleEndian(bytes, stored);
            writer.Write(bytes[..width]);
        }
        writer.Flush();
        return output.ToArray();
    }

    /// <summary>Reads a plain 16-bit PCM WAV (as the GTZAN files are): interleaved samples.</summary>
    public static TestPcm Read16(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int channels = 0, rate = 0, bits = 0;
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(length, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
            }
            else if (id == "data")
            {
                if (bits != 16)
                    throw new InvalidDataException($"{path}: {bits}-bit, the test reader reads 16-bit PCM only");
                var samples = new int[body.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                return new TestPcm(samples, rate, channels, bits);
            }
            offset += 8 + length + (length & 1);
        }
        throw new InvalidDataException($"{path}: no data chunk");
    }
}
