using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// A compact convolutional genre classifier: log-mel patch in, one unnormalised score (logit) per genre out.
/// Each block is 3 × 3 convolution, batch norm and ReLU, then 2 × 2 max pooling; the first block halves the patch
/// by a stride-2 convolution instead of pooling, which makes training several times faster on a CPU (a full-size
/// 16-channel activation costs more memory traffic than all later layers together). Four blocks shrink a
/// 128 × 130 patch to 8 × 8; global average pooling, dropout and a linear layer give the logits.
/// </summary>
/// <remarks>
/// Call <see cref="nn.Module.train(bool)"/> to train and <see cref="nn.Module.eval"/> (with
/// <see cref="no_grad"/>) to infer: batch norm and dropout behave differently. Not thread-safe: one
/// instance serves one thread at a time. Weights and batch-norm statistics round-trip through the inherited
/// <c>save(path)</c> and <c>load(path)</c>.
/// </remarks>
public sealed class GenreCnn : nn.Module<Tensor, Tensor>, IPatchNetwork
{
    private readonly Sequential _block1;
    private readonly Sequential _block2;
    private readonly Sequential _block3;
    private readonly Sequential _block4;
    private readonly AdaptiveAvgPool2d _pool;
    private readonly Dropout _dropout;
    private readonly Linear _head;
    // Explicit, owned scalars: an implicit double → Scalar conversion per call leaves the native scalar to the
    // finalizer, which can free it while libtorch still reads it ("Unknown scalar type" crashes under GC load).
    private readonly Scalar _inputMean;
    private readonly Scalar _inputScale;

    /// <summary>Creates a network with freshly initialised weights (seed with <see cref="random.manual_seed"/> first).</summary>
    /// <exception cref="ArgumentException">Fewer than two labels, not four block widths, or dropout outside [0, 1).</exception>
    public GenreCnn(GenreCnnOptions options) : base(nameof(GenreCnn))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LabelCount, 2, nameof(options));
        if (options.BlockChannels.Count != 4 || options.BlockChannels.Any(c => c < 1))
            throw new ArgumentException($"Expected four positive block widths, got [{string.Join(", ", options.BlockChannels)}].", nameof(options));
        if (options.Dropout is < 0 or >= 1)
            throw new ArgumentException($"Dropout must be in [0, 1), got {options.Dropout}.", nameof(options));
        if (!double.IsFinite(options.InputMean) || !(options.InputStandardDeviation > 0) || !double.IsFinite(options.InputStandardDeviation))
            throw new ArgumentException(
                $"Input standardisation needs a finite mean and a positive standard deviation, got {options.InputMean} and {options.InputStandardDeviation}.",
                nameof(options));

        var c = options.BlockChannels;
        _block1 = Block(1, c[0], strided: true);
        _block2 = Block(c[0], c[1], strided: false);
        _block3 = Block(c[1], c[2], strided: false);
        _block4 = Block(c[2], c[3], strided: false);
        _pool = nn.AdaptiveAvgPool2d(1);
        _dropout = nn.Dropout(options.Dropout);
        _head = nn.Linear(c[3], options.LabelCount);
        Options = options;
        _inputMean = options.InputMean.ToScalar();
        _inputScale = (1 / options.InputStandardDeviation).ToScalar();
        RegisterComponents();
    }

    /// <summary>The shape this network was built with.</summary>
    public GenreCnnOptions Options { get; }

    /// <summary>Scores a batch of log-mel patches.</summary>
    /// <param name="mels">Shape (batch, 1, mels, frames), float32, in dB as the features give them.</param>
    /// <returns>Logits of shape (batch, labels); apply softmax for probabilities.</returns>
    public override Tensor forward(Tensor mels)
    {
        // Each step's input is freed as soon as the step is done (autograd keeps what backward needs): inference on a
        // batch then holds two activations at a time instead of all of them until the caller's dispose scope ends.
        var x = mels.sub(_inputMean).mul_(_inputScale);
        x = Step(x, _block1);               // (batch, c0, mels/2, frames/2)  128 × 130 → 64 × 65
        x = Step(x, _block2);               // (batch, c1, mels/4, frames/4)   → 32 × 32
        x = Step(x, _block3);               // (batch, c2, mels/8, frames/8)   → 16 × 16
        x = Step(x, _block4);               // (batch, c3, mels/16, frames/16) → 8 × 8
        x = Step(x, _pool).flatten(1);      // (batch, c3)
        x = _dropout.forward(x);            // (batch, c3)
        return _head.forward(x);            // (batch, labels)
    }

    private static Tensor Step(Tensor input, nn.Module<Tensor, Tensor> layer)
    {
        var output = layer.forward(input);
        input.Dispose();
        return output;
    }

    int IPatchNetwork.LabelCount => Options.LabelCount;

    nn.Module IPatchNetwork.Weights => this;

    Tensor IPatchNetwork.Logits(Tensor patches) => forward(patches);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inputMean.Dispose();
            _inputScale.Dispose();
        }
        base.Dispose(disposing);
    }

    // No convolution bias: the batch norm that follows subtracts the mean and adds its own shift.
    private static Sequential Block(int input, int output, bool strided)
    {
        var block = nn.Sequential(
            ("conv", nn.Conv2d(input, output, kernel_size: 3, stride: strided ? 2 : 1, padding: 1, bias: false)),
            ("norm", nn.BatchNorm2d(output)),
            ("relu", nn.ReLU()));
        if (!strided)
            block.append("pool", new MaxPool2x2());
        return block;
    }
}
