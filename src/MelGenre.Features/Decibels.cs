using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MelGenre.Features;

/// <summary>
/// Decibel conversion as <c>librosa.power_to_db</c> / <c>amplitude_to_db</c> (0.10.2), in float32 like librosa on
/// float32 input: <c>10·log10(max(amin, S)) − 10·log10(max(amin, ref))</c>, then floored at <c>max − top_db</c>.
/// </summary>
/// <remarks>
/// An all-zero input with <c>ref=max</c> gives ≈ 0 dB everywhere (librosa float32: −7.63e-6 dB; this code
/// 0 to −1e-5 dB depending on rounding of log10(float32(1e-10))).
/// </remarks>
public static class Decibels
{
    /// <summary>librosa's <c>amin</c> for power: 1e-10.</summary>
    public const double DefaultPowerAmin = 1e-10;

    /// <summary>librosa's <c>amin</c> for amplitude: 1e-5.</summary>
    public const double DefaultAmplitudeAmin = 1e-5;

    /// <summary>librosa's <c>top_db</c>: 80 dB.</summary>
    public const double DefaultTopDb = 80.0;

    // 10·log10(x) = 10·log10(2) · log2(x)
    private const float TenLog10Of2 = 3.0102999566398120f;

    /// <summary>
    /// <c>power_to_db(S, ref, amin, top_db)</c> of <paramref name="power"/> into <paramref name="destination"/>
    /// (same length; may be the same memory). Defaults: <c>ref</c> null = 1.0, <c>amin</c> 1e-10, <c>top_db</c> 80
    /// (null: no floor).
    /// </summary>
    /// <exception cref="ArgumentException">Different lengths, a non-positive <c>amin</c> or a negative <c>top_db</c>.</exception>
    public static void PowerToDb(ReadOnlySpan<float> power, Span<float> destination, DecibelReference? reference = null,
        double amin = DefaultPowerAmin, double? topDb = DefaultTopDb)
    {
        CheckPowerArguments(power, destination, amin, topDb);
        if (power.IsEmpty)
            return;
        var referenceValue = (reference ?? DecibelReference.One).Resolve(power);
        ConvertPower(power, destination, referenceValue, amin, topDb, Max(power));
    }

    /// <summary>
    /// <c>power_to_db(S, ref=referencePower, amin, top_db)</c> of <paramref name="power"/>, a part of a larger array
    /// <c>S</c> whose largest value is <paramref name="maximumPower"/>, into <paramref name="destination"/> (same length;
    /// may be the same memory): the <c>top_db</c> floor is <c>10·log10(max(amin, maximumPower)) −
    /// 10·log10(max(amin, |referencePower|)) − top_db</c>, as for the whole array. Converting each part of <c>S</c> this
    /// way gives the same values as converting <c>S</c> at once (bit for bit when both run on lengths that are
    /// multiples of 8, where the same vector arithmetic applies). Defaults: <c>amin</c> 1e-10, <c>top_db</c> 80
    /// (null: no floor). For <c>ref=np.max</c> over <c>S</c>, pass its maximum as both powers.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Different lengths, a non-positive <c>amin</c>, a negative <c>top_db</c>, or a value of <paramref name="power"/>
    /// larger than <paramref name="maximumPower"/>.
    /// </exception>
    public static void PowerToDb(ReadOnlySpan<float> power, Span<float> destination, float referencePower, float maximumPower,
        double amin = DefaultPowerAmin, double? topDb = DefaultTopDb)
    {
        CheckPowerArguments(power, destination, amin, topDb);
        if (power.IsEmpty)
            return;
        var max = Max(power);
        if (max > maximumPower)
            throw new ArgumentException($"The input holds {max}, more than the stated maximum {maximumPower}.", nameof(maximumPower));
        ConvertPower(power, destination, Math.Abs(referencePower), amin, topDb, maximumPower);
    }

