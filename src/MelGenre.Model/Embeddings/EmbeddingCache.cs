using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MelGenre.Model.Data;

namespace MelGenre.Model.Embeddings;

/// <summary>
/// Computes each clip's backbone embeddings once (<see cref="Segmenter"/> patches, or the whole clip as one picture,
/// through <see cref="MelEmbedder"/>) and keeps them on disk at <c>Folder/ParameterHash/ContentHash.memb</c>, keyed like
/// <see cref="FeatureCache"/>: the SHA-256 of the audio file's bytes.
/// </summary>
/// <remarks>
/// The parameter hash covers the feature cache's <see cref="FeatureCache.ParameterHash"/>, the patch layout, the
/// <see cref="MelImageOptions"/>, the backbone package and <see cref="PipelineVersion"/>, so changed settings use a fresh folder.
/// The backbone is loaded on the first miss only. Entries are written whole (temporary file, then rename); an
/// unreadable entry is recomputed. Not thread-safe (the embedder is not); several processes may share the folder.
/// </remarks>
public sealed class EmbeddingCache : IDisposable
{
    /// <summary>Version of the patch → picture → backbone pipeline and the file format; bump it when any step changes
    /// its output, so old entries are no longer found.</summary>
    public const int PipelineVersion = 1;

    private static readonly byte[] Magic = "MGEMB001"u8.ToArray();
    private const int HeaderBytes = 8 + 4 * 2;

    private readonly Func<IReadOnlyList<MelPatch>, float[]> _embed;
    private readonly int _width;
    private MelEmbedder? _embedder;

    /// <summary>A cache of the embeddings of <paramref name="segmenter"/>'s patches of <paramref name="features"/>' log-mels.</summary>
    /// <param name="features">The feature cache the log-mels come from (its parameters are part of the key).</param>
    /// <param name="segmenter">Cuts the patches; null: the whole clip is one picture (one row per clip).</param>
    /// <param name="folder">Cache root; null: <see cref="DefaultFolder"/>.</param>
    /// <param name="imageOptions">How patches become pictures; null: the defaults of <see cref="MelImageOptions"/>.</param>
    /// <param name="embed">Patches → row-major (patches × <paramref name="width"/>) values, for tests; null: the pretrained
    /// <see cref="MelEmbedder"/>, loaded on the first miss.</param>
    /// <param name="width">Values per patch of <paramref name="embed"/>; default 512, the backbone's.</param>
    public EmbeddingCache(FeatureCache features, Segmenter? segmenter, string? folder = null,
        MelImageOptions? imageOptions = null, Func<IReadOnlyList<MelPatch>, float[]>? embed = null,
        int width = ImageNetResNet18.FeatureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        Segmenter = segmenter;
        ImageOptions = imageOptions ?? new MelImageOptions();
        Folder = Path.GetFullPath(folder ?? DefaultFolder());
        ParameterHash = HashParameters(features.ParameterHash, segmenter, ImageOptions);
        _width = width;
        _embed = embed ?? EmbedPretrained;
    }

    /// <summary>The patch layout; null: whole clips.</summary>
    public Segmenter? Segmenter { get; }

    /// <summary>How patches become pictures.</summary>
    public MelImageOptions ImageOptions { get; }

    /// <summary>The cache root.</summary>
    public string Folder { get; }

    /// <summary>Hex SHA-256 (first 16 bytes) of the settings: the subfolder of this cache's entries.</summary>
    public string ParameterHash { get; }

    /// <summary><c>embeddings</c> beside <see cref="FeatureCache.DefaultFolder"/> (<c>~/.cache/melgenre/embeddings</c>).</summary>
    public static string DefaultFolder() =>
        Path.Combine(Path.GetDirectoryName(FeatureCache.DefaultFolder())!, "embeddings");

