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
}
