using MelGenre.Model.Checkpoints;
using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using MelGenre.Model.Training;

namespace MelGenre.Model.Tests.Embeddings;

public class EmbeddingHeadTrainerTests
{
    private static readonly string[] Labels = ["quiet", "loud"];

    /// <summary>A backbone identity that names no real file: the trainer only records it.</summary>
    private static readonly EmbeddingHeadOptions Head = new()
    {
        LabelCount = 2,
        Backbone = new BackboneIdentity("test-backbone", "0.0.0", new string('0', 64)),
    };

    /// <summary>
    /// Clips of <paramref name="rows"/> synthetic 512-wide embeddings: non-negative noise (like the backbone's ReLU
    /// output) whose first 32 features are raised by 1.5 for the "loud" clips, a separable but not trivial signal.
    /// </summary>
    private static ClipEmbedding[] Clips(int perClass, int rows, int seed)
    {
        var random = new Random(seed);
        var clips = new List<ClipEmbedding>();
        for (var label = 0; label < 2; label++)
        {
            for (var c = 0; c < perClass; c++)
            {
                var values = new float[rows * EmbeddingHead.InputWidth];
                for (var i = 0; i < values.Length; i++)
                {
                    var feature = i % EmbeddingHead.InputWidth;
                    values[i] = (float)Math.Abs(random.NextDouble() * 2) + (label == 1 && feature < 32 ? 1.5f : 0f);
                }
                var id = $"{Labels[label]}.{seed:D3}{c:D3}";
                clips.Add(new ClipEmbedding(new LabeledClip($"/synthetic/{id}.wav", $"{Labels[label]}/{id}.wav", id, Labels[label], label),
                    values, EmbeddingHead.InputWidth));
            }
        }
        return [.. clips];
    }

    private static TrainingOptions Options(int epochs) => TrainingOptions.ForEmbeddingHead with { Epochs = epochs, BatchSize = 16, Patience = null };

    [Fact]
    public void A_head_on_embeddings_separating_two_classes_gets_every_held_out_clip_right()
    {
        var trainer = new EmbeddingHeadTrainer(Options(epochs: 15), Head, new Segmenter());

        var result = trainer.Train(Labels, Clips(perClass: 8, rows: 4, seed: 1), Clips(perClass: 6, rows: 4, seed: 2),
            cancellationToken: TestContext.Current.CancellationToken);
        using var network = result.Network;

        var last = result.History[^1];
        Assert.Equal(15, result.History.Count);
        Assert.True(last.TrainAccuracy == 1, $"training patch accuracy {last.TrainAccuracy} after 15 epochs, expected 1");
        Assert.True(last.Validation is { Accuracy: 1, BalancedAccuracy: 1 },
            $"validation after 15 epochs: {last.Validation}; expected all 12 held-out clips right");
        Assert.True(last.Validation!.Loss < 0.1, $"validation loss {last.Validation.Loss} ≥ 0.1 on separable clips");
        Assert.IsType<EmbeddingHead>(network);
        Assert.Equal(ModelArchitecture.ResNet18MlpKind, result.Architecture.Kind);
        Assert.Null(result.Architecture.Cnn);
        Assert.Equal(Head with { LabelCount = 2 }, result.Architecture.EmbeddingHead);
        Assert.Equal((Segmenter.DefaultPatchFrames, Segmenter.DefaultPatchFrames), (result.PatchFrames, result.HopFrames));
    }

    [Fact]
    public void The_same_seed_gives_the_same_head_and_another_seed_a_different_one()
    {
        var clips = Clips(perClass: 3, rows: 2, seed: 3);
        float[] Weights(int seed)
        {
            var result = new EmbeddingHeadTrainer(Options(epochs: 2) with { Seed = seed }, Head, new Segmenter()).Train(Labels, clips, cancellationToken: TestContext.Current.CancellationToken);
            using var network = result.Network;
            return [.. network.parameters().SelectMany(p => p.data<float>().ToArray())];
        }

        var first = Weights(7);
        var again = Weights(7);
        var other = Weights(8);

        Assert.True(first.AsSpan().SequenceEqual(again), "two trainings with seed 7 gave different weights");
        Assert.False(first.AsSpan().SequenceEqual(other), "seeds 7 and 8 gave identical weights");
    }

    [Fact]
    public void The_head_standardises_with_the_training_rows_mean_and_deviation_saved_as_buffers()
    {
        var clips = Clips(perClass: 2, rows: 3, seed: 4);
        var result = new EmbeddingHeadTrainer(Options(epochs: 1), Head, new Segmenter()).Train(Labels, clips, cancellationToken: TestContext.Current.CancellationToken);
        using var network = result.Network;

        var buffers = network.named_buffers().ToDictionary(b => b.name, b => b.buffer.data<float>().ToArray());
        var rows = clips.SelectMany(c => Enumerable.Range(0, c.Count).Select(r => c.Row(r).ToArray())).ToArray();
        var mean0 = rows.Average(r => r[0]);
        var deviation0 = Math.Sqrt(rows.Average(r => (r[0] - mean0) * (r[0] - mean0)));
        Assert.Equal(2, buffers.Count);
        var (mean, deviation) = (buffers.Single(b => b.Key.Contains("mean")).Value, buffers.Single(b => b.Key.Contains("deviation")).Value);
        Assert.True(Math.Abs(mean[0] - mean0) < 1e-5, $"feature 0: buffer mean {mean[0]}, rows' mean {mean0}");
        Assert.True(Math.Abs(deviation[0] - deviation0) < 1e-5, $"feature 0: buffer deviation {deviation[0]}, rows' population deviation {deviation0}");
    }
}
