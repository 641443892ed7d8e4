using System.Text.Json.Nodes;
using MelGenre.Features.Mel;
using MelGenre.Model.Checkpoints;
using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using MelGenre.Model.Tests.Data;
using MelGenre.Model.Training;
using static TorchSharp.torch;

namespace MelGenre.Model.Tests.Embeddings;

/// <summary>resnet18-mlp models through <see cref="GenreModel"/>: kept small, since every patch costs a backbone forward
/// pass (~50–100 ms).</summary>
public class ResNet18ModelTests
{
    private static readonly string[] Labels = ["low", "high"];
    private const int Frames = 2 * Segmenter.DefaultPatchFrames;

    /// <summary>A 128-mel, two-patch dB spectrogram: seeded noise in −80 … −40 dB, with the low or high half of the bands
    /// raised to −20 … 0 dB.</summary>
    private static MelSpectrogram Mel(bool high, int seed)
    {
        var random = new Random(seed);
        var values = new float[128 * Frames];
        for (var m = 0; m < 128; m++)
            for (var f = 0; f < Frames; f++)
                values[m * Frames + f] = (m >= 64) == high ? -20f * (float)random.NextDouble() : -40f - 40f * (float)random.NextDouble();
        return new MelSpectrogram(values, 128, Frames, 22050, 512, 0, 11025, isDecibels: true);
    }

    private static ClipFeatures Clip(int label, int seed) =>
        new(new LabeledClip($"/synthetic/{Labels[label]}{seed}.wav", $"{Labels[label]}/{seed}.wav", $"{Labels[label]}.{seed}", Labels[label], label),
            Mel(high: label == 1, seed));

    [Fact]
    public void A_saved_resnet18_model_loads_with_its_architecture_and_gives_identical_probabilities()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.BackbonePath);
        ClipFeatures[] clips = [Clip(0, 1), Clip(1, 2)];
        var layout = new Segmenter();
        ClipEmbedding[] embeddings;
        using (var embedder = MelEmbedder.LoadPretrained())
            embeddings = [.. clips.Select(c => new ClipEmbedding(c.Clip, embedder.Embed(layout.Cut(c.Mel, c.Clip.ClipId, c.Clip.LabelIndex)), 512))];
        var head = new EmbeddingHeadOptions { LabelCount = 2, Backbone = BackboneIdentity.InstalledResNet18() };
        var result = new EmbeddingHeadTrainer(TrainingOptions.ForEmbeddingHead with { Epochs = 2, BatchSize = 2 }, head, layout)
            .Train(Labels, embeddings, cancellationToken: TestContext.Current.CancellationToken);
        using var folder = new DataTree();

        float[][] before, direct;
        using (var model = GenreModel.FromTraining("tiny-resnet18", Labels, new LogMelOptions(), [result]))
        {
            before = [.. clips.Select(c => model.Score(c.Mel).Probabilities.ToArray())];
            model.Save(folder.Root);
            direct = [.. embeddings.Select(e => HeadProbabilities((EmbeddingHead)result.Network, e))];
        }
        using var loaded = GenreModel.Load(folder.Root);
        float[][] after = [.. clips.Select(c => loaded.Score(c.Mel).Probabilities.ToArray())];

        for (var c = 0; c < clips.Length; c++)
        {
            Assert.True(before[c].AsSpan().SequenceEqual(after[c]),
                $"clip {c}: [{string.Join(", ", before[c])}] before saving, [{string.Join(", ", after[c])}] after loading");
            var diff = before[c].Zip(direct[c], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(diff <= 1e-4, $"clip {c}: the model's probabilities differ by {diff} > 1e-4 from the head on the cached embeddings");
        }
        var architecture = loaded.Manifest.Architecture;
        Assert.Equal(ModelArchitecture.ResNet18MlpKind, architecture.Kind);
        Assert.Null(architecture.Cnn);
        Assert.Equal(head with { LabelCount = 2 }, architecture.EmbeddingHead);
        Assert.Equal(Segmenter.DefaultPatchFrames, loaded.Manifest.HopFrames);
        var weights = new FileInfo(Path.Combine(folder.Root, loaded.Manifest.Members[0].File));
        Assert.True(weights.Length < 1_000_000, $"the weights file is {weights.Length} bytes: it should hold the head only (≈ 0.3 MB), not the backbone");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Root, GenreModel.ManifestFileName)))!;
        Assert.Null(json["architecture"]!["cnn"]);
    }

    [Fact]
    public void A_manifest_naming_another_backbone_file_is_refused_as_missing_backbone()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.BackbonePath);
        using var folder = new DataTree();
        var options = new EmbeddingHeadOptions { LabelCount = 2, Backbone = BackboneIdentity.InstalledResNet18() };
        var manifest = new ModelManifest
        {
            Name = "wrong-backbone",
            Labels = Labels,
            Features = new LogMelOptions(),
            PatchFrames = Segmenter.DefaultPatchFrames,
            HopFrames = Segmenter.DefaultPatchFrames,
            Architecture = ModelArchitecture.ForResNet18Mlp(options),
            Members = [],
        };
        var embedder = MelEmbedder.LoadPretrained();
        using (embedder)
        using (var model = GenreModel.Create(manifest, [new EmbeddingHeadNetwork(embedder, new EmbeddingHead(options))]))
            model.Save(folder.Root);
        var path = Path.Combine(folder.Root, GenreModel.ManifestFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var wrong = new string('a', 64);
        json["architecture"]!["embeddingHead"]!["backbone"]!["sha256"] = wrong;
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<ModelLoadException>(() => GenreModel.Load(folder.Root));

        Assert.Equal(ModelLoadErrorKind.MissingBackbone, error.Kind);
        Assert.Contains(wrong, error.Reason);
        Assert.Contains(ResNet18OnnxFiles.BackboneSha256(), error.Reason);
    }

    /// <summary>The head alone on a clip's cached embeddings: the mean of its rows' softmax.</summary>
    private static float[] HeadProbabilities(EmbeddingHead head, ClipEmbedding clip)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = head.forward(tensor(clip.Values, [clip.Count, clip.Width]));
        return nn.functional.softmax(logits, 1).mean([0]).data<float>().ToArray();
    }
}
