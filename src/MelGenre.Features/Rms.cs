using System.Buffers;
using MelGenre.Features.Transforms;

namespace MelGenre.Features;

/// <summary><c>librosa.feature.rms(y=…)</c> (0.10.2): root-mean-square energy of each frame of the samples.</summary>
public static class Rms
{
    /// <summary>
    /// The RMS of each frame of <paramref name="samples"/>. Defaults as librosa: <c>frame_length=2048</c>,
    /// <c>hop_length=512</c>, <c>center=True</c> with <paramref name="padMode"/> <c>'constant'</c> (zeros), giving
    /// <c>1 + len // hop</c> frames. Accumulates in float64.
    /// </summary>
    /// <exception cref="ArgumentException">A signal shorter than one frame after padding.</exception>
    public static float[] Compute(ReadOnlySpan<float> samples, int frameLength = 2048, int hopLength = 512,
        bool center = true, PadMode padMode = PadMode.Constant)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopLength);
        var pad = center ? frameLength / 2 : 0;
        var paddedLength = samples.Length + 2 * pad;
        if (paddedLength < frameLength)
            throw new ArgumentException($"{samples.Length} samples are too short for frame_length={frameLength}.", nameof(samples));
        // A pooled copy: a fresh multi-megabyte array per clip costs more in GC than the sums.
        var pooled = ArrayPool<float>.Shared.Rent(paddedLength);
        var padded = pooled.AsSpan(0, paddedLength);
        NumpyPad.Pad(samples, pad, pad, padMode, padded);
        var rms = new float[1 + (paddedLength - frameLength) / hopLength];
        for (var t = 0; t < rms.Length; t++)
            rms[t] = (float)Math.Sqrt(Descriptors.MeanVariance.SquaredDeviations(padded.Slice(t * hopLength, frameLength), 0.0) / frameLength);
        ArrayPool<float>.Shared.Return(pooled);
        return rms;
    }
}
