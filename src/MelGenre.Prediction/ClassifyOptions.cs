namespace MelGenre.Prediction;

/// <summary>How <see cref="Classifier"/> scores a clip and how hosts present the answer. Defaults: the model's own hop
/// between patches, no per-segment answers, three top genres listed.</summary>
public sealed record ClassifyOptions
{
    /// <summary>The defaults.</summary>
    public static ClassifyOptions Default { get; } = new();

    /// <summary>Seconds between the starts of the patches scored (rounded to whole frames, at least one frame); a hop
    /// shorter than a patch makes patches overlap. Default null: the model manifest's hop.</summary>
    public double? HopSeconds { get; init; }

    /// <summary>Whether <see cref="GenrePrediction.Segments"/> lists every patch's answer. Default false.</summary>
    public bool IncludeSegments { get; init; }

    /// <summary>How many of the most probable genres a listing shows (the CLI's table). Default 3; at least 1.</summary>
    public int Top { get; init; } = 3;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="HopSeconds"/> is not a positive finite number, or
    /// <see cref="Top"/> is below 1.</exception>
    public void Validate()
    {
        if (HopSeconds is { } hop && !(hop > 0 && double.IsFinite(hop)))
            throw new ArgumentOutOfRangeException(nameof(HopSeconds), hop, "The hop must be a positive number of seconds.");
        ArgumentOutOfRangeException.ThrowIfLessThan(Top, 1, nameof(Top));
    }
}
