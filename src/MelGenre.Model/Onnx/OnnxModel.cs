namespace MelGenre.Model.Onnx;

/// <summary>
/// The part of an ONNX <c>ModelProto</c> needed to rebuild a network by hand: format and operator-set
/// versions, and the graph (nodes with attributes, initializers, inputs and outputs). Read by a small
/// protobuf reader of our own, so no ONNX or protobuf package is needed. Fields outside that subset
/// (doc strings, metadata, training info, functions) are skipped.
/// </summary>
/// <remarks>
/// Immutable once loaded and safe to read from several threads. Initializer data stays in the file's byte
/// buffer until <see cref="OnnxTensor.ToFloats"/> copies it out.
/// </remarks>
public sealed class OnnxModel
{
    private OnnxModel(long irVersion, string producerName, IReadOnlyList<OnnxOpset> opsets, OnnxGraph graph)
    {
        IrVersion = irVersion;
        ProducerName = producerName;
        Opsets = opsets;
        Graph = graph;
    }

    /// <summary>ONNX format version (<c>ir_version</c>).</summary>
    public long IrVersion { get; }

    /// <summary>The tool that wrote the file (<c>producer_name</c>), e.g. "CNTK".</summary>
    public string ProducerName { get; }

    /// <summary>Operator sets the graph uses: domain ("" is the default ai.onnx) and version.</summary>
    public IReadOnlyList<OnnxOpset> Opsets { get; }

    /// <summary>The main graph.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>Reads an ONNX file.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="OnnxFormatException">The bytes are not a model this reader understands.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (OnnxFormatException e)
        {
            throw new OnnxFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses the bytes of an ONNX file; the model keeps slices of <paramref name="bytes"/>.</summary>
    /// <exception cref="OnnxFormatException">The bytes are not a model this reader understands.</exception>
    public static OnnxModel Parse(ReadOnlyMemory<byte> bytes)
    {
        long irVersion = 0;
        var producer = "";
        var opsets = new List<OnnxOpset>();
        OnnxGraph? graph = null;
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case 1 when wire == WireType.Varint: irVersion = reader.ReadInt64(); break;
                case 2 when wire == WireType.LengthDelimited: producer = reader.ReadString(); break;
                case 7 when wire == WireType.LengthDelimited: graph = OnnxGraph.Parse(reader.ReadBytes()); break;
                case 8 when wire == WireType.LengthDelimited: opsets.Add(OnnxOpset.Parse(reader.ReadBytes())); break;
                default: reader.Skip(wire); break;
            }
        }
        if (graph is null)
            throw new OnnxFormatException("The model has no graph (ModelProto field 7).");
        return new OnnxModel(irVersion, producer, opsets, graph);
    }
}

/// <summary>One operator set a model imports (<c>OperatorSetIdProto</c>).</summary>
/// <param name="Domain">Operator domain; "" is the default ONNX domain (ai.onnx).</param>
/// <param name="Version">Operator-set version.</param>
public sealed record OnnxOpset(string Domain, long Version)
{
    internal static OnnxOpset Parse(ReadOnlyMemory<byte> bytes)
    {
        var domain = "";
        long version = 0;
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: domain = reader.ReadString(); break;
                case 2 when wire == WireType.Varint: version = reader.ReadInt64(); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxOpset(domain, version);
    }
}
