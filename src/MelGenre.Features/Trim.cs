namespace MelGenre.Features;

/// <summary><c>librosa.effects.trim</c> (0.10.2): where a signal's leading and trailing silence ends.</summary>
public static class Trim
{
    /// <summary>
    /// The non-silent range of <paramref name="samples"/>: frames whose RMS (<see cref="Rms.Compute"/>, centred,
    /// zero-padded) is above <c>-top_db</c> dB relative to <paramref name="reference"/> (null: the loudest frame,
    /// librosa's <c>ref=np.max</c>), converted to samples as <c>[first × hop, min(len, (last + 1) × hop))</c>.
    /// All-silent input gives <c>[0, 0)</c>. Defaults: <c>top_db=60</c>, <c>frame_length=2048</c>, <c>hop_length=512</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A negative <c>top_db</c> or a signal too short to frame.</exception>
    public static SampleRange NonSilentRange(ReadOnlySpan<float> samples, double topDb = 60, DecibelReference? reference = null,
        int frameLength = 2048, int hopLength = 512)
    {
        if (topDb < 0)
            throw new ArgumentException("top_db must be non-negative.", nameof(topDb));
        var rms = Rms.Compute(samples, frameLength, hopLength);
        // amplitude_to_db(rms, ref, top_db=None) > -top_db, as librosa's _signal_to_frame_nonsilent.
        var decibels = new float[rms.Length];
        Decibels.AmplitudeToDb(rms, decibels, reference ?? DecibelReference.Maximum, topDb: null);
        int first = -1, last = -1;
        for (var t = 0; t < decibels.Length; t++)
        {
            if (decibels[t] > -topDb)
            {
                if (first < 0)
                    first = t;
                last = t;
            }
        }
        if (first < 0)
            return new SampleRange(0, 0);
        return new SampleRange(first * hopLength, (int)Math.Min(samples.Length, (long)(last + 1) * hopLength));
    }
}
