using MelGenre.Model.Data;

namespace MelGenre.Model.Embeddings;

/// <summary>The backbone embeddings of one clip's patches (or of the whole clip as one picture).</summary>
/// <param name="Clip">The clip.</param>
/// <param name="Values">Row-major <c>Count × Width</c> values, one row per patch in clip order.</param>
/// <param name="Width">Values per row (512 for <see cref="ImageNetResNet18"/>).</param>
public sealed record ClipEmbedding(LabeledClip Clip, float[] Values, int Width)
{
    /// <summary>Number of rows (patches).</summary>
    public int Count => Values.Length / Width;

    /// <summary>The embedding of patch <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Width, Width);
}

/// <summary>What <see cref="EmbeddingCache.Load(IReadOnlyList{ClipFeatures}, IProgress{EmbeddingProgress}?, CancellationToken)"/> produced.</summary>
/// <param name="Embeddings">One per clip of the feature set, in its order.</param>
/// <param name="ComputedCount">Clips not found in the cache (embedded this time).</param>
public sealed record EmbeddingSet(IReadOnlyList<ClipEmbedding> Embeddings, int ComputedCount);

/// <summary>Progress of <see cref="EmbeddingCache.Load(IReadOnlyList{ClipFeatures}, IProgress{EmbeddingProgress}?, CancellationToken)"/>, reported after each clip.</summary>
/// <param name="Done">Clips finished.</param>
/// <param name="Total">Clips in the call.</param>
/// <param name="Computed">Clips embedded so far (cache misses).</param>
/// <param name="Clip">The clip just finished.</param>
public readonly record struct EmbeddingProgress(int Done, int Total, int Computed, LabeledClip Clip);
