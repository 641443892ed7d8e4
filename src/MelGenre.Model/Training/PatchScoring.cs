using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>Scores patches with one or more networks (the trainer's validation and <see cref="GenreModel"/>).</summary>
internal static class PatchScoring
{
    /// <summary>Largest batch sent to a network at once. It bounds the activations a forward pass holds (the CNN's
    /// largest, 16 × 32 × 64 × 65 floats, is 8.5 MB), which glibc keeps for reuse after they are freed; the CNN scores
    /// a patch as fast in batches of 8, 16 or 32 (1.8–2.0 ms per patch on one thread), so the smaller batch costs
    /// nothing.</summary>
    public const int MaxBatch = 16;

    /// <summary>The alpha of <c>add_</c>, owned here: the implicit one TorchSharp makes per call is left to the finalizer,
    /// which can free it while libtorch still reads it (it crashed a benchmark: "Exception raised from toFloat").</summary>
    private static readonly Scalar One = 1.ToScalar();

    /// <summary>
    /// Softmax probabilities of every patch <paramref name="segmenter"/> cuts from <paramref name="mel"/>, averaged
    /// over <paramref name="networks"/>: row-major (patch, label). The networks' weights must be in eval mode.
    /// </summary>
    public static float[] PatchProbabilities(IReadOnlyList<IPatchNetwork> networks, Segmenter segmenter, MelSpectrogram mel)
    {
        var count = segmenter.PatchCount(mel.FrameCount);
        var labelCount = networks[0].LabelCount;
        var probabilities = new float[count * labelCount];
        var size = mel.MelCount * segmenter.PatchFrames;
        var buffer = new float[Math.Min(count, MaxBatch) * size];
        for (var first = 0; first < count; first += MaxBatch)
        {
            var batch = Math.Min(MaxBatch, count - first);
            for (var p = 0; p < batch; p++)
                segmenter.CopyPatch(mel, (first + p) * segmenter.HopFrames, buffer.AsSpan(p * size, size));
            ScoreBatch(networks, buffer, batch, mel.MelCount, segmenter.PatchFrames, probabilities.AsSpan(first * labelCount, batch * labelCount));
        }
        return probabilities;
    }

    /// <summary>
    /// Softmax probabilities of the first <paramref name="count"/> patches in <paramref name="patches"/> (each
    /// <c>[mel][frame]</c>, <paramref name="melCount"/> × <paramref name="patchFrames"/> values, one after the other),
    /// averaged over <paramref name="networks"/>, into <paramref name="target"/>: row-major (patch, label).
    /// </summary>
    public static void ScoreBatch(IReadOnlyList<IPatchNetwork> networks, float[] patches, int count, int melCount, int patchFrames, Span<float> target)
    {
        var size = melCount * patchFrames;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(patches, [patches.Length / size, 1, melCount, patchFrames]).narrow(0, 0, count);
        var sum = zeros(count, networks[0].LabelCount);
        foreach (var network in networks)
            sum.add_(nn.functional.softmax(network.Logits(input), 1), One);
        sum.data<float>().CopyTo(target);
        foreach (ref var value in target)
            value /= networks.Count;
    }
}
