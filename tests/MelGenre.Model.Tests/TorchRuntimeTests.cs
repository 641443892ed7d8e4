using static TorchSharp.torch;

namespace MelGenre.Model.Tests;

/// <summary>libtorch loads from the build output and computes known numbers, forward and backward.</summary>
public class TorchRuntimeTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void InitializeSetsTheIntraOpThreadCount()
    {
        try
        {
            TorchRuntime.Initialize(2);
            Assert.Equal(2, get_num_threads());
        }
        finally
        {
            TorchRuntime.Initialize(TorchFixture.Threads);
        }
        Assert.Equal(TorchFixture.Threads, get_num_threads());
    }

    [Fact]
    public void InitializeRejectsFewerThanOneThread() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.Initialize(0));

    [Fact]
    public void MatmulOfTwoByTwoMatricesGivesTheHandComputedProduct()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var b = tensor(new float[] { 5, 6, 7, 8 }).reshape(2, 2);

        var product = a.matmul(b).data<float>().ToArray();

        Assert.Equal([19f, 22f, 43f, 50f], product);
    }

    [Fact]
    public void BackwardOfSumOfCubePlusTwiceXGivesThreeXSquaredPlusTwo()
    {
        using var scope = NewDisposeScope();
        double[] xs = [-2, -0.5, 0, 1.5, 3];
        var x = tensor(xs, dtype: float64, requires_grad: true);

        (x.pow(3) + 2 * x).sum().backward();

        var gradient = x.grad!.data<double>().ToArray();
        for (var i = 0; i < xs.Length; i++)
            Assert.True(Math.Abs(gradient[i] - (3 * xs[i] * xs[i] + 2)) < Tolerance,
                $"d/dx (x^3 + 2x) at x = {xs[i]}: got {gradient[i]}, expected {3 * xs[i] * xs[i] + 2}");
    }

    [Fact]
    public void TinyConvNetForwardAndBackwardMatchHandComputedValues()
    {
        using var scope = NewDisposeScope();
        // One 2x2 filter over a 3x3 image: each output is the dot product of the filter with a 2x2 window.
        using var conv = nn.Conv2d(1, 1, 2, bias: false);
        using (no_grad())
            conv.weight!.copy_(tensor(new float[] { 1, 0, -1, 2 }).reshape(1, 1, 2, 2));
        var image = arange(1f, 10f).reshape(1, 1, 3, 3); // [[1 2 3] [4 5 6] [7 8 9]]

        var output = conv.forward(image);
        // Window [[1 2] [4 5]]: 1*1 + 0*2 - 1*4 + 2*5 = 7; every step right or down adds 1 + 0 - 1 + 2 = 2 or 3 times that.
        Assert.Equal([1L, 1, 2, 2], output.shape);
        Assert.Equal([7f, 9f, 13f, 15f], output.data<float>().ToArray());

        // d(sum of outputs)/d(weight) is the sum of the four windows each weight touches.
        output.sum().backward();
        Assert.Equal([12f, 16f, 24f, 28f], conv.weight!.grad!.data<float>().ToArray());
    }
}
