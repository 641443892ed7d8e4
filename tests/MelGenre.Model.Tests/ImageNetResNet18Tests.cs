using MelGenre.Model.Onnx;
using static TorchSharp.torch;

namespace MelGenre.Model.Tests;

public class ImageNetResNet18Tests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void PretrainedFeaturesEqualOnnxRuntimeOnASeededImageWithin1e4()
    {
        var path = ResNet18Package.Require(ResNet18OnnxFiles.BackbonePath);
        using var scope = NewDisposeScope();
        random.manual_seed(20240611);
        // Mean-subtracted pixels span about ±128.
        var image = (rand(1, 3, 224, 224) * 255 - 128).contiguous();
        var pixels = image.data<float>().ToArray();
        using var network = ImageNetResNet18.LoadPretrained();

        float[] ours;
        using (no_grad())
            ours = network.forward(image).data<float>().ToArray();
        var reference = ResNet18Package.RunOnnxRuntime(path, pixels, [1, 3, 224, 224]);

        Assert.Equal(ImageNetResNet18.FeatureCount, ours.Length);
        var (diff, at) = ResNet18Package.MaxAbsDiff(ours, reference);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"max |TorchSharp - ONNX Runtime| = {diff:E2} at feature {at} (value {reference[at]}); features span [{reference.Min()}, {reference.Max()}]");
        Assert.True(diff <= Tolerance, $"feature {at}: TorchSharp {ours[at]}, ONNX Runtime {reference[at]}, |diff| {diff} > {Tolerance}");
        // Guard against a trivial pass (e.g. everything zero): real ImageNet features of noise are varied and positive.
        Assert.True(reference.Max() > 0.5f && reference.Count(f => f > 0) > 256,
            $"reference features look degenerate: max {reference.Max()}, {reference.Count(f => f > 0)} positive");
    }

    [Fact]
    public void PackageGraphHasTheCntkLayoutTheModuleRebuilds()
    {
        var model = OnnxModel.Load(ResNet18Package.Require(ResNet18OnnxFiles.BackbonePath));
        var convs = model.Graph.Nodes.Where(n => n.OpType == "Conv").ToList();

        Assert.Equal("CNTK", model.ProducerName);
        Assert.Equal([1L, 3, 224, 224], model.Graph.Inputs.Single(i => !model.Graph.Initializers.ContainsKey(i.Name)).Shape);
        Assert.Equal([1L, 512, 1, 1], Assert.Single(model.Graph.Outputs).Shape);
        // 1 stem + 9 basic blocks × 2 + 3 projections.
        Assert.Equal(22, convs.Count);
        Assert.Equal([3L, 3, 2, 2], convs[0].Ints("pads", []));
        Assert.Equal([1L, 1, 0, 0], model.Graph.Nodes.Single(n => n.OpType == "MaxPool").Ints("pads", []));
        Assert.Equal(9, model.Graph.Nodes.Count(n => n.OpType == "Add"));
    }

    [Fact]
    public void FromOnnxRejectsAGraphOfAnotherLayout()
    {
        var path = ResNet18Package.Require(ResNet18OnnxFiles.PreprocessPath);

        var error = Assert.Throws<OnnxFormatException>(() => ImageNetResNet18.FromOnnx(path));

        Assert.Contains("0 Conv nodes", error.Message);
    }

    [Fact]
    public void FromOnnxOfAMissingFileSaysWhichPackageShipsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}", "ResNet18.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => ImageNetResNet18.FromOnnx(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(ResNet18OnnxFiles.PackageId, error.Message);
    }

    [Fact]
    public void MelSizedPatchesGiveOneFeatureVectorEach()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var network = new ImageNetResNet18();
        network.eval();
        using var noGrad = no_grad();

        var features = network.forward(randn(2, 3, 128, 130));

        Assert.Equal([2L, ImageNetResNet18.FeatureCount], features.shape);
        Assert.True(features.isfinite().all().item<bool>(), "features of a noise patch are not all finite");
    }
}
