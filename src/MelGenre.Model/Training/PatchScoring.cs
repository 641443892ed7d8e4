using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>Scores a clip with a network: every patch's softmax, and their mean as the clip's answer.</summary>
internal static class PatchScoring
{
    /// <summary>Largest batch sent to the network at once, to bound memory on long clips.</summary>
    private const int MaxBatch = 64;

    /// <summary>Mean of the patch probabilities of <paramref name="mel"/>, cut by <paramref name="segmenter"/>.</summary>
    public static float[] MeanProbabilities(GenreCnn network, Segmenter segmenter, MelSpectrogram mel)
    {
        var starts = ClipPatches.EvaluationStarts(segmenter, mel.FrameCount);
        var labelCount = network.Options.LabelCount;
        var mean = new float[labelCount];
        using var noGrad = no_grad();
        for (var first = 0; first < starts.Length; first += MaxBatch)
        {
            using var scope = NewDisposeScope();
            var batch = starts.Skip(first).Take(MaxBatch).Select(s => (mel, s)).ToArray();
            var probabilities = nn.functional.softmax(network.forward(ClipPatches.Batch(segmenter, batch)), 1)
                .sum(dim: 0).data<float>().ToArray();
            for (var l = 0; l < labelCount; l++)
                mean[l] += probabilities[l] / starts.Length;
        }
        return mean;
    }

    /// <summary>Index of the largest value (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best])
                best = i;
        return best;
    }
}
