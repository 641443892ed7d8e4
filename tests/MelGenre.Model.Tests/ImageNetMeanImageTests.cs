using static TorchSharp.torch;

namespace MelGenre.Model.Tests;

public class ImageNetMeanImageTests
{
    [Fact]
    public void EqualsOnnxRuntimePreprocessGraphOnASeededRgbImage()
    {
        var path = ResNet18Package.Require(ResNet18OnnxFiles.PreprocessPath);
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        var rgb = (rand(1, 3, 224, 224) * 255).contiguous();
        using var meanImage = ImageNetMeanImage.LoadPretrained();

        var ours = meanImage.forward(rgb).data<float>().ToArray();
        var reference = ResNet18Package.RunOnnxRuntime(path, rgb.data<float>().ToArray(), [1, 3, 224, 224]);

        // A channel swap and a subtraction: exact in float32.
        var (diff, at) = ResNet18Package.MaxAbsDiff(ours, reference);
        Assert.True(diff == 0, $"element {at}: ours {ours[at]}, ONNX Runtime {reference[at]}");
    }

    [Fact]
    public void ChannelMeansAreImageNetsBlueGreenRedAverages()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.PreprocessPath);
        using var meanImage = ImageNetMeanImage.LoadPretrained();

        // Averages of the package's mean image, read once with an independent script; blue < green < red as in ImageNet.
        float[] expected = [103.0626f, 115.9029f, 123.1516f];
        for (var c = 0; c < 3; c++)
            Assert.True(Math.Abs(meanImage.ChannelMeansBgr[c] - expected[c]) < 1e-3,
                $"channel {c}: mean {meanImage.ChannelMeansBgr[c]}, expected {expected[c]}");
    }

    [Fact]
    public void RejectsImagesThatAreNot224Square()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.PreprocessPath);
        using var scope = NewDisposeScope();
        using var meanImage = ImageNetMeanImage.LoadPretrained();

        Assert.Throws<ArgumentException>(() => meanImage.forward(zeros(1, 3, 128, 130)));
    }
}
