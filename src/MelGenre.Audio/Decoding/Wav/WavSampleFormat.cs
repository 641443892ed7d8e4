using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MelGenre.Audio.Decoding.Wav;

/// <summary>How one sample of a WAV <c>data</c> chunk is stored.</summary>
internal enum WavSampleFormat
{
    /// <summary>8-bit unsigned PCM, silence at 128.</summary>
    UInt8,
    /// <summary>16-bit signed little-endian PCM.</summary>
    Int16,
    /// <summary>24-bit signed little-endian PCM (3 bytes).</summary>
    Int24,
    /// <summary>32-bit signed little-endian PCM.</summary>
    Int32,
    /// <summary>IEEE 754 binary32.</summary>
    Float32,
    /// <summary>IEEE 754 binary64.</summary>
    Float64,
}

/// <summary>
/// Bulk conversion of stored samples to float32, with libsndfile's scaling (what <c>soundfile.read(dtype='float32')</c>
/// and so librosa return): u8 → (x − 128)/128, int16 → x/2¹⁵, int24 → x/2²³, int32 → float32(x)/2³¹, float64 → float32.
/// Integer widths up to 24 bits convert exactly; int32 and float64 round to nearest, as a C cast does.
/// </summary>
/// <remarks>Reads little-endian data in place, so it assumes a little-endian host (every .NET 10 platform).</remarks>
internal static class WavSampleConversion
{
    /// <summary>Bytes one stored sample takes.</summary>
    public static int BytesPerSample(WavSampleFormat format) => format switch
    {
        WavSampleFormat.UInt8 => 1,
        WavSampleFormat.Int16 => 2,
        WavSampleFormat.Int24 => 3,
        WavSampleFormat.Int32 or WavSampleFormat.Float32 => 4,
        WavSampleFormat.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Converts every sample in <paramref name="source"/> into the front of <paramref name="destination"/>.</summary>
    public static void ToFloat(WavSampleFormat format, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (format)
        {
            case WavSampleFormat.UInt8: FromUInt8(source, destination); break;
            case WavSampleFormat.Int16: FromInt16(MemoryMarshal.Cast<byte, short>(source), destination); break;
            case WavSampleFormat.Int24: FromInt24(source, destination); break;
            case WavSampleFormat.Int32: FromInt32(MemoryMarshal.Cast<byte, int>(source), destination); break;
            case WavSampleFormat.Float32: MemoryMarshal.Cast<byte, float>(source).CopyTo(destination); break;
            case WavSampleFormat.Float64: FromFloat64(MemoryMarshal.Cast<byte, double>(source), destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    private static void FromUInt8(ReadOnlySpan<byte> source, Span<float> destination)
    {
        const float scale = 1f / 128;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var offset = new Vector<int>(128);
            var vectorScale = new Vector<float>(scale);
            var width = Vector<int>.Count;
            for (; i <= source.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out var low, out var high);
                Vector.Widen(low, out var q0, out var q1);
                Vector.Widen(high, out var q2, out var q3);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q0) - offset) * vectorScale).CopyTo(destination[i..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q1) - offset) * vectorScale).CopyTo(destination[(i + width)..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q2) - offset) * vectorScale).CopyTo(destination[(i + 2 * width)..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q3) - offset) * vectorScale).CopyTo(destination[(i + 3 * width)..]);
            }
        }
        for (; i < source.Length; i++)
            destination[i] = (source[i] - 128) * scale;
    }

    private static void FromInt16(ReadOnlySpan<short> source, Span<float> destination)
    {
        const float scale = 1f / 32768;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectorScale = new Vector<float>(scale);
            for (; i <= source.Length - Vector<short>.Count; i += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(source[i..]), out var low, out var high);
                (Vector.ConvertToSingle(low) * vectorScale).CopyTo(destination[i..]);
                (Vector.ConvertToSingle(high) * vectorScale).CopyTo(destination[(i + Vector<int>.Count)..]);
            }
        }
        for (; i < source.Length; i++)
            destination[i] = source[i] * scale;
    }

    private static void FromInt24(ReadOnlySpan<byte> source, Span<float> destination)
    {
        // Each sample moved to the top of an int, then scaled by 2^-31: libsndfile's own route, exact for 24 bits.
        const float scale = 1f / 2147483648f;
        var count = source.Length / 3;
        ref var first = ref MemoryMarshal.GetReference(source);
        var i = 0;
        // A 4-byte unaligned load per sample is safe while one more byte follows the sample.
        for (; i < count - 1; i++)
            destination[i] = (Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref first, 3 * i)) << 8) * scale;
        for (; i < count; i++)
            destination[i] = (source[3 * i] << 8 | source[3 * i + 1] << 16 | source[3 * i + 2] << 24) * scale;
    }

    private static void FromInt32(ReadOnlySpan<int> source, Span<float> destination)
    {
        const float scale = 1f / 2147483648f;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectorScale = new Vector<float>(scale);
            for (; i <= source.Length - Vector<int>.Count; i += Vector<int>.Count)
                (Vector.ConvertToSingle(new Vector<int>(source[i..])) * vectorScale).CopyTo(destination[i..]);
        }
        for (; i < source.Length; i++)
            destination[i] = source[i] * scale;
    }

    private static void FromFloat64(ReadOnlySpan<double> source, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            for (; i <= source.Length - 2 * width; i += 2 * width)
                Vector.Narrow(new Vector<double>(source[i..]), new Vector<double>(source[(i + width)..])).CopyTo(destination[i..]);
        }
        for (; i < source.Length; i++)
            destination[i] = (float)source[i];
    }
}
