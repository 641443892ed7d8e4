namespace MelGenre.Features.Descriptors;

/// <summary>
/// The classic descriptors of one clip as the Kaggle GTZAN table <c>features_30_sec.csv</c> keeps them: the mean and
/// variance over the clip of each librosa feature, plus the tempo. <see cref="ColumnNames"/> and
/// <see cref="ToValues"/> give the 57 values with the table's own column names in its order (after <c>filename</c>
/// and <c>length</c>, without <c>label</c>). Immutable.
/// </summary>
public sealed record MusicFeatureSummary
{
    /// <summary>Number of MFCCs, <c>n_mfcc</c>.</summary>
    public const int MfccCount = 20;

    /// <summary>The 57 value columns of <c>features_30_sec.csv</c>, in its order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "chroma_stft_mean", "chroma_stft_var", "rms_mean", "rms_var",
        "spectral_centroid_mean", "spectral_centroid_var", "spectral_bandwidth_mean", "spectral_bandwidth_var",
        "rolloff_mean", "rolloff_var", "zero_crossing_rate_mean", "zero_crossing_rate_var",
        "harmony_mean", "harmony_var", "perceptr_mean", "perceptr_var", "tempo",
        .. Enumerable.Range(1, MfccCount).SelectMany(i => new[] { $"mfcc{i}_mean", $"mfcc{i}_var" }),
    ];

    /// <summary>The clip's length in samples (the table's <c>length</c>).</summary>
    public required int Length { get; init; }

    /// <summary><c>chroma_stft</c> over all 12 pitch classes and frames (each frame scaled to a maximum of 1).</summary>
    public required MeanVariance ChromaStft { get; init; }

    /// <summary><c>rms</c> per frame.</summary>
    public required MeanVariance Rms { get; init; }

    /// <summary><c>spectral_centroid</c> per frame, Hz.</summary>
    public required MeanVariance SpectralCentroid { get; init; }

    /// <summary><c>spectral_bandwidth</c> per frame, Hz.</summary>
    public required MeanVariance SpectralBandwidth { get; init; }

    /// <summary><c>spectral_rolloff</c> (85 %) per frame, Hz.</summary>
    public required MeanVariance Rolloff { get; init; }

    /// <summary><c>zero_crossing_rate</c> per frame.</summary>
    public required MeanVariance ZeroCrossingRate { get; init; }

    /// <summary>The samples of the harmonic signal of <c>effects.hpss</c> (the table's <c>harmony</c>).</summary>
    public required MeanVariance Harmony { get; init; }

    /// <summary>The samples of the percussive signal of <c>effects.hpss</c> (the table's <c>perceptr</c>).</summary>
    public required MeanVariance Percussive { get; init; }

    /// <summary>The tempo estimate in beats per minute.</summary>
    public required double Tempo { get; init; }

    /// <summary>Each MFCC (1 … 20) per frame.</summary>
    public required IReadOnlyList<MeanVariance> Mfcc { get; init; }

    /// <summary>The 57 values in the order of <see cref="ColumnNames"/>.</summary>
    public double[] ToValues()
    {
        var values = new List<double>(ColumnNames.Count);
        foreach (var pair in new[] { ChromaStft, Rms, SpectralCentroid, SpectralBandwidth, Rolloff, ZeroCrossingRate, Harmony, Percussive })
        {
            values.Add(pair.Mean);
            values.Add(pair.Variance);
        }
        values.Add(Tempo);
        foreach (var pair in Mfcc)
        {
            values.Add(pair.Mean);
            values.Add(pair.Variance);
        }
        return [.. values];
    }
}