    /// <summary>
    /// <c>amplitude_to_db(S, ref, amin, top_db)</c> = <c>power_to_db(S², ref², amin², top_db)</c> of
    /// <paramref name="amplitude"/> into <paramref name="destination"/> (same length; may be the same memory).
    /// Defaults: <c>ref</c> null = 1.0, <c>amin</c> 1e-5, <c>top_db</c> 80 (null: no floor).
    /// </summary>
    /// <exception cref="ArgumentException">Different lengths, a non-positive <c>amin</c> or a negative <c>top_db</c>.</exception>
    public static void AmplitudeToDb(ReadOnlySpan<float> amplitude, Span<float> destination, DecibelReference? reference = null,
        double amin = DefaultAmplitudeAmin, double? topDb = DefaultTopDb)
    {
        if (destination.Length != amplitude.Length)
            throw new ArgumentException($"Destination holds {destination.Length} values, input {amplitude.Length}.", nameof(destination));
        if (amplitude.IsEmpty)
            return;
        var maxMagnitude = 0f;
        for (var i = 0; i < amplitude.Length; i++)
        {
            var magnitude = MathF.Abs(amplitude[i]);
            destination[i] = magnitude * magnitude;
            maxMagnitude = MathF.Max(maxMagnitude, magnitude);
        }
        var chosen = reference ?? DecibelReference.One;
        var resolved = chosen.IsMaximum ? maxMagnitude : Math.Abs(chosen.Value);
        // librosa squares the float32 reference in float32.
        var referencePower = (float)resolved * (float)resolved;
        PowerToDb(destination, destination, DecibelReference.Fixed(referencePower), amin * amin, topDb);
    }

    private static void CheckPowerArguments(ReadOnlySpan<float> power, Span<float> destination, double amin, double? topDb)
    {
        if (destination.Length != power.Length)
            throw new ArgumentException($"Destination holds {destination.Length} values, input {power.Length}.", nameof(destination));
        if (amin <= 0)
            throw new ArgumentException("amin must be strictly positive.", nameof(amin));
        if (topDb < 0)
            throw new ArgumentException("top_db must be non-negative.", nameof(topDb));
    }

    /// <summary>The largest value (NaN-free input assumed).</summary>
    /// <exception cref="ArgumentException">An empty input.</exception>
    internal static float Max(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
            throw new ArgumentException("The maximum of an empty input is undefined.", nameof(values));
        var i = 0;
        var max = values[0];
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            ref var v0 = ref MemoryMarshal.GetReference(values);
            var best = Vector256.LoadUnsafe(ref v0);
            for (i = Vector256<float>.Count; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
                best = Vector256.Max(best, Vector256.LoadUnsafe(ref v0, (nuint)i));
            for (var lane = 0; lane < Vector256<float>.Count; lane++)
                max = MathF.Max(max, best[lane]);
        }
        for (; i < values.Length; i++)
            max = MathF.Max(max, values[i]);
        return max;
    }

    /// <summary>The dB conversion proper, given the reference power and the input's maximum (which fixes the floor).</summary>
    internal static void ConvertPower(ReadOnlySpan<float> power, Span<float> destination, double referencePower, double amin,
        double? topDb, float maxPower)
    {
        var floorAmin = (float)amin;
        var offset = (float)(10.0 * Math.Log10(Math.Max(amin, referencePower)));
        // log is monotonic, so the largest dB value is the dB of the largest power.
        var floor = topDb is { } top ? ToDb(maxPower, floorAmin, offset) - (float)top : float.NegativeInfinity;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var p0 = ref MemoryMarshal.GetReference(power);
            ref var d0 = ref MemoryMarshal.GetReference(destination);
            var aminV = Vector256.Create(floorAmin);
            var scale = Vector256.Create(TenLog10Of2);
            var offsetV = Vector256.Create(offset);
            var floorV = Vector256.Create(floor);
            for (; i + Vector256<float>.Count <= power.Length; i += Vector256<float>.Count)
            {
                var x = Vector256.Max(Vector256.LoadUnsafe(ref p0, (nuint)i), aminV);
                var db = Vector256.Log2(x) * scale - offsetV;
                Vector256.Max(db, floorV).StoreUnsafe(ref d0, (nuint)i);
            }
        }
        for (; i < power.Length; i++)
            destination[i] = MathF.Max(ToDb(power[i], floorAmin, offset), floor);
    }

    private static float ToDb(float power, float amin, float offset) => MathF.Log2(MathF.Max(power, amin)) * TenLog10Of2 - offset;
}
