using System.Text;

namespace MelGenre.Model.Tests;

/// <summary>Writes protobuf wire format by hand, to build small ONNX messages for the reader's tests.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _bytes = new();

    public byte[] ToArray() => _bytes.ToArray();

    public ProtoWriter Varint(int field, long value) => Key(field, 0).Raw(value);

    public ProtoWriter Fixed32(int field, float value)
    {
        Key(field, 5);
        _bytes.Write(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Key(field, 2).Raw(value.Length);
        _bytes.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter PackedVarints(int field, params long[] values)
    {
        var packed = new ProtoWriter();
        foreach (var v in values)
            packed.Raw(v);
        return Bytes(field, packed.ToArray());
    }

    public ProtoWriter PackedFloats(int field, params float[] values) =>
        Bytes(field, [.. values.SelectMany(BitConverter.GetBytes)]);

    private ProtoWriter Key(int field, int wire) => Raw((field << 3) | wire);

    private ProtoWriter Raw(long value)
    {
        var v = (ulong)value;
        while (v >= 0x80)
        {
            _bytes.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        _bytes.WriteByte((byte)v);
        return this;
    }
}
