namespace MelGenre.Features.Descriptors;

/// <summary><c>librosa.feature.zero_crossing_rate</c> (0.10.2).</summary>
public static class ZeroCrossingRate
{
    /// <summary>librosa's <c>zero_crossings</c> threshold: magnitudes up to 1e-10 count as zero (and zero as positive).</summary>
    public const float Threshold = 1e-10f;

    /// <summary>
    /// The fraction of sign changes in each frame of <paramref name="samples"/>: frames of
    /// <paramref name="frameLength"/> (default 2048) every <paramref name="hopLength"/> (default 512) samples, centred with
    /// edge padding (<c>center=True</c>, librosa pads with <c>mode='edge'</c> here), <c>1 + len // hop</c> frames. A frame's
    /// rate counts changes between its <c>frameLength − 1</c> neighbouring pairs and divides by <c>frameLength</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An empty signal or one shorter than a frame when not centred.</exception>
    public static float[] Compute(ReadOnlySpan<float> samples, int frameLength = 2048, int hopLength = 512, bool center = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopLength);
        if (samples.IsEmpty)
            throw new ArgumentException("The zero-crossing rate of an empty signal is undefined.", nameof(samples));
        var pad = center ? frameLength / 2 : 0;
        var paddedLength = samples.Length + 2 * pad;
        if (paddedLength < frameLength)
            throw new ArgumentException($"{samples.Length} samples are too short for frame_length={frameLength}.", nameof(samples));
        // negative[i]: the sign bit of padded sample i after small values are zeroed (edge padding repeats the ends).
        var negative = new bool[paddedLength];
        for (var i = 0; i < paddedLength; i++)
        {
            var x = samples[Math.Clamp(i - pad, 0, samples.Length - 1)];
            negative[i] = x < -Threshold;
        }
        // change[i]: padded samples i-1 and i differ in sign; prefix counts give each frame's total in O(1).
        var prefix = new int[paddedLength + 1];
        for (var i = 1; i < paddedLength; i++)
            prefix[i + 1] = prefix[i] + (negative[i] != negative[i - 1] ? 1 : 0);
        var rates = new float[1 + (paddedLength - frameLength) / hopLength];
        for (var t = 0; t < rates.Length; t++)
        {
            var start = t * hopLength;
            // Pairs (start, start+1) … (start+L-2, start+L-1): changes at indices start+1 … start+L-1.
            var count = prefix[start + frameLength] - prefix[start + 1];
            rates[t] = (float)count / frameLength;
        }
        return rates;
    }
}
