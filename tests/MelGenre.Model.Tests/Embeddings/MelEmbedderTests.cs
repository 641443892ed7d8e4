using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;

namespace MelGenre.Model.Tests.Embeddings;

public class MelEmbedderTests
{
    /// <summary>A seeded noise patch in the dB range of real log-mels (−80 … 0).</summary>
    private static MelPatch NoisePatch(int seed)
    {
        var random = new Random(seed);
        var values = new float[128 * 130];
        for (var i = 0; i < values.Length; i++)
            values[i] = -80f * (float)random.NextDouble();
        return new MelPatch(values, 128, 130, $"noise.{seed:D5}", 0, 0, 0, 3);
    }

    [Fact]
    public void Two_patches_give_two_distinct_non_negative_512_wide_rows_and_the_same_rows_again()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.BackbonePath);
        using var embedder = MelEmbedder.LoadPretrained();
        MelPatch[] patches = [NoisePatch(1), NoisePatch(2)];

        var first = embedder.Embed(patches);
        var second = embedder.Embed(patches);

        Assert.Equal(2 * ImageNetResNet18.FeatureCount, first.Length);
        Assert.True(first.All(v => v >= 0 && float.IsFinite(v)), "embeddings should be finite and non-negative (the backbone ends in a ReLU)");
        Assert.True(first.AsSpan().SequenceEqual(second), "a second call on the same patches gave different embeddings");
        var rowDiff = Enumerable.Range(0, 512).Max(i => Math.Abs(first[i] - first[512 + i]));
        Assert.True(rowDiff > 1e-3, $"two different noise patches gave rows differing by at most {rowDiff}");
    }

    [Fact]
    public void A_patch_embedded_alone_equals_its_row_in_a_batch_within_1e4()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.BackbonePath);
        using var embedder = MelEmbedder.LoadPretrained();

        var batch = embedder.Embed([NoisePatch(1), NoisePatch(2)]);
        var alone = embedder.Embed([NoisePatch(2)]);

        var (diff, at) = ResNet18Package.MaxAbsDiff(alone, batch[512..]);
        Assert.True(diff <= 1e-4f, $"feature {at}: alone {alone[at]}, in a batch {batch[512 + at]}, |diff| {diff} > 1e-4");
    }
}
