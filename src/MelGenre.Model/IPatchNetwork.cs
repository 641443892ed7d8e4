using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// A network that scores log-mel patches: one member of a <see cref="GenreModel"/> (a <see cref="GenreCnn"/>, or an
/// <see cref="Embeddings.EmbeddingHeadNetwork"/> on frozen ImageNet features).
/// </summary>
/// <remarks>Not thread-safe: one instance serves one thread at a time. Disposing frees what the member owns (never a
/// backbone it shares with other members).</remarks>
public interface IPatchNetwork : IDisposable
{
    /// <summary>Number of genres scored (the logits' width).</summary>
    int LabelCount { get; }

    /// <summary>The module whose parameters and buffers are this member's saved weights: the whole
    /// <see cref="GenreCnn"/>, or only the head of an embedding network (a frozen backbone is never saved).</summary>
    nn.Module Weights { get; }

    /// <summary>Scores a batch of patches in the weights' current mode (<c>eval()</c> plus <see cref="no_grad"/> to infer).</summary>
    /// <param name="patches">Shape (batch, 1, mels, frames), float32, in dB as the features give them.</param>
    /// <returns>Logits of shape (batch, labels); apply softmax for probabilities.</returns>
    Tensor Logits(Tensor patches);
}
