namespace MelGenre.Prediction.Pipeline;

/// <summary>
/// Patch answers in, the recording's answer out: the mean over every patch, and the timeline of segments. Without a
/// segment length every patch is a segment; with one, segment <c>k</c> covers frames <c>[k·S, (k+1)·S)</c> and
/// averages the patches that start in it (the last segment ends at the recording's end). Not thread-safe.
/// </summary>
internal sealed class Timeline
{
    private readonly IReadOnlyList<string> _labels;
    private readonly double _secondsPerFrame;
    private readonly int? _segmentFrames;
    private readonly bool _keepSegments;
    private readonly double[] _sum;
    private readonly double[] _segmentSum;
    private readonly List<SegmentPrediction> _segments = [];
    private long _patchCount;
    private long _segmentIndex = -1;
    private int _segmentPatches;

    /// <param name="labels">The model's genres, in output order.</param>
    /// <param name="secondsPerFrame">Hop length over sample rate.</param>
    /// <param name="segmentFrames">Frames per timeline segment; null: one segment per patch.</param>
    /// <param name="keepSegments">Whether to build the timeline at all.</param>
    public Timeline(IReadOnlyList<string> labels, double secondsPerFrame, int? segmentFrames, bool keepSegments)
    {
        _labels = labels;
        _secondsPerFrame = secondsPerFrame;
        _segmentFrames = segmentFrames;
        _keepSegments = keepSegments;
        _sum = new double[labels.Count];
        _segmentSum = new double[labels.Count];
    }

    /// <summary>Adds the next patch's probabilities (patches in time order).</summary>
    public void Add(PatchPlacement patch, ReadOnlySpan<float> probabilities)
    {
        for (var l = 0; l < _sum.Length; l++)
            _sum[l] += probabilities[l];
        _patchCount++;
        if (!_keepSegments)
            return;
        if (_segmentFrames is not { } length)
        {
            var end = patch.StartFrame + patch.CoveredFrames;
            _segments.Add(Segment(patch.StartFrame * _secondsPerFrame, end * _secondsPerFrame, ToDoubles(probabilities)));
            return;
        }
        var index = patch.StartFrame / length;
        if (index != _segmentIndex)
        {
            CloseSegment((_segmentIndex + 1) * length * _secondsPerFrame);
            _segmentIndex = index;
        }
        for (var l = 0; l < _segmentSum.Length; l++)
            _segmentSum[l] += probabilities[l];
        _segmentPatches++;
    }

    /// <summary>The recording's prediction.</summary>
    /// <param name="duration">Seconds of decoded audio.</param>
    /// <exception cref="InvalidOperationException">No patch was added.</exception>
    public GenrePrediction Finish(double duration)
    {
        if (_patchCount == 0)
            throw new InvalidOperationException("No patch was scored.");
        if (_keepSegments && _segmentFrames is not null)
            CloseSegment(duration);
        return GenrePrediction.FromScores(duration, _labels, _sum, _segments.ToArray());
    }

    /// <summary>Adds the segment being summed (if it holds a patch), ending at <paramref name="endSeconds"/>.</summary>
    private void CloseSegment(double endSeconds)
    {
        if (_segmentPatches == 0)
            return;
        _segments.Add(Segment(_segmentIndex * _segmentFrames!.Value * _secondsPerFrame, endSeconds, _segmentSum));
        Array.Clear(_segmentSum);
        _segmentPatches = 0;
    }

    private SegmentPrediction Segment(double startSeconds, double endSeconds, double[] sums)
    {
        var probabilities = GenreProbability.Normalised(_labels, sums);
        return new SegmentPrediction(startSeconds, endSeconds, GenreProbability.TopOf(probabilities), probabilities);
    }

    private static double[] ToDoubles(ReadOnlySpan<float> values)
    {
        var doubles = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            doubles[i] = values[i];
        return doubles;
    }
}
