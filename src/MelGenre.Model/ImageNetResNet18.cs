using MelGenre.Model.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// The ImageNet ResNet18 feature extractor shipped as ONNX in Microsoft.ML.DnnImageFeaturizer.ResNet18
/// (a CNTK export), rebuilt in TorchSharp: image in, 512 pooled features out. Meant as a pretrained,
/// frozen backbone under a new genre head.
/// </summary>
/// <remarks>
/// <para>
/// The layout is CNTK's, not torchvision's: a 7 × 7 stride-2 stem convolution padded (3 before, 2 after),
/// batch norm, ReLU, 3 × 3 stride-2 max pooling padded (1, 0); then stages of basic blocks with 64, 128, 256
/// and 512 channels holding 2, 2, 2 and 3 blocks (nine, where torchvision has eight); each later stage starts
/// with a stride-2 block whose first convolution is padded (1, 0) and whose shortcut is a 1 × 1 stride-2
/// projection with batch norm. Batch norm epsilon is 1e-5 everywhere and no convolution has a bias.
/// </para>
/// <para>
/// Input: (batch, 3, height, width), float32, channels in BGR order with the ImageNet mean image already
/// subtracted (see <see cref="ImageNetMeanImage"/>), pixel scale 0–255. The file fixes 224 × 224, where the
/// final map is 7 × 7 and the file's 7 × 7 average pooling is global; this module pools globally, so it also
/// takes other sizes that stay even through the three strided stages (e.g. 128 × 128, 128 × 130).
/// </para>
/// <para>
/// Call <see cref="nn.Module.eval"/> and use <see cref="no_grad"/> for frozen features: in training mode batch
/// norm would use batch statistics instead of ImageNet's. Not thread-safe: one instance serves one thread at a time.
/// </para>
/// </remarks>
public sealed class ImageNetResNet18 : nn.Module<Tensor, Tensor>
{
    /// <summary>Width of the feature vector <see cref="forward"/> returns.</summary>
    public const int FeatureCount = 512;

    private readonly ConvNorm _stem;
    private readonly ReLU _relu;
    private readonly MaxPool2d _pool;
    private readonly Sequential _stage1;
    private readonly Sequential _stage2;
    private readonly Sequential _stage3;
    private readonly Sequential _stage4;

    /// <summary>Creates the network with freshly initialised weights; see <see cref="FromOnnx"/> for ImageNet's.</summary>
    public ImageNetResNet18() : base(nameof(ImageNetResNet18))
    {
        _stem = new ConvNorm("stem", 3, 64, kernel: 7, stride: 2, padBegin: 3, padEnd: 2);
        _relu = nn.ReLU();
        _pool = nn.MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        _stage1 = Stage(64, 64, blocks: 2);
        _stage2 = Stage(64, 128, blocks: 2);
        _stage3 = Stage(128, 256, blocks: 2);
        _stage4 = Stage(256, 512, blocks: 3);
        RegisterComponents();
    }

    /// <summary>Builds the network with ImageNet weights from the package's ResNet18.onnx, in eval mode.</summary>
    /// <exception cref="FileNotFoundException">The package file is missing (not restored on this machine).</exception>
    /// <exception cref="OnnxFormatException">The file does not hold the layout described above.</exception>
    public static ImageNetResNet18 LoadPretrained() => FromOnnx(ResNet18OnnxFiles.BackbonePath);

    /// <summary>Builds the network with the weights of a ResNet18.onnx file, in eval mode.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="OnnxFormatException">The file does not hold the layout described above.</exception>
    public static ImageNetResNet18 FromOnnx(string path)
    {
        ResNet18OnnxFiles.Require(path);
        var network = new ImageNetResNet18();
        try
        {
            network.LoadWeights(OnnxModel.Load(path).Graph);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        network.eval();
        return network;
    }

    /// <summary>Features of a batch of images.</summary>
    /// <param name="images">Shape (batch, 3, height, width): BGR minus the ImageNet mean, scale 0–255.</param>
    /// <returns>Shape (batch, 512): the globally averaged last feature map (after its ReLU, so non-negative).</returns>
    public override Tensor forward(Tensor images)
    {
        var stem = _relu.forward(_stem.forward(images));                              // (batch, 64, 112, 112)
        var x = ConvNorm.CropToOnnx(_pool.forward(stem), stem, 3, 2, 1, 0);           // (batch, 64, 56, 56)
        x = _stage1.forward(x);                                                       // (batch, 64, 56, 56)
        x = _stage2.forward(x);                                                       // (batch, 128, 28, 28)
        x = _stage3.forward(x);                                                       // (batch, 256, 14, 14)
        x = _stage4.forward(x);                                                       // (batch, 512, 7, 7)
        return x.mean([2, 3]);                                                        // (batch, 512)
    }

    /// <summary>
    /// Copies weights from the graph: its Conv nodes in file order, each with the BatchNormalization node that
    /// reads its output, onto this network's layers in the same order (stem, then block by block with the
    /// projection first, as the CNTK export writes them). Every node's attributes and weight shapes are checked
    /// against the layer it lands on, so a different layout fails instead of loading wrongly.
    /// </summary>
    private void LoadWeights(OnnxGraph graph)
    {
        var normByInput = graph.Nodes.Where(n => n.OpType == "BatchNormalization").ToDictionary(n => n.Inputs[0]);
        var convs = graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        var layers = ConvNormsInOnnxOrder().ToList();
        if (convs.Count != layers.Count)
            throw new OnnxFormatException($"Graph '{graph.Name}' has {convs.Count} Conv nodes; ResNet18 (CNTK layout) has {layers.Count}.");
        for (var i = 0; i < layers.Count; i++)
        {
            if (!normByInput.TryGetValue(convs[i].Outputs[0], out var norm))
                throw new OnnxFormatException($"ONNX node {convs[i]} is not followed by a BatchNormalization node.");
            layers[i].Load(graph, convs[i], norm);
        }
    }

    private IEnumerable<ConvNorm> ConvNormsInOnnxOrder() =>
        new[] { _stem }.Concat(new[] { _stage1, _stage2, _stage3, _stage4 }
            .SelectMany(stage => stage.children().Cast<BasicBlock>())
            .SelectMany(block => block.ConvNormsInOnnxOrder()));

    private static Sequential Stage(int input, int output, int blocks) =>
        nn.Sequential(Enumerable.Range(0, blocks)
            .Select(i => ($"block{i + 1}", (nn.Module<Tensor, Tensor>)new BasicBlock($"block{i + 1}", i == 0 ? input : output, output))));
}
