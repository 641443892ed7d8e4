using System.Buffers;

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
        // changes[j]: sign changes between neighbouring samples up to sample j, after small values are zeroed. Edge
        // padding repeats the end samples, which adds no changes, so padded sample i counts as sample clamp(i − pad).
        var pooled = ArrayPool<int>.Shared.Rent(samples.Length);
        var changes = pooled.AsSpan(0, samples.Length);
        changes[0] = 0;
        var previous = samples[0] < -Threshold;
        for (var j = 1; j < samples.Length; j++)
        {
            var negative = samples[j] < -Threshold;
            changes[j] = changes[j - 1] + (negative != previous ? 1 : 0);
            previous = negative;
        }
        var last = samples.Length - 1;
        var rates = new float[1 + (paddedLength - frameLength) / hopLength];
        for (var t = 0; t < rates.Length; t++)
        {
            // Pairs (start, start+1) … (start+L-2, start+L-1) of padded samples.
            var start = t * hopLength - pad;
            var count = changes[Math.Clamp(start + frameLength - 1, 0, last)] - changes[Math.Clamp(start, 0, last)];
            rates[t] = (float)count / frameLength;
        }
        ArrayPool<int>.Shared.Return(pooled);
        return rates;
    }
}
