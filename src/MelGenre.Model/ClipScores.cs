using MelGenre.Features.Mel;
using MelGenre.Model.Data;

namespace MelGenre.Model;

/// <summary>A clip's genre probabilities from <see cref="GenreModel.Score"/>: per patch, and their mean.</summary>
public sealed class ClipScores
{
    private readonly float[] _patchProbabilities;

    internal ClipScores(IReadOnlyList<string> labels, MelSpectrogram mel, Segmenter segmenter, float[] patchProbabilities)
    {
        Labels = labels;
        _patchProbabilities = patchProbabilities;
        var count = patchProbabilities.Length / labels.Count;
        var secondsPerFrame = (double)mel.HopLength / mel.SampleRate;
        var patches = new PatchScore[count];
        var mean = new double[labels.Count];
        for (var p = 0; p < count; p++)
        {
            var start = p * segmenter.HopFrames;
            var end = Math.Min(start + segmenter.PatchFrames, mel.FrameCount);
            patches[p] = new PatchScore(start * secondsPerFrame, end * secondsPerFrame,
                new ReadOnlyMemory<float>(patchProbabilities, p * labels.Count, labels.Count));
            for (var l = 0; l < labels.Count; l++)
                mean[l] += patchProbabilities[p * labels.Count + l];
        }
        Patches = patches;
        Probabilities = mean.Select(v => (float)(v / count)).ToArray();
    }

    /// <summary>Genres, in the order of every probability vector here.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The clip's probabilities: the mean over its patches; they sum to 1 (to float rounding).</summary>
    public IReadOnlyList<float> Probabilities { get; }

    /// <summary>Index in <see cref="Labels"/> of the most probable genre.</summary>
    public int TopIndex => Top(Probabilities);

    /// <summary>Every patch scored, in time order.</summary>
    public IReadOnlyList<PatchScore> Patches { get; }

    internal static int Top(IReadOnlyList<float> probabilities)
    {
        var best = 0;
        for (var i = 1; i < probabilities.Count; i++)
            if (probabilities[i] > probabilities[best])
                best = i;
        return best;
    }
}

/// <summary>One patch's probabilities and where it lies in the clip, in seconds.</summary>
public sealed record PatchScore(double StartSeconds, double EndSeconds, ReadOnlyMemory<float> Probabilities);
