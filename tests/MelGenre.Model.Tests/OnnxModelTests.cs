using MelGenre.Model.Onnx;

namespace MelGenre.Model.Tests;

/// <summary>The protobuf reader against small ONNX messages written field by field (ONNX field numbers from onnx.proto).</summary>
public class OnnxModelTests
{
    // A one-node graph in the shapes the CNTK export uses, plus the encodings it does not (unpacked ints,
    // float_data, int64_data, a field the reader must skip), so every branch of the reader is exercised.
    private static byte[] SmallModel()
    {
        var weight = new ProtoWriter()
            .PackedVarints(1, 2, 1, 1, 2)             // dims
            .Varint(2, (long)OnnxDataType.Float)       // data_type
            .String(8, "W")                            // name
            .Bytes(9, [.. new float[] { 1.5f, -2, 0.25f, 1e-3f }.SelectMany(BitConverter.GetBytes)]); // raw_data
        var bias = new ProtoWriter()
            .Varint(1, 2)                              // dims, unpacked
            .Varint(2, (long)OnnxDataType.Float)
            .PackedFloats(4, 0.5f, -0.5f)              // float_data
            .String(8, "B");
        var shape = new ProtoWriter()
            .Varint(1, 1)
            .Varint(2, (long)OnnxDataType.Int64)
            .Varint(7, -1)                             // int64_data, unpacked negative (ten-byte varint)
            .String(8, "S");
        var conv = new ProtoWriter()
            .String(1, "X").String(1, "W").String(1, "B")
            .String(2, "Y")
            .String(3, "conv0")
            .String(4, "Conv")
            .Message(5, new ProtoWriter().String(1, "pads").PackedVarints(8, 3, 3, 2, 2).Varint(20, 7))
            .Message(5, new ProtoWriter().String(1, "strides").Varint(8, 2).Varint(8, 2).Varint(20, 7))
            .Message(5, new ProtoWriter().String(1, "group").Varint(3, 1).Varint(20, 2))
            .Message(5, new ProtoWriter().String(1, "epsilon").Fixed32(2, 1e-5f).Varint(20, 1))
            .String(6, "a doc string the reader skips");
        var tensorType = new ProtoWriter()
            .Varint(1, (long)OnnxDataType.Float)
            .Message(2, new ProtoWriter()
                .Message(1, new ProtoWriter().String(2, "batch"))
                .Message(1, new ProtoWriter().Varint(1, 1))
                .Message(1, new ProtoWriter().Varint(1, 3))
                .Message(1, new ProtoWriter().Varint(1, 3)));
        var input = new ProtoWriter().String(1, "X").Message(2, new ProtoWriter().Message(1, tensorType));
        var graph = new ProtoWriter()
            .Message(1, conv)
            .String(2, "tiny")
            .Message(5, weight).Message(5, bias).Message(5, shape)
            .Message(11, input)
            .Message(12, new ProtoWriter().String(1, "Y"));
        return new ProtoWriter()
            .Varint(1, 3)                                                          // ir_version
            .String(2, "hand")                                                     // producer_name
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 8))              // opset_import
            .Varint(5, 42)                                                         // model_version: skipped
            .ToArray();
    }

    [Fact]
    public void ReadsVersionsProducerAndGraphStructure()
    {
        var model = OnnxModel.Parse(SmallModel());

        Assert.Equal(3, model.IrVersion);
        Assert.Equal("hand", model.ProducerName);
        Assert.Equal([new OnnxOpset("", 8)], model.Opsets);
        Assert.Equal("tiny", model.Graph.Name);
        var node = Assert.Single(model.Graph.Nodes);
        Assert.Equal(("Conv", "conv0"), (node.OpType, node.Name));
        Assert.Equal(["X", "W", "B"], node.Inputs);
        Assert.Equal(["Y"], node.Outputs);
        Assert.Equal(["B", "S", "W"], model.Graph.Initializers.Keys.Order());
    }

    [Fact]
    public void ReadsPackedAndUnpackedIntListsIntsAndFloats()
    {
        var node = OnnxModel.Parse(SmallModel()).Graph.Nodes[0];

        Assert.Equal([3L, 3, 2, 2], node.Ints("pads", []));
        Assert.Equal([2L, 2], node.Ints("strides", []));
        Assert.Equal(1, node.Int("group", 0));
        Assert.Equal(1e-5f, node.Float("epsilon", 0));
        Assert.Equal(OnnxAttributeType.Ints, node.Attributes["pads"].Type);
        Assert.Equal([1L, 1], node.Ints("dilations", [1, 1]));
    }

    [Fact]
    public void DecodesRawDataFloatDataAndInt64Data()
    {
        var graph = OnnxModel.Parse(SmallModel()).Graph;

        Assert.Equal([2L, 1, 1, 2], graph.Initializer("W").Dims);
        Assert.Equal([1.5f, -2, 0.25f, 1e-3f], graph.Initializer("W").ToFloats());
        Assert.Equal([0.5f, -0.5f], graph.Initializer("B").ToFloats());
        Assert.Equal([-1L], graph.Initializer("S").ToInt64s());
    }

    [Fact]
    public void ReadsInputShapeWithSymbolicBatchAsNull()
    {
        var input = Assert.Single(OnnxModel.Parse(SmallModel()).Graph.Inputs);

        Assert.Equal("X", input.Name);
        Assert.Equal(OnnxDataType.Float, input.ElementType);
        Assert.Equal([null, 1L, 3L, 3L], input.Shape);
    }

    [Fact]
    public void AskingForAMissingInitializerOrTheWrongTypeNamesTheTensor()
    {
        var graph = OnnxModel.Parse(SmallModel()).Graph;

        Assert.Contains("'nope'", Assert.Throws<OnnxFormatException>(() => graph.Initializer("nope")).Message);
        Assert.Contains("'S'", Assert.Throws<OnnxFormatException>(() => graph.Initializer("S").ToFloats()).Message);
    }

    [Fact]
    public void TruncatedFileThrowsFormatExceptionNotIndexError()
    {
        var bytes = SmallModel();

        var error = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(bytes.AsMemory(0, bytes.Length - 20)));

        Assert.Contains("Malformed protobuf", error.Message);
    }

    [Fact]
    public void ModelWithoutGraphIsRejected() =>
        Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(new ProtoWriter().Varint(1, 3).ToArray()));

    [Fact]
    public void MissingFileThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => OnnxModel.Load(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.onnx")));
}
