namespace MelGenre.Audio.Decoding.Flac;

/// <summary>
/// Undoes FLAC's linear prediction in place: on entry <c>samples[..order]</c> hold the warm-up samples
/// and <c>samples[order..]</c> the residuals; on return all hold the signal.
/// </summary>
internal static class FlacPrediction
{
    /// <summary>The fixed polynomial predictors of order 0–4.</summary>
    /// <remarks>The history rides in locals: read back from memory, each sample would wait on the store of the last.</remarks>
    public static void RestoreFixed(Span<long> samples, int order)
    {
        if (order == 0 || samples.Length <= order)
            return;
        long a = samples[order - 1]; // Newest.
        long b = order >= 2 ? samples[order - 2] : 0;
        long c = order >= 3 ? samples[order - 3] : 0;
        long d = order == 4 ? samples[0] : 0;
        switch (order)
        {
            case 1:
                for (var i = 1; i < samples.Length; i++)
                    samples[i] = a += samples[i];
                break;
            case 2:
                for (var i = 2; i < samples.Length; i++)
                    (a, b) = (samples[i] += (2 * a) - b, a);
                break;
            case 3:
                for (var i = 3; i < samples.Length; i++)
                    (a, b, c) = (samples[i] += (3 * (a - b)) + c, a, b);
                break;
            case 4:
                for (var i = 4; i < samples.Length; i++)
                    (a, b, c, d) = (samples[i] += (4 * (a + c)) - (6 * b) - d, a, b, c);
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
        var taps = order <= 8 ? 8 : 12;
        if (order > 12 || samples.Length <= taps)
        {
            RestoreLpcAnyOrder(samples, coefficients, shift, order);
            return;
        }
        // Orders up to 12 (all that subset encoders use; 8 at the default preset) run an unrolled
        // kernel of 8 or 12 taps, zero past the order: about twice as fast as the loop. Its first
        // samples would need history before the block, so the loop does them.
        RestoreLpcAnyOrder(samples[..taps], coefficients, shift, order);
        Span<long> padded = stackalloc long[12];
        padded.Clear();
        coefficients.CopyTo(padded);
        if (taps == 8)
            RestoreLpc8(samples, padded, shift);
        else
            RestoreLpc12(samples, padded, shift);
    }

    private static void RestoreLpcAnyOrder(Span<long> samples, ReadOnlySpan<long> coefficients, int shift, int start)
    {
        var order = coefficients.Length;
        for (var i = start; i < samples.Length; i++)
        {
            var history = samples.Slice(i - order, order);
            long sum = 0;
            for (var j = 0; j < history.Length; j++)
                sum += coefficients[order - 1 - j] * history[j];
            samples[i] += sum >> shift;
        }
    }

    private static void RestoreLpc8(Span<long> samples, ReadOnlySpan<long> c, int shift)
    {
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
        // The newest sample stays in a register: through memory it would add a store-forwarding delay
        // to the chain every sample depends on, and its product is added last for the same reason.
        var newest = samples[7];
        for (var i = 8; i < samples.Length; i++)
        {
            var h = samples.Slice(i - 8, 9);
            var older = (c1 * h[6]) + (c2 * h[5]) + (c3 * h[4]) + (c4 * h[3]) + (c5 * h[2]) + (c6 * h[1]) + (c7 * h[0]);
            newest = h[8] + ((older + (c0 * newest)) >> shift);
            h[8] = newest;
        }
    }

    private static void RestoreLpc12(Span<long> samples, ReadOnlySpan<long> c, int shift)
    {
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5];
        long c6 = c[6], c7 = c[7], c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11];
        var newest = samples[11];
        for (var i = 12; i < samples.Length; i++)
        {
            var h = samples.Slice(i - 12, 13);
            var older = (c1 * h[10]) + (c2 * h[9]) + (c3 * h[8]) + (c4 * h[7]) + (c5 * h[6])
                + (c6 * h[5]) + (c7 * h[4]) + (c8 * h[3]) + (c9 * h[2]) + (c10 * h[1]) + (c11 * h[0]);
            newest = h[12] + ((older + (c0 * newest)) >> shift);
            h[12] = newest;
        }
    }
}
