using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>Scores every patch of a clip with one or more networks (the trainer's validation and <see cref="GenreModel"/>).</summary>
internal static class PatchScoring
{
    /// <summary>Largest batch sent to a network at once: bounds memory on long recordings and keeps the CNN's largest
    /// activation (32 × 16 × 64 × 65 floats, 8.5 MB) under the 32 MB that TorchRuntime keeps off mmap.</summary>
    private const int MaxBatch = 32;

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
        var bufferPatches = Math.Min(count, MaxBatch);
        var buffer = new float[bufferPatches * size];
        using var noGrad = no_grad();
        for (var first = 0; first < count; first += MaxBatch)
        {
            var batch = Math.Min(MaxBatch, count - first);
            for (var p = 0; p < batch; p++)
                segmenter.CopyPatch(mel, (first + p) * segmenter.HopFrames, buffer.AsSpan(p * size, size));
            using var scope = NewDisposeScope();
            var input = tensor(buffer, [bufferPatches, 1, mel.MelCount, segmenter.PatchFrames]).narrow(0, 0, batch);
            var sum = zeros(batch, labelCount);
            foreach (var network in networks)
                sum.add_(nn.functional.softmax(network.Logits(input), 1));
            var target = probabilities.AsSpan(first * labelCount, batch * labelCount);
            sum.data<float>().CopyTo(target);
            foreach (ref var value in target)
                value /= networks.Count;
        }
        return probabilities;
    }
}
