using System.Collections.ObjectModel;

namespace MelGenre.Prediction;

/// <summary>
/// A clip's genre: the probability of every genre (the mean over the clip's patches), the most probable one, and, when
/// asked for, every patch's answer.
/// </summary>
/// <param name="Duration">Length of the decoded audio, in seconds.</param>
/// <param name="Labels">The model's genres, in its output order.</param>
/// <param name="Probabilities">Every genre's probability, enumerated in <paramref name="Labels"/> order; they sum to 1
/// (renormalised in double precision after the float32 network).</param>
/// <param name="Top">The most probable genre (the first in label order on a tie).</param>
/// <param name="Segments">Every patch's answer in time order when <see cref="ClassifyOptions.IncludeSegments"/> was
/// set; empty otherwise.</param>
public sealed record GenrePrediction(
    double Duration,
    IReadOnlyList<string> Labels,
    IReadOnlyDictionary<string, double> Probabilities,
    string Top,
    IReadOnlyList<SegmentPrediction> Segments)
{
    /// <summary>The <paramref name="count"/> most probable genres, most probable first (label order on ties); all of
    /// them when <paramref name="count"/> exceeds the label count.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public IReadOnlyList<GenreProbability> TopGenres(int count) => GenreProbability.Ranked(Probabilities, count);

    /// <summary>A prediction from non-negative scores in label order (probabilities, or sums of them), divided by their
    /// total so that the probabilities sum to 1 in double precision; the top genre is the largest (the first in label
    /// order on a tie).</summary>
    /// <param name="duration">Seconds of audio the scores are about.</param>
    /// <param name="labels">The genres, in the scores' order.</param>
    /// <param name="scores">One non-negative score per label, not all zero.</param>
    /// <param name="segments">The timeline; null: none.</param>
    public static GenrePrediction FromScores(double duration, IReadOnlyList<string> labels, ReadOnlySpan<double> scores,
        IReadOnlyList<SegmentPrediction>? segments = null)
    {
        var probabilities = GenreProbability.Normalised(labels, scores);
        return new GenrePrediction(duration, labels, probabilities, GenreProbability.TopOf(probabilities), segments ?? []);
    }
}

/// <summary>One patch of the clip: where it lies, its most probable genre and every genre's probability.</summary>
/// <param name="Start">Start of the patch, seconds from the clip's start.</param>
/// <param name="End">End of the patch (the clip's end for a clip shorter than one patch), seconds.</param>
/// <param name="Top">The patch's most probable genre.</param>
/// <param name="Probabilities">Every genre's probability for this patch, in label order, summing to 1.</param>
public sealed record SegmentPrediction(double Start, double End, string Top, IReadOnlyDictionary<string, double> Probabilities);

/// <summary>A genre and its probability.</summary>
/// <param name="Genre">The genre's label.</param>
/// <param name="Probability">Its probability, in [0, 1].</param>
public sealed record GenreProbability(string Genre, double Probability)
{
    internal static IReadOnlyList<GenreProbability> Ranked(IReadOnlyDictionary<string, double> probabilities, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // OrderByDescending is stable: ties keep label order.
        return [.. probabilities.OrderByDescending(p => p.Value).Take(count).Select(p => new GenreProbability(p.Key, p.Value))];
    }

    /// <summary>The most probable genre (the first in label order on a tie).</summary>
    internal static string TopOf(IReadOnlyDictionary<string, double> probabilities) => Ranked(probabilities, 1)[0].Genre;

    /// <summary>Scores in label order as probabilities keyed by label, in label order, divided by their total.</summary>
    internal static ReadOnlyDictionary<string, double> Normalised(IReadOnlyList<string> labels, ReadOnlySpan<double> scores)
    {
        double total = 0;
        foreach (var score in scores)
            total += score;
        var ordered = new OrderedDictionary<string, double>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
            ordered.Add(labels[i], scores[i] / total);
        return new ReadOnlyDictionary<string, double>(ordered);
    }
}
