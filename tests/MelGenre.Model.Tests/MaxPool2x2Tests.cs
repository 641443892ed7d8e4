using static TorchSharp.torch;

namespace MelGenre.Model.Tests;

/// <summary>The CNN's 2 × 2 pooling: libtorch's values when inferring, libtorch's own operator when training.</summary>
public class MaxPool2x2Tests
{
    [Theory]
    [InlineData(64, 65)]
    [InlineData(32, 32)]
    [InlineData(7, 5)]
    [InlineData(3, 2)]
    public void Inference_gives_exactly_the_values_of_max_pool2d(int height, int width)
    {
        random.manual_seed(3);
        using var input = randn(3, 4, height, width);
        using var pool = new MaxPool2x2();
        pool.eval();

        using var expected = nn.functional.max_pool2d(input, 2);
        using var actual = pool.forward(input);

        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.equal(actual).all().item<bool>(), "the strided maximum differs from max_pool2d");
    }

    [Fact]
    public void Training_sends_the_gradient_of_a_tie_to_one_element_as_max_pool2d_does()
    {
        using var input = ones(1, 1, 2, 2, requires_grad: true);
        using var pool = new MaxPool2x2();
        pool.train();

        using var output = pool.forward(input);
        output.sum().backward();

        var gradient = input.grad!.data<float>().ToArray();
        Assert.Equal(1f, gradient.Sum());
        Assert.Equal(3, gradient.Count(g => g == 0));
    }
}
