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
        var padded = new float[samples.Length + 2 * pad];
        NumpyPad.Pad(samples, pad, pad, padMode, padded);
        if (padded.Length < frameLength)
            throw new ArgumentException($"{samples.Length} samples are too short for frame_length={frameLength}.", nameof(samples));
        var rms = new float[1 + (padded.Length - frameLength) / hopLength];
        for (var t = 0; t < rms.Length; t++)
        {
            var frame = padded.AsSpan(t * hopLength, frameLength);
            var sum = 0.0;
            foreach (var x in frame)
                sum += (double)x * x;
            rms[t] = (float)Math.Sqrt(sum / frameLength);
        }
        return rms;
    }
}
