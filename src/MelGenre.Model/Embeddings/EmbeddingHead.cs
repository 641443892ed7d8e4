using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MelGenre.Model.Embeddings;

/// <summary>
/// A small genre classifier on frozen backbone embeddings: standardisation (per feature, the training rows' mean and
/// standard deviation, kept as buffers so they are saved with the weights), then <c>Linear(512, hidden) → ReLU →
/// Dropout → Linear(hidden, labels)</c>.
/// </summary>
/// <remarks>Call <see cref="nn.Module.train(bool)"/> to train and <see cref="nn.Module.eval"/> to infer (dropout).
/// Not thread-safe: one instance serves one thread at a time.</remarks>
public sealed class EmbeddingHead : nn.Module<Tensor, Tensor>
{
    /// <summary>Width of the embeddings the head reads: the backbone's <see cref="ImageNetResNet18.FeatureCount"/>.</summary>
    public const int InputWidth = ImageNetResNet18.FeatureCount;

    private readonly Linear _hidden;
    private readonly ReLU _relu;
    private readonly Dropout _dropout;
    private readonly Linear _output;
    private readonly Tensor _mean;
    private readonly Tensor _deviation;

    /// <summary>Creates a head with freshly initialised weights (seed with <see cref="random.manual_seed"/> first) and
    /// an identity standardisation (mean 0, deviation 1).</summary>
    /// <exception cref="ArgumentException">Fewer than two labels, no hidden unit, or dropout outside [0, 1).</exception>
    public EmbeddingHead(EmbeddingHeadOptions options) : base(nameof(EmbeddingHead))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LabelCount, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HiddenWidth, 1, nameof(options));
        if (options.Dropout is < 0 or >= 1)
            throw new ArgumentException($"Dropout must be in [0, 1), got {options.Dropout}.", nameof(options));
        Options = options;
        _hidden = nn.Linear(InputWidth, options.HiddenWidth);
        _relu = nn.ReLU();
        _dropout = nn.Dropout(options.Dropout);
        _output = nn.Linear(options.HiddenWidth, options.LabelCount);
        _mean = zeros(InputWidth);
        _deviation = ones(InputWidth);
        RegisterComponents();
    }

    /// <summary>The shape this head was built with.</summary>
    public EmbeddingHeadOptions Options { get; }

    /// <summary>Sets the input standardisation (the training rows' per-feature mean and standard deviation).</summary>
    /// <exception cref="ArgumentException">Not <see cref="InputWidth"/> values each, or a deviation that is not positive.</exception>
    public void SetStandardisation(ReadOnlySpan<float> mean, ReadOnlySpan<float> deviation)
    {
        if (mean.Length != InputWidth || deviation.Length != InputWidth)
            throw new ArgumentException($"Expected {InputWidth} means and deviations, got {mean.Length} and {deviation.Length}.");
        foreach (var d in deviation)
            if (!(d > 0) || !float.IsFinite(d))
                throw new ArgumentException($"Standard deviations must be positive and finite, got {d}.", nameof(deviation));
        using var noGrad = no_grad();
        using var newMean = tensor(mean.ToArray());
        using var newDeviation = tensor(deviation.ToArray());
        _mean.copy_(newMean);
        _deviation.copy_(newDeviation);
    }

    /// <summary>Scores a batch of embeddings.</summary>
    /// <param name="embeddings">Shape (batch, 512), as the backbone gives them.</param>
    /// <returns>Logits of shape (batch, labels).</returns>
    public override Tensor forward(Tensor embeddings)
    {
        var x = (embeddings - _mean) / _deviation;   // (batch, 512)
        x = _relu.forward(_hidden.forward(x));        // (batch, hidden)
        x = _dropout.forward(x);                      // (batch, hidden)
        return _output.forward(x);                    // (batch, labels)
    }
}
