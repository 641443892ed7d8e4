using System.Buffers.Binary;
using System.Text;

namespace MelGenre.Model.Onnx;

/// <summary>Protocol Buffers wire types (the low three bits of a field key).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}

/// <summary>
/// A forward-only reader of the Protocol Buffers wire format over one message's bytes: field keys, varints,
/// fixed 32/64-bit values and length-delimited slices. Slices share the underlying buffer (no copies), so a
/// 60 MB initializer is read in place. Groups (wire types 3 and 4, long deprecated) are rejected.
/// </summary>
internal struct ProtoReader(ReadOnlyMemory<byte> message)
{
    private readonly ReadOnlyMemory<byte> _message = message;
    private int _position;

    public readonly bool AtEnd => _position >= _message.Length;

    /// <summary>Reads the next field key: its number and how its value is encoded.</summary>
    public (int Field, WireType Wire) ReadKey()
    {
        var key = ReadVarint();
        var wire = (WireType)(key & 7);
        if (wire is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32))
            throw Error($"unsupported wire type {(int)wire}");
        return ((int)(key >> 3), wire);
    }

    public ulong ReadVarint()
    {
        var span = _message.Span;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= span.Length)
                throw Error("truncated varint");
            var b = span[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw Error("varint longer than ten bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public int ReadInt32() => (int)ReadVarint();

    public float ReadFloat() => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(Take(4).Span));

    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_message.Length - _position))
            throw Error($"length {length} runs past the end of the message");
        return Take((int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes().Span);

    /// <summary>Appends a repeated int64 field, written packed (one slice) or one value per key.</summary>
    public void ReadInt64s(WireType wire, List<long> values)
    {
        if (wire != WireType.LengthDelimited)
        {
            values.Add(ReadInt64());
            return;
        }
        var packed = new ProtoReader(ReadBytes());
        while (!packed.AtEnd)
            values.Add(packed.ReadInt64());
    }

    /// <summary>Appends a repeated float field, written packed (one slice) or one value per key.</summary>
    public void ReadFloats(WireType wire, List<float> values)
    {
        if (wire != WireType.LengthDelimited)
        {
            values.Add(ReadFloat());
            return;
        }
        var packed = ReadBytes().Span;
        if (packed.Length % 4 != 0)
            throw Error($"packed floats of {packed.Length} bytes, not a multiple of 4");
        for (var i = 0; i < packed.Length; i += 4)
            values.Add(BinaryPrimitives.ReadSingleLittleEndian(packed[i..]));
    }

    /// <summary>Skips the value of a field this reader does not need.</summary>
    public void Skip(WireType wire)
    {
        switch (wire)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8); break;
            case WireType.Fixed32: Take(4); break;
            case WireType.LengthDelimited: ReadBytes(); break;
        }
    }

    private ReadOnlyMemory<byte> Take(int count)
    {
        if (count > _message.Length - _position)
            throw Error($"{count} bytes requested, {_message.Length - _position} left");
        var slice = _message.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly OnnxFormatException Error(string reason) =>
        new($"Malformed protobuf at byte {_position} of a {_message.Length}-byte message: {reason}.");
}
