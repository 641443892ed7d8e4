using MelGenre.Model.Data;
using static TorchSharp.torch;

namespace MelGenre.Model.Embeddings;

/// <summary>
/// Frozen ImageNet features of log-mel patches: <see cref="MelImage"/> pictures through
/// <see cref="ImageNetResNet18"/> in eval mode without gradients, 512 values per patch.
/// </summary>
/// <remarks>50–150 ms per patch on one libtorch thread of a busy 2-core machine; cache the results (<see cref="EmbeddingCache"/>).
/// Not thread-safe: one instance serves one thread at a time.</remarks>
public sealed class MelEmbedder : IDisposable
{
    /// <summary>Default patches per forward pass: 8 (batching saves little on CPU; this bounds memory).</summary>
    public const int DefaultBatchSize = 8;

    private readonly ImageNetResNet18 _backbone;
    private readonly MelImage _image;

    /// <summary>Creates an embedder from a backbone and a converter (both taken over: disposed with it).</summary>
    /// <param name="backbone">The backbone; put in eval mode here.</param>
    /// <param name="image">The patch-to-picture conversion.</param>
    /// <param name="batchSize">Patches per forward pass; default <see cref="DefaultBatchSize"/>.</param>
    public MelEmbedder(ImageNetResNet18 backbone, MelImage image, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _backbone = backbone;
        _backbone.eval();
        _image = image;
        BatchSize = batchSize;
    }

    /// <summary>Patches per forward pass.</summary>
    public int BatchSize { get; }

    /// <summary>How patches become pictures.</summary>
    public MelImageOptions ImageOptions => _image.Options;

    /// <summary>An embedder with the package's ImageNet weights and mean image.</summary>
    /// <exception cref="FileNotFoundException">The package files are missing.</exception>
    /// <param name="imageOptions">How patches become pictures; null: the defaults of <see cref="MelImageOptions"/>.</param>
    /// <param name="batchSize">Patches per forward pass; default <see cref="DefaultBatchSize"/>.</param>
    public static MelEmbedder LoadPretrained(MelImageOptions? imageOptions = null, int batchSize = DefaultBatchSize)
    {
        var backbone = ImageNetResNet18.LoadPretrained();
        try
        {
            return new MelEmbedder(backbone, MelImage.LoadPretrained(imageOptions), batchSize);
        }
        catch
        {
            backbone.Dispose();
            throw;
        }
    }

    /// <summary>The embeddings of <paramref name="patches"/>, in order; runs of equally sized patches share forward passes.</summary>
    /// <returns>Row-major (patches × 512) values, one row per patch; non-negative (the backbone ends in a ReLU).</returns>
    public float[] Embed(IReadOnlyList<MelPatch> patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        const int width = ImageNetResNet18.FeatureCount;
        var result = new float[patches.Count * width];
        var start = 0;
        while (start < patches.Count)
        {
            var end = start + 1;
            while (end < patches.Count && end - start < BatchSize
                   && patches[end].MelCount == patches[start].MelCount && patches[end].FrameCount == patches[start].FrameCount)
                end++;
            using (NewDisposeScope())
            using (no_grad())
            {
                var batch = patches.Skip(start).Take(end - start).ToArray();
                var features = _backbone.forward(_image.ToInput(batch)).contiguous();   // (batch, 512)
                features.data<float>().CopyTo(result.AsSpan(start * width, (end - start) * width));
            }
            start = end;
        }
        return result;
    }

    /// <summary>The embeddings of equally sized dB grids, without gradient, <see cref="BatchSize"/> grids per forward pass.</summary>
    /// <param name="grids">Shape (batch, mels, frames), dB with 0 dB the clip's maximum.</param>
    /// <returns>Shape (batch, 512); non-negative.</returns>
    /// <exception cref="ArgumentException"><paramref name="grids"/> is not three-dimensional.</exception>
    public Tensor Embed(Tensor grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        if (grids.ndim != 3)
            throw new ArgumentException($"Expected (batch, mels, frames), got ({string.Join(", ", grids.shape)}).", nameof(grids));
        using var noGrad = no_grad();
        var count = grids.shape[0];
        var chunks = new List<Tensor>();
        for (long start = 0; start < count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var chunk = grids.narrow(0, start, Math.Min(BatchSize, count - start));
            chunks.Add(_backbone.forward(_image.ToInput(chunk)).MoveToOuterDisposeScope());   // (chunk, 512)
        }
        if (chunks.Count == 1)
            return chunks[0];
        var result = cat(chunks, 0);   // (batch, 512)
        foreach (var chunk in chunks)
            chunk.Dispose();
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _backbone.Dispose();
        _image.Dispose();
    }
}
