using MelGenre.Features.Transforms;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// The choices behind <see cref="MusicFeatures"/> that differ between librosa versions or calls. The defaults are
/// librosa 0.10.2's with <c>feature.rhythm.tempo(y)</c>; <see cref="KaggleGtzan"/> reproduces the Kaggle GTZAN table
/// <c>features_30_sec.csv</c> (computed with librosa ≤ 0.9, tempo from <c>beat.beat_track</c>).
/// </summary>
public sealed record MusicFeatureOptions
{
    /// <summary>librosa 0.10.2: zero padding, full-length HPSS signals, mean-aggregated onsets.</summary>
    public static MusicFeatureOptions Librosa010 { get; } = new();

    /// <summary>What the Kaggle table was computed with: reflect padding, truncated HPSS signals, <c>beat_track</c>'s tempo.</summary>
    public static MusicFeatureOptions KaggleGtzan { get; } = new()
    {
        PadMode = PadMode.Reflect,
        TruncatedHpss = true,
        OnsetAggregate = OnsetAggregate.Median,
    };

    /// <summary>
    /// How centred frames are padded at the ends of the clip for the STFT-based features and <c>rms</c> (the
    /// zero-crossing rate always repeats the edge samples). Default <see cref="PadMode.Constant"/> (librosa ≥ 0.10);
    /// librosa ≤ 0.9 used <see cref="PadMode.Reflect"/>.
    /// </summary>
    public PadMode PadMode { get; init; } = PadMode.Constant;

    /// <summary>
    /// Whether the harmonic and percussive signals end after <c>hop · (frames − 1)</c> samples and are zero-filled to
    /// the clip's length, as librosa ≤ 0.9's <c>effects.hpss</c> made them (it called <c>istft</c> without
    /// <c>length</c>, then <c>fix_length</c>). Default false (librosa ≥ 0.10 inverts the whole length).
    /// </summary>
    public bool TruncatedHpss { get; init; }

    /// <summary>
    /// How the onset envelope behind the tempo pools mel bands. Default <see cref="OnsetAggregate.Mean"/>
    /// (<c>feature.rhythm.tempo(y)</c>); <see cref="OnsetAggregate.Median"/> is <c>beat.beat_track(y)</c>'s tempo.
    /// </summary>
    public OnsetAggregate OnsetAggregate { get; init; } = OnsetAggregate.Mean;
}
