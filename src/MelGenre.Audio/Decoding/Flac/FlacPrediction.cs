namespace MelGenre.Audio.Decoding.Flac;

/// <summary>
/// Undoes FLAC's linear prediction in place: on entry <c>samples[..order]</c> hold the warm-up samples
/// and <c>samples[order..]</c> the residuals; on return all hold the signal.
/// </summary>
internal static class FlacPrediction
{
    /// <summary>The fixed polynomial predictors of order 0–4.</summary>
    public static void RestoreFixed(Span<long> samples, int order)
    {
        switch (order)
        {
            case 1:
                for (var i = 1; i < samples.Length; i++)
                    samples[i] += samples[i - 1];
                break;
            case 2:
                for (var i = 2; i < samples.Length; i++)
                    samples[i] += (2 * samples[i - 1]) - samples[i - 2];
                break;
            case 3:
                for (var i = 3; i < samples.Length; i++)
                    samples[i] += (3 * (samples[i - 1] - samples[i - 2])) + samples[i - 3];
                break;
            case 4:
                for (var i = 4; i < samples.Length; i++)
                    samples[i] += (4 * (samples[i - 1] + samples[i - 3])) - (6 * samples[i - 2]) - samples[i - 4];
                break;
        }
    }

    /// <summary>
    /// The quantized LPC predictor: <c>s[i] += (Σ_j c[j]·s[i-1-j]) >> shift</c> with
    /// <paramref name="coefficients"/> of length order (1–32).
    /// </summary>
    public static void RestoreLpc(Span<long> samples, ReadOnlySpan<long> coefficients, int shift)
    {
        var order = coefficients.Length;
        for (var i = order; i < samples.Length; i++)
        {
            var history = samples.Slice(i - order, order);
            long sum = 0;
            for (var j = 0; j < order; j++)
                sum += coefficients[j] * history[order - 1 - j];
            samples[i] += sum >> shift;
        }
    }
}
