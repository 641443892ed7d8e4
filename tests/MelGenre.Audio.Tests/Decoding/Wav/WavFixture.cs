using System.Buffers.Binary;
using System.Text;

namespace MelGenre.Audio.Tests.Decoding.Wav;

/// <summary>
/// Builds WAV files in memory, well-formed or deliberately broken: chunks in any order, any declared sizes,
/// RIFF or RF64. Sizes left null are computed from the bodies.
/// </summary>
internal sealed class WavFixture
{
    public const ushort Pcm = 0x0001;
    public const ushort IeeeFloat = 0x0003;
    public const ushort Extensible = 0xFFFE;

    private readonly List<Chunk> _chunks = [];
    private bool _rf64;
    private ulong? _ds64DataBytes;

    /// <summary>One chunk: its id, its body, and the size its header claims (null: the body's length).</summary>
    private sealed record Chunk(string Id, byte[] Body, uint? DeclaredSize);

    /// <summary>The RIFF size field; null computes it.</summary>
    public uint? RiffSize { get; set; }

    /// <summary>A plain WAV of <paramref name="data"/>: one 16-byte <c>fmt </c> chunk, then <c>data</c>.</summary>
    public static byte[] Simple(byte[] data, ushort tag = Pcm, ushort channels = 1, uint sampleRate = 22050, ushort bits = 16) =>
        new WavFixture().Fmt(tag, channels, sampleRate, bits).Data(data).Build();

    /// <summary>Writes RF64 (with a <c>ds64</c> chunk first and the <c>data</c> size deferred to it) instead of RIFF.</summary>
    public WavFixture AsRf64(ulong? ds64DataBytes = null)
    {
        _rf64 = true;
        _ds64DataBytes = ds64DataBytes;
        return this;
    }

    /// <summary>A 16-byte <c>fmt </c> chunk (WAVEFORMAT); block align and byte rate follow from the others unless given.</summary>
    public WavFixture Fmt(ushort tag, ushort channels, uint sampleRate, ushort bits, ushort? blockAlign = null, uint? byteRate = null, int extraBytes = 0)
    {
        var align = blockAlign ?? (ushort)(channels * ((bits + 7) / 8));
        var body = new byte[16 + extraBytes];
        BinaryPrimitives.WriteUInt16LittleEndian(body, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), byteRate ?? sampleRate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), bits);
        return Add("fmt ", body);
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE <c>fmt </c> chunk whose subformat GUID carries <paramref name="subformatTag"/>.</summary>
    public WavFixture FmtExtensible(ushort subformatTag, ushort channels, uint sampleRate, ushort bits, ushort? validBits = null, uint channelMask = 0)
    {
        Fmt(Extensible, channels, sampleRate, bits, extraBytes: 24);
        var body = _chunks[^1].Body;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(18), validBits ?? bits);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(20), channelMask);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(24), subformatTag);
        byte[] tail = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        tail.CopyTo(body, 28);
        return this;
    }

    /// <summary>The <c>data</c> chunk; <paramref name="declaredSize"/> lets its header lie.</summary>
    public WavFixture Data(byte[] samples, uint? declaredSize = null) => Add("data", samples, declaredSize);

    /// <summary>Any chunk, e.g. <c>LIST</c>, <c>fact</c>, or an unknown id; odd bodies get their pad byte.</summary>
    public WavFixture Add(string id, byte[] body, uint? declaredSize = null)
    {
        _chunks.Add(new Chunk(id, body, declaredSize));
        return this;
    }

    public byte[] Build()
    {
        using var output = new MemoryStream();
        var chunks = _rf64 ? _chunks.Prepend(new Chunk("ds64", new byte[28], null)).ToList() : _chunks;
        output.Write(Encoding.ASCII.GetBytes(_rf64 ? "RF64" : "RIFF"));
        output.Write(new byte[4]);
        output.Write("WAVE"u8);
        var ds64Offset = -1L;
        foreach (var chunk in chunks)
        {
            output.Write(Encoding.ASCII.GetBytes(chunk.Id));
            var size = chunk.DeclaredSize ?? (_rf64 && chunk.Id == "data" ? uint.MaxValue : (uint)chunk.Body.Length);
            WriteUInt32(output, size);
            if (chunk.Id == "ds64")
                ds64Offset = output.Position;
            output.Write(chunk.Body);
            if (chunk.Body.Length % 2 == 1)
                output.WriteByte(0);
        }
        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), RiffSize ?? (_rf64 ? uint.MaxValue : (uint)(bytes.Length - 8)));
        if (ds64Offset >= 0)
        {
            var data = _chunks.First(c => c.Id == "data");
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((int)ds64Offset), (ulong)bytes.Length - 8);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((int)ds64Offset + 8), _ds64DataBytes ?? (ulong)data.Body.Length);
        }
        return bytes;
    }

    private static void WriteUInt32(Stream output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        output.Write(bytes);
    }

    // Sample encoders: interleaved values to little-endian data-chunk bytes.

    public static byte[] UInt8(ReadOnlySpan<byte> samples) => samples.ToArray();

    public static byte[] Int16(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        return bytes;
    }

    public static byte[] Int24(ReadOnlySpan<int> samples)
    {
        var bytes = new byte[samples.Length * 3];
        for (var i = 0; i < samples.Length; i++)
        {
            bytes[3 * i] = (byte)samples[i];
            bytes[3 * i + 1] = (byte)(samples[i] >> 8);
            bytes[3 * i + 2] = (byte)(samples[i] >> 16);
        }
        return bytes;
    }

    public static byte[] Int32(ReadOnlySpan<int> samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), samples[i]);
        return bytes;
    }

    public static byte[] Float32(ReadOnlySpan<float> samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), samples[i]);
        return bytes;
    }

    public static byte[] Float64(ReadOnlySpan<double> samples)
    {
        var bytes = new byte[samples.Length * 8];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), samples[i]);
        return bytes;
    }

    /// <summary>A reproducible 16-bit test signal: two sines plus seeded noise, using most of the range,
    /// including both extremes.</summary>
    public static short[] Signal(int frames, int channels = 1, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new short[frames * channels];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / channels / 22050.0;
            var value = 0.6 * Math.Sin(2 * Math.PI * 440 * t + i % channels) + 0.3 * Math.Sin(2 * Math.PI * 1234.5 * t) + 0.1 * (random.NextDouble() * 2 - 1);
            samples[i] = (short)Math.Clamp(Math.Round(value * 32768), short.MinValue, short.MaxValue);
        }
        samples[0] = short.MinValue;
        samples[^1] = short.MaxValue;
        return samples;
    }
}
