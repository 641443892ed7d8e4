using System.Security.Cryptography;
using MelGenre.Features.Mel;
using MelGenre.Model.Tests.Training;

namespace MelGenre.Model.Tests;

public sealed class GenreModelTests
{
    private const double SecondsPerFrame = (double)SyntheticClips.HopLength / SyntheticClips.SampleRate;

    private static MelSpectrogram Mel(int frames = SyntheticClips.Frames, int label = 1) =>
        SyntheticClips.Mel(label, new Random(frames + 31 * label), frames);

    private static void AssertSumsToOne(ReadOnlySpan<float> probabilities, string what)
    {
        double sum = 0;
        foreach (var p in probabilities)
        {
            Assert.True(p is >= 0 and <= 1, $"{what}: probability {p} outside [0, 1]");
            sum += p;
        }
        Assert.True(Math.Abs(sum - 1) <= 1e-5, $"{what}: probabilities sum to {sum:R}, expected 1 ± 1e-5");
    }

    [Fact]
    public void Save_then_load_scores_bit_identically_and_round_trips_the_manifest()
    {
        using var folder = new TemporaryFolder();
        var manifest = TinyModels.Manifest(11);
        var mel = Mel();
        using var model = GenreModel.Create(manifest, [TinyModels.Network(11)]);
        var before = model.Score(mel);

        var saved = model.Save(folder.Path);
        using var loaded = GenreModel.Load(folder.Path);
        var after = loaded.Score(mel);

        Assert.Equal(before.Probabilities, after.Probabilities);
        Assert.Equal(before.Patches.Count, after.Patches.Count);
        for (var p = 0; p < before.Patches.Count; p++)
            Assert.True(before.Patches[p].Probabilities.Span.SequenceEqual(after.Patches[p].Probabilities.Span),
                $"patch {p}: [{string.Join(", ", before.Patches[p].Probabilities.ToArray())}] before saving, " +
                $"[{string.Join(", ", after.Patches[p].Probabilities.ToArray())}] after loading");

        var read = loaded.Manifest;
        Assert.Equal(manifest.Name, read.Name);
        Assert.Equal(manifest.Created, read.Created);
        Assert.Equal(manifest.FormatVersion, read.FormatVersion);
        Assert.Equal(manifest.FeaturePipelineVersion, read.FeaturePipelineVersion);
        Assert.Equal(manifest.Labels, read.Labels);
        Assert.Equal(manifest.Features, read.Features);
        Assert.Equal((manifest.PatchFrames, manifest.HopFrames), (read.PatchFrames, read.HopFrames));
        Assert.Equal(manifest.Architecture.Kind, read.Architecture.Kind);
        Assert.Equal(manifest.Architecture.Cnn!.BlockChannels, read.Architecture.Cnn!.BlockChannels);
        Assert.Equal(manifest.Architecture.Cnn, read.Architecture.Cnn with { BlockChannels = manifest.Architecture.Cnn.BlockChannels });
        Assert.Equal(manifest.Training!.Options, read.Training!.Options);
        Assert.Equal(manifest.Training.Clips, read.Training.Clips);
        Assert.Equal(manifest.Training with { Clips = read.Training.Clips }, read.Training);
        Assert.Equal(manifest.Metrics, read.Metrics);

        var member = Assert.Single(read.Members);
        Assert.Equal(saved.Members[0], member);
        Assert.Equal("network-0.bin", member.File);
        Assert.Equal(11, member.Seed);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.File(member.File))));
        Assert.Equal(sha256, member.Sha256);
    }

    [Fact]
    public void Ensemble_probabilities_are_the_mean_of_its_members_per_patch_and_survive_saving()
    {
        const double tolerance = 1e-6;
        using var first = TinyModels.Network(11);
        using var second = TinyModels.Network(12);
        // The models share the networks above, which the using declarations dispose once.
        var single1 = GenreModel.Create(TinyModels.Manifest(11), [first]);
        var single2 = GenreModel.Create(TinyModels.Manifest(12), [second]);
        var ensemble = GenreModel.Create(TinyModels.Manifest(11, 12), [first, second]);
        var mel = Mel(label: 0);

        var a = single1.Score(mel);
        var b = single2.Score(mel);
        var both = ensemble.Score(mel);

        var largest = a.Probabilities.Zip(b.Probabilities, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(largest > 1e-4, $"the two members agree to {largest:E2}: the test cannot tell a mean from either member");
        for (var l = 0; l < both.Labels.Count; l++)
            Assert.True(Math.Abs(both.Probabilities[l] - (a.Probabilities[l] + b.Probabilities[l]) / 2) <= tolerance,
                $"label {both.Labels[l]}: ensemble {both.Probabilities[l]:R}, members {a.Probabilities[l]:R} and {b.Probabilities[l]:R}");
        for (var p = 0; p < both.Patches.Count; p++)
            for (var l = 0; l < both.Labels.Count; l++)
            {
                var expected = (a.Patches[p].Probabilities.Span[l] + b.Patches[p].Probabilities.Span[l]) / 2;
                Assert.True(Math.Abs(both.Patches[p].Probabilities.Span[l] - expected) <= tolerance,
                    $"patch {p}, label {l}: ensemble {both.Patches[p].Probabilities.Span[l]:R}, members' mean {expected:R}");
            }

        using var folder = new TemporaryFolder();
        var saved = ensemble.Save(folder.Path);
        using var loaded = GenreModel.Load(folder.Path);

        Assert.Equal(["network-0.bin", "network-1.bin"], saved.Members.Select(m => m.File));
        Assert.Equal([11, 12], loaded.Manifest.Members.Select(m => m.Seed));
        Assert.Equal(both.Probabilities, loaded.Score(mel).Probabilities);
    }

    [Theory]
    [InlineData(100, null, 5)]  // 1 + (100 − 32) / 16
    [InlineData(100, 20, 4)]    // 1 + (100 − 32) / 20
    [InlineData(100, 32, 3)]
    [InlineData(32, null, 1)]
    public void Patches_start_every_hop_and_span_a_patch_in_seconds(int frames, int? hop, int expectedCount)
    {
        using var model = GenreModel.Create(TinyModels.Manifest(11), [TinyModels.Network(11)]);

        var scores = model.Score(Mel(frames), hop);

        Assert.Equal(expectedCount, scores.Patches.Count);
        var step = hop ?? TinyModels.HopFrames;
        for (var p = 0; p < scores.Patches.Count; p++)
        {
            Assert.Equal(p * step * SecondsPerFrame, scores.Patches[p].StartSeconds, 1e-12);
            Assert.Equal((p * step + TinyModels.PatchFrames) * SecondsPerFrame, scores.Patches[p].EndSeconds, 1e-12);
            AssertSumsToOne(scores.Patches[p].Probabilities.Span, $"patch {p}");
        }
    }

    [Fact]
    public void A_clip_shorter_than_a_patch_gives_one_patch_ending_at_the_clip_end()
    {
        const int frames = 20;
        using var model = GenreModel.Create(TinyModels.Manifest(11), [TinyModels.Network(11)]);

        var scores = model.Score(Mel(frames));

        var patch = Assert.Single(scores.Patches);
        Assert.Equal(0, patch.StartSeconds);
        Assert.Equal(frames * SecondsPerFrame, patch.EndSeconds, 1e-12);
        Assert.Equal(patch.Probabilities.ToArray(), scores.Probabilities);
    }

    [Fact]
    public void Clip_probabilities_are_the_patch_mean_and_sum_to_one()
    {
        using var model = GenreModel.Create(TinyModels.Manifest(11), [TinyModels.Network(11)]);

        var scores = model.Score(Mel(frames: 250, label: 2));

        AssertSumsToOne(scores.Probabilities.ToArray(), "clip");
        for (var l = 0; l < scores.Labels.Count; l++)
        {
            var mean = scores.Patches.Average(p => (double)p.Probabilities.Span[l]);
            Assert.Equal(mean, scores.Probabilities[l], 1e-6);
        }
        Assert.Equal(scores.Probabilities.ToList().IndexOf(scores.Probabilities.Max()), scores.TopIndex);
        Assert.Equal(SyntheticClips.Labels, scores.Labels);
    }

    [Theory]
    [InlineData(64, SyntheticClips.SampleRate, SyntheticClips.HopLength)]
    [InlineData(SyntheticClips.Mels, 44100, SyntheticClips.HopLength)]
    [InlineData(SyntheticClips.Mels, SyntheticClips.SampleRate, 256)]
    public void Score_refuses_a_spectrogram_computed_with_other_features(int mels, int sampleRate, int hopLength)
    {
        using var model = GenreModel.Create(TinyModels.Manifest(11), [TinyModels.Network(11)]);
        var mel = SyntheticClips.Wrap(new float[mels * 50], mels, 50, sampleRate, hopLength);

        var error = Assert.Throws<ArgumentException>(() => model.Score(mel));

        Assert.Equal("mel", error.ParamName);
        Assert.Contains($"got {mels} mels at {sampleRate} Hz, hop {hopLength}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_refuses_an_empty_spectrogram()
    {
        using var model = GenreModel.Create(TinyModels.Manifest(11), [TinyModels.Network(11)]);

        var error = Assert.Throws<ArgumentException>(() => model.Score(SyntheticClips.Wrap([], SyntheticClips.Mels, 0)));

        Assert.Contains("no frames", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_networks_whose_output_width_is_not_the_label_count()
    {
        using var network = new GenreCnn(TinyModels.Architecture with { LabelCount = 2 });

        Assert.Throws<ArgumentException>(() => GenreModel.Create(TinyModels.Manifest(11), [network]));
        Assert.Throws<ArgumentException>(() => GenreModel.Create(TinyModels.Manifest(11), []));
    }
}
