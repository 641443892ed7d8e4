using MelGenre.Model.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// A square convolution without bias followed by batch norm, padded the ONNX way: <c>padBegin</c> zeros
/// before each spatial axis and <c>padEnd</c> (at most <c>padBegin</c>) after it. libtorch pads symmetrically,
/// so the convolution pads <c>padBegin</c> on both sides and the output is cropped to ONNX's size: the windows
/// start at the same places, and any extra last row or column is one that ONNX does not compute.
/// </summary>
internal sealed class ConvNorm : nn.Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-5;

    private readonly Conv2d _conv;
    private readonly BatchNorm2d _norm;
    private readonly int _kernel;
    private readonly int _stride;
    private readonly int _padBegin;
    private readonly int _padEnd;

    public ConvNorm(string name, int input, int output, int kernel, int stride, int padBegin, int padEnd) : base(name)
    {
        _conv = nn.Conv2d(input, output, kernel, stride: stride, padding: padBegin, bias: false);
        _norm = nn.BatchNorm2d(output, eps: Epsilon);
        _kernel = kernel;
        _stride = stride;
        _padBegin = padBegin;
        _padEnd = padEnd;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        _norm.forward(CropToOnnx(_conv.forward(x), x, _kernel, _stride, _padBegin, _padEnd));

    /// <summary>
    /// Crops the output of a symmetric <paramref name="padBegin"/> convolution or pooling of <paramref name="input"/>
    /// to the size ONNX gives with pads (begin, end): floor((size + begin + end − kernel) / stride) + 1.
    /// </summary>
    public static Tensor CropToOnnx(Tensor output, Tensor input, int kernel, int stride, int padBegin, int padEnd)
    {
        if (padEnd == padBegin)
            return output;
        for (var axis = 2; axis <= 3; axis++)
        {
            var size = (input.shape[axis] + padBegin + padEnd - kernel) / stride + 1;
            if (output.shape[axis] > size)
                output = output.narrow(axis, 0, size);
        }
        return output;
    }

    /// <summary>Copies the weights of an ONNX Conv node and the BatchNormalization node that follows it, after checking that they describe this layer.</summary>
    public void Load(OnnxGraph graph, OnnxNode conv, OnnxNode norm)
    {
        Check(conv, conv.Ints("kernel_shape", []).SequenceEqual([_kernel, _kernel]), "kernel_shape", $"[{_kernel}, {_kernel}]");
        Check(conv, conv.Ints("strides", [1, 1]).SequenceEqual([_stride, _stride]), "strides", $"[{_stride}, {_stride}]");
        Check(conv, conv.Ints("pads", [0, 0, 0, 0]).SequenceEqual([_padBegin, _padBegin, _padEnd, _padEnd]), "pads",
            $"[{_padBegin}, {_padBegin}, {_padEnd}, {_padEnd}]");
        Check(conv, conv.Ints("dilations", [1, 1]).SequenceEqual([1L, 1]), "dilations", "[1, 1]");
        Check(conv, conv.Int("group", 1) == 1, "group", "1");
        Check(conv, conv.Inputs.Count == 2, "inputs", "data and weight only (no bias)");
        Check(norm, Math.Abs(norm.Float("epsilon", 1e-5f) - Epsilon) < 1e-9, "epsilon", $"{Epsilon}");

        Copy(graph, conv.Inputs[1], _conv.weight!);
        Copy(graph, norm.Inputs[1], _norm.weight!);
        Copy(graph, norm.Inputs[2], _norm.bias!);
        Copy(graph, norm.Inputs[3], _norm.running_mean!);
        Copy(graph, norm.Inputs[4], _norm.running_var!);
    }

    private void Check(OnnxNode node, bool matches, string what, string expected)
    {
        if (!matches)
            throw new OnnxFormatException($"ONNX node {node} does not fit layer '{GetName()}': expected {what} {expected}.");
    }

    private void Copy(OnnxGraph graph, string name, Tensor target)
    {
        var source = graph.Initializer(name);
        if (!source.Dims.SequenceEqual(target.shape))
            throw new OnnxFormatException(
                $"Initializer {source} does not fit layer '{GetName()}': expected shape [{string.Join(", ", target.shape)}].");
        using var noGrad = no_grad();
        using var values = tensor(source.ToFloats(), target.shape);
        target.copy_(values);
    }
}