    /// <summary>The patches embedded for <paramref name="clip"/>: the segmenter's, or the whole log-mel as one patch.</summary>
    public IReadOnlyList<MelPatch> PatchesOf(ClipFeatures clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var mel = clip.Mel;
        if (Segmenter is { } segmenter)
            return segmenter.Cut(mel, clip.Clip.ClipId, clip.Clip.LabelIndex);
        var seconds = (double)mel.FrameCount * mel.HopLength / mel.SampleRate;
        return [new MelPatch(mel.Values.ToArray(), mel.MelCount, mel.FrameCount, clip.Clip.ClipId, clip.Clip.LabelIndex, 0, 0, seconds)];
    }

    /// <summary>The embeddings of one clip, from the cache or computed and stored.</summary>
    /// <param name="clip">The clip and its log-mel (from the feature cache this one was made with).</param>
    /// <param name="computed">True when it was not cached.</param>
    /// <exception cref="IOException">The audio file can no longer be read (its bytes are the key).</exception>
    public ClipEmbedding GetOrCompute(ClipFeatures clip, out bool computed)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var entry = Path.Combine(Folder, ParameterHash, CacheFile.ContentHash(clip.Clip.Path) + ".memb");
        if (TryRead(entry, _width) is { } cached)
        {
            computed = false;
            return new ClipEmbedding(clip.Clip, cached, _width);
        }
        var values = _embed(PatchesOf(clip));
        Write(entry, values, _width);
        computed = true;
        return new ClipEmbedding(clip.Clip, values, _width);
    }

    /// <summary>The embeddings of every clip of <paramref name="features"/>, one clip at a time.</summary>
    /// <param name="features">Log-mels, e.g. from <see cref="FeatureCache.Load"/> with the same feature cache.</param>
    /// <param name="progress">Told after each clip.</param>
    /// <param name="cancellationToken">Stops before the next clip.</param>
    public EmbeddingSet Load(FeatureSet features, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Load(features.Features, progress, cancellationToken);
    }

    /// <summary>The embeddings of every clip, one clip at a time.</summary>
    /// <param name="clips">Clips and their log-mels, from the feature cache this one was made with.</param>
    /// <param name="progress">Told after each clip.</param>
    /// <param name="cancellationToken">Stops before the next clip.</param>
    public EmbeddingSet Load(IReadOnlyList<ClipFeatures> clips, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var result = new List<ClipEmbedding>(clips.Count);
        var computedCount = 0;
        foreach (var clip in clips)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(GetOrCompute(clip, out var computed));
            if (computed)
                computedCount++;
            progress?.Report(new EmbeddingProgress(result.Count, clips.Count, computedCount, clip.Clip));
        }
        return new EmbeddingSet(result, computedCount);
    }

    /// <inheritdoc />
    public void Dispose() => _embedder?.Dispose();

    private float[] EmbedPretrained(IReadOnlyList<MelPatch> patches)
    {
        _embedder ??= MelEmbedder.LoadPretrained(ImageOptions);
        return _embedder.Embed(patches);
    }

    private static string HashParameters(string featureHash, Segmenter? segmenter, MelImageOptions image)
    {
        var layout = segmenter is null ? "whole" : $"patch={segmenter.PatchFrames},hop={segmenter.HopFrames}";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"pipeline={PipelineVersion};features={featureHash};layout={layout};floor={image.FloorDecibels:R};palette={image.Palette};size={MelImage.Size};backbone={ResNet18OnnxFiles.PackageId}/ResNet18.onnx");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    private static float[]? TryRead(string entry, int width)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(entry);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (bytes.Length < HeaderBytes || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            return null;
        var rows = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        var storedWidth = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + 4));
        if (rows < 0 || storedWidth != width || bytes.Length - HeaderBytes != 4L * rows * width)
            return null;
        var values = new float[rows * width];
        var body = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(4 * i)..]);
        return values;
    }

    private static void Write(string entry, float[] values, int width)
    {
        if (values.Length % width != 0)
            throw new InvalidOperationException($"The embedder returned {values.Length} values, not a multiple of the width {width}.");
        var bytes = new byte[HeaderBytes + 4 * values.Length];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length), values.Length / width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length + 4), width);
        var body = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(body[(4 * i)..], values[i]);
        CacheFile.WriteAtomically(entry, bytes);
    }
}
