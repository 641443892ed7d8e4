using static TorchSharp.torch;

namespace MelGenre.Model.Embeddings;

/// <summary>
/// A <see cref="GenreModel"/> member on frozen ImageNet features: log-mel patch → <see cref="MelImage"/> picture →
/// <see cref="ImageNetResNet18"/> (through a shared <see cref="MelEmbedder"/>) → <see cref="EmbeddingHead"/>.
/// Its saved weights are the head's alone.
/// </summary>
/// <remarks>Not thread-safe: one instance serves one thread at a time (and members sharing an embedder must not run
/// concurrently).</remarks>
public sealed class EmbeddingHeadNetwork : IPatchNetwork
{
    private readonly MelEmbedder _embedder;

    /// <summary>Joins a backbone and a head.</summary>
    /// <param name="embedder">The frozen backbone; shared, not owned (the caller disposes it after this network).</param>
    /// <param name="head">The head; taken over (disposed with this network).</param>
    /// <exception cref="ArgumentException">The embedder draws pictures differently from how the head was trained.</exception>
    public EmbeddingHeadNetwork(MelEmbedder embedder, EmbeddingHead head)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(head);
        if (embedder.ImageOptions != head.Options.Image)
            throw new ArgumentException(
                $"The head was trained on pictures drawn with {head.Options.Image}; the embedder draws {embedder.ImageOptions}.", nameof(embedder));
        _embedder = embedder;
        Head = head;
    }

    /// <summary>The trained head.</summary>
    public EmbeddingHead Head { get; }

    /// <inheritdoc />
    public int LabelCount => Head.Options.LabelCount;

    /// <inheritdoc />
    public nn.Module Weights => Head;

    /// <inheritdoc />
    public Tensor Logits(Tensor patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        if (patches.ndim != 4 || patches.shape[1] != 1)
            throw new ArgumentException($"Expected (batch, 1, mels, frames), got ({string.Join(", ", patches.shape)}).", nameof(patches));
        var embeddings = _embedder.Embed(patches.squeeze(1));   // (batch, 512), no gradient
        return Head.forward(embeddings);                         // (batch, labels)
    }

    /// <inheritdoc />
    public void Dispose() => Head.Dispose();
}
