using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// A ResNet basic block: two 3 × 3 convolutions with batch norm, added to the input (or to its 1 × 1 strided
/// projection when the block halves the size and widens the channels), then ReLU. A strided block pads its
/// first convolution (1, 0) like the CNTK export.
/// </summary>
internal sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly ConvNorm _first;
    private readonly ReLU _relu;
    private readonly ConvNorm _second;
    private readonly ConvNorm? _shortcut;

    public BasicBlock(string name, int input, int output) : base(name)
    {
        var stride = input == output ? 1 : 2;
        _first = new ConvNorm("first", input, output, kernel: 3, stride, padBegin: 1, padEnd: stride == 1 ? 1 : 0);
        _relu = nn.ReLU();
        _second = new ConvNorm("second", output, output, kernel: 3, stride: 1, padBegin: 1, padEnd: 1);
        _shortcut = stride == 1 ? null : new ConvNorm("shortcut", input, output, kernel: 1, stride, padBegin: 0, padEnd: 0);
        RegisterComponents();
    }

    /// <summary>The block's convolutions in the order the CNTK export lists them: projection first.</summary>
    public IEnumerable<ConvNorm> ConvNormsInOnnxOrder() =>
        _shortcut is null ? [_first, _second] : [_shortcut, _first, _second];

    public override Tensor forward(Tensor x)
    {
        var residual = _second.forward(_relu.forward(_first.forward(x)));   // (batch, output, size / stride)
        return _relu.forward(residual + (_shortcut?.forward(x) ?? x));      // (batch, output, size / stride)
    }
}
