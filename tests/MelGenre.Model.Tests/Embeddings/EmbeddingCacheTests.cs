using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using MelGenre.Model.Tests.Data;

namespace MelGenre.Model.Tests.Embeddings;

public sealed class EmbeddingCacheTests : IDisposable
{
    private const int Width = 4;
    private const int Frames = 300;   // two 130-frame patches

    private readonly DataTree _tree = new();
    private int _embedCalls;

    public void Dispose() => _tree.Dispose();

    /// <summary>A feature cache whose log-mels are synthetic: 8 bands × 300 frames, value = frame index / 10 − (file length mod 7).</summary>
    private FeatureCache Features() =>
        new(_tree.PathOf("features"), extract: path =>
        {
            var offset = new FileInfo(path).Length % 7;
            var values = new float[8 * Frames];
            for (var i = 0; i < values.Length; i++)
                values[i] = i % Frames / 10f - offset;
            return new MelSpectrogram(values, 8, Frames, 22050, 512, 0, 11025, isDecibels: true);
        });

    /// <summary>Stand-in embedder: per patch, its mean, first value, frame count and start frame.</summary>
    private float[] Embed(IReadOnlyList<MelPatch> patches)
    {
        Interlocked.Increment(ref _embedCalls);
        return [.. patches.SelectMany(p => new[] { p.Values.Average(), p.Values[0], p.FrameCount, p.StartFrame })];
    }

    private EmbeddingCache Cache(FeatureCache features, Segmenter? segmenter) =>
        new(features, segmenter, _tree.PathOf("embeddings"), embed: Embed, width: Width);

    private FeatureSet TwoClips(FeatureCache features)
    {
        _tree.Wav("audio/blues/blues.00000.wav", frequency: 220);
        _tree.Wav("audio/rock/rock.00000.wav", seconds: 0.3);
        return features.Load(LabeledDataset.Scan(_tree.PathOf("audio")).Clips, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_second_load_reads_every_clip_from_disk_exactly_and_embeds_nothing()
    {
        var features = Features();
        var set = TwoClips(features);

        using var firstCache = Cache(features, new Segmenter());
        var first = firstCache.Load(set, cancellationToken: TestContext.Current.CancellationToken);
        using var secondCache = Cache(features, new Segmenter());
        var second = secondCache.Load(set, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, first.ComputedCount);
        Assert.Equal(0, second.ComputedCount);
        Assert.Equal(2, _embedCalls);
        for (var i = 0; i < 2; i++)
        {
            Assert.Same(set.Features[i].Clip, second.Embeddings[i].Clip);
            Assert.Equal(2, second.Embeddings[i].Count);
            Assert.True(first.Embeddings[i].Values.AsSpan().SequenceEqual(second.Embeddings[i].Values),
                $"cached embeddings of {set.Features[i].Clip.ClipId} differ from the computed ones");
        }
        // The second patch starts at frame 130 and its rows follow the first's.
        Assert.Equal([130f, 130f], second.Embeddings[0].Row(1)[2..].ToArray());
    }

    [Fact]
    public void Whole_clip_layout_embeds_the_full_log_mel_as_one_row_under_another_key()
    {
        var features = Features();
        var set = TwoClips(features);
        using var patches = Cache(features, new Segmenter());
        using var whole = Cache(features, segmenter: null);
        using var overlapping = Cache(features, new Segmenter(hopFrames: 65));
        using var grey = new EmbeddingCache(features, new Segmenter(), _tree.PathOf("embeddings"), new MelImageOptions { Palette = MelPalette.Grey });

        var embeddings = whole.Load(set, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(patches.ParameterHash, whole.ParameterHash);
        Assert.NotEqual(patches.ParameterHash, overlapping.ParameterHash);
        Assert.NotEqual(patches.ParameterHash, grey.ParameterHash);
        var row = embeddings.Embeddings[0].Row(0).ToArray();
        Assert.Equal(1, embeddings.Embeddings[0].Count);
        Assert.Equal(Frames, row[2]);
    }

    [Fact]
    public void A_damaged_entry_is_recomputed()
    {
        var features = Features();
        var set = TwoClips(features);
        using (var cache = Cache(features, new Segmenter()))
            cache.Load(set, cancellationToken: TestContext.Current.CancellationToken);
        var entries = Directory.GetFiles(_tree.PathOf("embeddings"), "*.memb", SearchOption.AllDirectories);
        Assert.Equal(2, entries.Length);
        File.WriteAllBytes(entries[0], [1, 2, 3]);

        using var again = Cache(features, new Segmenter());
        var reloaded = again.Load(set, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, reloaded.ComputedCount);
        Assert.All(reloaded.Embeddings, e => Assert.Equal(2 * Width, e.Values.Length));
        Assert.Empty(Directory.GetFiles(_tree.PathOf("embeddings"), "*.tmp", SearchOption.AllDirectories));
    }
}
