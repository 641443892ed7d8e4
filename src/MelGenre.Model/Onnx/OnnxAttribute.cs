using System.Globalization;
using System.Text;

namespace MelGenre.Model.Onnx;

/// <summary>ONNX attribute kinds (<c>AttributeProto.AttributeType</c>) this reader keeps.</summary>
public enum OnnxAttributeType
{
    /// <summary>Not set (older files omit the type field).</summary>
    Undefined = 0,
    /// <summary>One float, <see cref="OnnxAttribute.Float"/>.</summary>
    Float = 1,
    /// <summary>One integer, <see cref="OnnxAttribute.Int"/>.</summary>
    Int = 2,
    /// <summary>Bytes, usually UTF-8 text, <see cref="OnnxAttribute.String"/>.</summary>
    String = 3,
    /// <summary>A tensor, <see cref="OnnxAttribute.Tensor"/>.</summary>
    Tensor = 4,
    /// <summary>A sub-graph; its content is not read.</summary>
    Graph = 5,
    /// <summary>A float list, <see cref="OnnxAttribute.Floats"/>.</summary>
    Floats = 6,
    /// <summary>An integer list, <see cref="OnnxAttribute.Ints"/>.</summary>
    Ints = 7,
    /// <summary>A list of byte strings; their content is not read.</summary>
    Strings = 8,
}

/// <summary>A named operator parameter (<c>AttributeProto</c>): kernel shape, strides, pads, epsilon...</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeType type, float value, long integer, string text,
        IReadOnlyList<float> floats, IReadOnlyList<long> ints, OnnxTensor? tensor)
    {
        Name = name;
        Type = type;
        Float = value;
        Int = integer;
        String = text;
        Floats = floats;
        Ints = ints;
        Tensor = tensor;
    }

    /// <summary>Attribute name.</summary>
    public string Name { get; }

    /// <summary>Declared kind.</summary>
    public OnnxAttributeType Type { get; }

    /// <summary>Value of a float attribute (0 otherwise).</summary>
    public float Float { get; }

    /// <summary>Value of an integer attribute (0 otherwise).</summary>
    public long Int { get; }

    /// <summary>Value of a string attribute, decoded as UTF-8 ("" otherwise).</summary>
    public string String { get; }

    /// <summary>Values of a float-list attribute (empty otherwise).</summary>
    public IReadOnlyList<float> Floats { get; }

    /// <summary>Values of an integer-list attribute (empty otherwise).</summary>
    public IReadOnlyList<long> Ints { get; }

    /// <summary>Value of a tensor attribute (null otherwise).</summary>
    public OnnxTensor? Tensor { get; }

    /// <inheritdoc/>
    public override string ToString() => Type switch
    {
        OnnxAttributeType.Float => $"{Name}={Float.ToString(CultureInfo.InvariantCulture)}",
        OnnxAttributeType.Int => $"{Name}={Int}",
        OnnxAttributeType.String => $"{Name}='{String}'",
        OnnxAttributeType.Floats => $"{Name}=[{string.Join(",", Floats.Select(f => f.ToString(CultureInfo.InvariantCulture)))}]",
        OnnxAttributeType.Ints => $"{Name}=[{string.Join(",", Ints)}]",
        OnnxAttributeType.Tensor => $"{Name}={Tensor}",
        _ => $"{Name}:{Type}",
    };

    internal static OnnxAttribute Parse(ReadOnlyMemory<byte> bytes)
    {
        var name = "";
        var type = OnnxAttributeType.Undefined;
        float value = 0;
        long integer = 0;
        var text = "";
        var floats = new List<float>();
        var ints = new List<long>();
        OnnxTensor? tensor = null;
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 2 when wire == WireType.Fixed32: value = reader.ReadFloat(); break;
                case 3 when wire == WireType.Varint: integer = reader.ReadInt64(); break;
                case 4 when wire == WireType.LengthDelimited: text = Encoding.UTF8.GetString(reader.ReadBytes().Span); break;
                case 5 when wire == WireType.LengthDelimited: tensor = OnnxTensor.Parse(reader.ReadBytes()); break;
                case 7: reader.ReadFloats(wire, floats); break;
                case 8: reader.ReadInt64s(wire, ints); break;
                case 20 when wire == WireType.Varint: type = (OnnxAttributeType)reader.ReadInt32(); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxAttribute(name, type, value, integer, text, floats, ints, tensor);
    }
}
