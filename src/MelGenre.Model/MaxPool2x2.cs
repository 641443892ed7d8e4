using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// 2 × 2 max pooling with stride 2 (a last odd row or column dropped), as <c>nn.MaxPool2d(2)</c>. To infer, it takes
/// the elementwise maximum of the four strided views of the input instead: the same values (a maximum is exact), and
/// on this project's CPU 13 × faster than libtorch's <c>max_pool2d</c>, which took 0.76 of the CNN's 1.9 ms per patch
/// at 32 × 64 × 65 (0.058 ms this way). Training keeps <c>max_pool2d</c>, whose gradient goes to one element of a tie
/// (the maximum's would be split), so trained weights do not change.
/// </summary>
internal sealed class MaxPool2x2() : nn.Module<Tensor, Tensor>(nameof(MaxPool2x2))
{
    public override Tensor forward(Tensor input)  // (batch, channels, height, width)
    {
        if (training)
            return nn.functional.max_pool2d(input, 2);
        long height = input.shape[2] / 2 * 2, width = input.shape[3] / 2 * 2;
        using var topLeft = Quarter(input, 0, 0, height, width);
        using var bottomLeft = Quarter(input, 1, 0, height, width);
        using var topRight = Quarter(input, 0, 1, height, width);
        using var bottomRight = Quarter(input, 1, 1, height, width);
        using var left = maximum(topLeft, bottomLeft);
        using var right = maximum(topRight, bottomRight);
        return maximum(left, right);  // (batch, channels, height / 2, width / 2)
    }

    private static Tensor Quarter(Tensor input, int row, int column, long height, long width) =>
        input[TensorIndex.Ellipsis, TensorIndex.Slice(row, height, 2), TensorIndex.Slice(column, width, 2)];
}
