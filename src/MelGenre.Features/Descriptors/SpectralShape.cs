using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// The spectral shape descriptors of <c>librosa.feature</c> (0.10.2) for one frame of a magnitude spectrum
/// (<c>|stft|</c>, <c>1 + n_fft/2</c> bins, bin <c>k</c> at <c>k × binHz</c> Hz, <c>binHz = sr / n_fft</c>).
/// Silent frames (all zero) give 0 for each, as librosa does.
/// </summary>
public static class SpectralShape
{
    /// <summary>librosa's <c>roll_percent</c> default: 0.85.</summary>
    public const double DefaultRollPercent = 0.85;

    /// <summary>
    /// <c>spectral_centroid</c>: <c>Σ f_k · S_k / Σ S_k</c>, the magnitude-weighted mean frequency in Hz.
    /// </summary>
    public static double Centroid(ReadOnlySpan<float> magnitude, double binHz) =>
        CentroidAndBandwidth(magnitude, binHz).Centroid;

    /// <summary>
    /// <c>spectral_centroid</c> and <c>spectral_bandwidth(p=2, norm=True)</c> of one frame in one pass over the sums:
    /// bandwidth <c>= (Σ S_k/ΣS · (f_k − centroid)²)^½</c> in Hz.
    /// </summary>
    public static SpectralSpread CentroidAndBandwidth(ReadOnlySpan<float> magnitude, double binHz)
    {
        var (total, first) = Moments(magnitude);
        // librosa's normalize leaves a frame whose sum is below float32's smallest normal unscaled (all ~0).
        if (total < Tiny.Single)
            return default;
        var centroid = first * binHz / total;
        return new(centroid, Math.Sqrt(SecondMoment(magnitude, binHz, centroid) / total));
    }

    // (Σ S_k, Σ k · S_k) in float64, eight bins at a time (the order differs from numpy's by float64 rounding only).
    private static (double Total, double First) Moments(ReadOnlySpan<float> magnitude)
    {
        double total = 0, first = 0;
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(magnitude);
            var index = Vector256.Create(0.0, 1, 2, 3);
            var four = Vector256.Create(4.0);
            var eight = Vector256.Create(8.0);
            Vector256<double> sums = Vector256<double>.Zero, weighted = Vector256<double>.Zero;
            for (; k + Vector256<float>.Count <= magnitude.Length; k += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)k));
                sums += lower + upper;
                weighted += index * lower + (index + four) * upper;
                index += eight;
            }
            total = Vector256.Sum(sums);
            first = Vector256.Sum(weighted);
        }
        for (; k < magnitude.Length; k++)
        {
            total += magnitude[k];
            first += k * (double)magnitude[k];
        }
        return (total, first);
    }

    // Σ S_k · (k · binHz − centroid)² in float64, eight bins at a time.
    private static double SecondMoment(ReadOnlySpan<float> magnitude, double binHz, double centroid)
    {
        var second = 0.0;
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(magnitude);
            var index = Vector256.Create(0.0, 1, 2, 3);
            var four = Vector256.Create(4.0);
            var eight = Vector256.Create(8.0);
            var hz = Vector256.Create(binHz);
            var center = Vector256.Create(centroid);
            var sums = Vector256<double>.Zero;
            for (; k + Vector256<float>.Count <= magnitude.Length; k += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)k));
                var low = index * hz - center;
                var high = (index + four) * hz - center;
                sums += lower * low * low + upper * high * high;
                index += eight;
            }
            second = Vector256.Sum(sums);
        }
        for (; k < magnitude.Length; k++)
        {
            var deviation = k * binHz - centroid;
            second += magnitude[k] * deviation * deviation;
        }
        return second;
    }

    /// <summary>
    /// <c>spectral_rolloff(roll_percent)</c>: the frequency of the first bin where the float32 running sum of the
    /// magnitudes reaches <paramref name="rollPercent"/> (default 0.85) of the frame's total (float32, as librosa's
    /// <c>np.cumsum</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A percentage outside (0, 1).</exception>
    public static double Rolloff(ReadOnlySpan<float> magnitude, double binHz, double rollPercent = DefaultRollPercent)
    {
        if (rollPercent is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(rollPercent), rollPercent, "roll_percent must lie strictly between 0 and 1.");
        var total = 0f;
        foreach (var m in magnitude)
            total += m;
        var threshold = (float)rollPercent * total;
        var running = 0f;
        for (var k = 0; k < magnitude.Length; k++)
        {
            running += magnitude[k];
            if (running >= threshold)
                return k * binHz;
        }
        return 0;
    }
}

/// <summary>A frame's spectral centroid and bandwidth, both in Hz.</summary>
/// <param name="Centroid">The magnitude-weighted mean frequency.</param>
/// <param name="Bandwidth">The magnitude-weighted standard deviation of frequency around <paramref name="Centroid"/>.</param>
public readonly record struct SpectralSpread(double Centroid, double Bandwidth);
