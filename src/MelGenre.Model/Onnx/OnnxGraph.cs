namespace MelGenre.Model.Onnx;

/// <summary>
/// An ONNX <c>GraphProto</c>: nodes in topological order, initializers (the weights) by name, and the
/// graph's declared inputs and outputs.
/// </summary>
public sealed class OnnxGraph
{
    private OnnxGraph(string name, IReadOnlyList<OnnxNode> nodes, IReadOnlyDictionary<string, OnnxTensor> initializers,
        IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs)
    {
        Name = name;
        Nodes = nodes;
        Initializers = initializers;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>Graph name.</summary>
    public string Name { get; }

    /// <summary>Nodes in the file's order, which ONNX requires to be topological.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Constant tensors (weights, biases, shapes) by the value name nodes use as input.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Initializers { get; }

    /// <summary>Declared graph inputs; older files also list every initializer here.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    /// <summary>Declared graph outputs.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>The initializer called <paramref name="name"/>.</summary>
    /// <exception cref="OnnxFormatException">The graph has no initializer of that name.</exception>
    public OnnxTensor Initializer(string name) =>
        Initializers.TryGetValue(name, out var tensor)
            ? tensor
            : throw new OnnxFormatException($"Graph '{Name}' has no initializer named '{name}'.");

    internal static OnnxGraph Parse(ReadOnlyMemory<byte> bytes)
    {
        var name = "";
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            if (wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }
            switch (field)
            {
                case 1: nodes.Add(OnnxNode.Parse(reader.ReadBytes())); break;
                case 2: name = reader.ReadString(); break;
                case 5:
                    var tensor = OnnxTensor.Parse(reader.ReadBytes());
                    if (!initializers.TryAdd(tensor.Name, tensor))
                        throw new OnnxFormatException($"Two initializers are named '{tensor.Name}'.");
                    break;
                case 11: inputs.Add(OnnxValueInfo.Parse(reader.ReadBytes())); break;
                case 12: outputs.Add(OnnxValueInfo.Parse(reader.ReadBytes())); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }
}

/// <summary>
/// A named graph value with its element type and shape (<c>ValueInfoProto</c> holding a tensor type).
/// </summary>
/// <param name="Name">Value name.</param>
/// <param name="ElementType">Element type, or <see cref="OnnxDataType.Undefined"/> when not a tensor.</param>
/// <param name="Shape">One entry per axis: its size, or null for a symbolic or unknown size.</param>
public sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, IReadOnlyList<long?> Shape)
{
    internal static OnnxValueInfo Parse(ReadOnlyMemory<byte> bytes)
    {
        var name = "";
        var elementType = OnnxDataType.Undefined;
        var shape = new List<long?>();
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            if (field == 1 && wire == WireType.LengthDelimited)
                name = reader.ReadString();
            else if (field == 2 && wire == WireType.LengthDelimited)
                ParseType(reader.ReadBytes(), ref elementType, shape);
            else
                reader.Skip(wire);
        }
        return new OnnxValueInfo(name, elementType, shape);
    }

    // TypeProto { tensor_type = 1: { elem_type = 1, shape = 2: { dim = 1: { dim_value = 1 | dim_param = 2 } } } }
    private static void ParseType(ReadOnlyMemory<byte> typeProto, ref OnnxDataType elementType, List<long?> shape)
    {
        foreach (var tensorType in Fields(typeProto, 1))
        {
            var reader = new ProtoReader(tensorType);
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadKey();
                if (field == 1 && wire == WireType.Varint)
                    elementType = (OnnxDataType)reader.ReadInt32();
                else if (field == 2 && wire == WireType.LengthDelimited)
                    foreach (var dim in Fields(reader.ReadBytes(), 1))
                        shape.Add(DimValue(dim));
                else
                    reader.Skip(wire);
            }
        }
    }

    private static long? DimValue(ReadOnlyMemory<byte> dimension)
    {
        long? value = null;
        var reader = new ProtoReader(dimension);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            if (field == 1 && wire == WireType.Varint)
                value = reader.ReadInt64();
            else
                reader.Skip(wire);
        }
        return value;
    }

    private static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var reader = new ProtoReader(message);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            if (field == number && wire == WireType.LengthDelimited)
                found.Add(reader.ReadBytes());
            else
                reader.Skip(wire);
        }
        return found;
    }
}
