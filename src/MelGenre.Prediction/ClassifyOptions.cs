namespace MelGenre.Prediction;

/// <summary>How <see cref="Classifier"/> scores a recording and how hosts present the answer. Defaults: the model's own
/// hop between patches, no timeline, three top genres listed, no length limit.</summary>
public sealed record ClassifyOptions
{
    /// <summary>The defaults.</summary>
    public static ClassifyOptions Default { get; } = new();

    /// <summary>Seconds between the starts of the patches scored (rounded to whole frames, at least one frame); a hop
    /// shorter than a patch makes patches overlap. Default null: the model manifest's hop
    /// (<see cref="Classifier.DefaultHopSeconds"/>).</summary>
    public double? HopSeconds { get; init; }

    /// <summary>Length of the timeline's segments in seconds: segment <c>k</c> covers <c>[k·S, (k+1)·S)</c> and
    /// averages the patches that start in it; at least one hop. Default null: every patch is a segment.</summary>
    public double? SegmentSeconds { get; init; }

    /// <summary>Whether <see cref="GenrePrediction.Segments"/> holds the timeline. Default false.</summary>
    public bool IncludeSegments { get; init; }

    /// <summary>How many of the most probable genres a listing shows (the CLI's table). Default 3; at least 1.</summary>
    public int Top { get; init; } = 3;

    /// <summary>Longest audio accepted: decoding stops with <see cref="Audio.AudioErrorKind.TooLong"/> as soon as it is
    /// passed (a web server's guard). Default null: no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="HopSeconds"/> or <see cref="SegmentSeconds"/> is not a
    /// positive finite number, <see cref="Top"/> is below 1, or <see cref="MaxDuration"/> is not positive.</exception>
    public void Validate()
    {
        CheckSeconds(HopSeconds, nameof(HopSeconds));
        CheckSeconds(SegmentSeconds, nameof(SegmentSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(Top, 1, nameof(Top));
        if (MaxDuration is { } limit)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(MaxDuration));
    }

    private static void CheckSeconds(double? seconds, string name)
    {
        if (seconds is { } value && !(value > 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(name, value, "Must be a positive number of seconds.");
    }
}
