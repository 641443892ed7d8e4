using System.Runtime.InteropServices;

namespace MelGenre.Model.Onnx;

/// <summary>ONNX tensor element types (<c>TensorProto.DataType</c>) this reader can decode, plus undefined; other values pass through unnamed.</summary>
public enum OnnxDataType
{
    /// <summary>Not set.</summary>
    Undefined = 0,
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,
    /// <summary>64-bit signed integer.</summary>
    Int64 = 7,
}

/// <summary>
/// A constant tensor (<c>TensorProto</c>): name, shape and data, held either as little-endian
/// <c>raw_data</c> bytes (a slice of the file, not copied) or as typed <c>float_data</c> / <c>int64_data</c>.
/// </summary>
public sealed class OnnxTensor
{
    private readonly ReadOnlyMemory<byte> _raw;
    private readonly float[] _floatData;
    private readonly long[] _int64Data;

    private OnnxTensor(string name, OnnxDataType dataType, IReadOnlyList<long> dims, ReadOnlyMemory<byte> raw,
        float[] floatData, long[] int64Data)
    {
        Name = name;
        DataType = dataType;
        Dims = dims;
        _raw = raw;
        _floatData = floatData;
        _int64Data = int64Data;
    }

    /// <summary>Name under which nodes refer to this tensor.</summary>
    public string Name { get; }

    /// <summary>Element type.</summary>
    public OnnxDataType DataType { get; }

    /// <summary>Shape, outermost axis first; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>Number of elements: the product of <see cref="Dims"/>.</summary>
    public long ElementCount => Dims.Aggregate(1L, (product, d) => product * d);

    /// <summary>Copies the elements of a float tensor, row-major.</summary>
    /// <exception cref="OnnxFormatException">Not a float tensor, or the data does not match the shape.</exception>
    public float[] ToFloats() => Decode(OnnxDataType.Float, _floatData);

    /// <summary>Copies the elements of an int64 tensor, row-major.</summary>
    /// <exception cref="OnnxFormatException">Not an int64 tensor, or the data does not match the shape.</exception>
    public long[] ToInt64s() => Decode(OnnxDataType.Int64, _int64Data);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}:{DataType}[{string.Join("x", Dims)}]";

    private T[] Decode<T>(OnnxDataType expected, T[] typed) where T : unmanaged
    {
        if (DataType != expected)
            throw new OnnxFormatException($"Tensor '{Name}' holds {DataType}, not {expected}.");
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this reader needs a little-endian machine.");
        var values = _raw.IsEmpty ? typed : MemoryMarshal.Cast<byte, T>(_raw.Span).ToArray();
        if (values.Length != ElementCount)
            throw new OnnxFormatException($"Tensor '{Name}' of shape [{string.Join(", ", Dims)}] holds {values.Length} values, expected {ElementCount}.");
        return values == typed ? (T[])typed.Clone() : values;
    }

    internal static OnnxTensor Parse(ReadOnlyMemory<byte> bytes)
    {
        var name = "";
        var dataType = OnnxDataType.Undefined;
        var dims = new List<long>();
        var raw = ReadOnlyMemory<byte>.Empty;
        var floats = new List<float>();
        var int64s = new List<long>();
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case 1: reader.ReadInt64s(wire, dims); break;
                case 2 when wire == WireType.Varint: dataType = (OnnxDataType)reader.ReadInt32(); break;
                case 4: reader.ReadFloats(wire, floats); break;
                case 7: reader.ReadInt64s(wire, int64s); break;
                case 8 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 9 when wire == WireType.LengthDelimited: raw = reader.ReadBytes(); break;
                case 13: throw ExternalData(name);
                case 14 when wire == WireType.Varint: if (reader.ReadInt32() != 0) throw ExternalData(name); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxTensor(name, dataType, dims, raw, [.. floats], [.. int64s]);
    }

    private static OnnxFormatException ExternalData(string name) =>
        new($"Tensor '{name}' keeps its data in an external file, which this reader does not support.");
}
