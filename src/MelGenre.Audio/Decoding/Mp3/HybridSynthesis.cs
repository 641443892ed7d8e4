using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// The IMDCT and overlap-add of one channel (ISO 11172-3 2.4.3.4.10): each of the 32 subbands of 18 frequency
/// lines becomes 18 time samples. The 36-point IMDCT is computed as an 18-point DCT-IV (half the work; the 36
/// outputs are its values with signs, <c>x[i] = z[i + 9]</c>, <c>−z[26 − i]</c>, <c>−z[i − 27]</c>), done as a
/// SIMD matrix product; the three 12-point IMDCTs of a short block likewise from 6-point DCT-IVs.
/// </summary>
internal sealed class HybridSynthesis
{
    private const int Lines = 18;
    private static readonly int Stride = (Lines + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    /// <summary>Row k holds cos(π/18 (n + ½)(k + ½)) for n = 0..17, padded to whole vectors.</summary>
    private static readonly float[] DctIv18 = BuildDctIv(Lines, Stride);
    private static readonly float[] DctIv6 = BuildDctIv(6, 6);

    /// <summary>The 36-sample windows of block types 0 (normal), 1 (start) and 3 (stop); type 2 uses <see cref="ShortWindow"/>.</summary>
    private static readonly float[][] LongWindows = [LongWindow(0), LongWindow(1), [], LongWindow(3)];
    private static readonly float[] ShortWindow = BuildShortWindow();

    /// <summary>The second halves of last granule's IMDCT outputs, [subband·18 + t].</summary>
    private readonly float[] _overlap = new float[576];

    /// <summary>
    /// Turns <paramref name="spectrum"/> (576 lines, subband-major, short blocks already reordered) into
    /// <paramref name="time"/> (576 samples, [subband·18 + t]), with frequency inversion applied. Subbands from
    /// <paramref name="subbandLimit"/> on are zero and only release their overlap.
    /// </summary>
    public void Transform(ReadOnlySpan<float> spectrum, Span<float> time, int blockType, bool mixed, int subbandLimit)
    {
        Span<float> z = stackalloc float[Stride];
        Span<float> block = stackalloc float[36];
        for (var sb = 0; sb < 32; sb++)
        {
            var input = spectrum.Slice(sb * Lines, Lines);
            var output = time.Slice(sb * Lines, Lines);
            var overlap = _overlap.AsSpan(sb * Lines, Lines);
            if (sb >= subbandLimit)
            {
                overlap.CopyTo(output);
                overlap.Clear();
            }
            else
            {
                var type = mixed && sb < 2 ? 0 : blockType;
                if (type == 2)
                    ShortBlock(input, block);
                else
                    LongBlock(input, z, block, LongWindows[type]);
                for (var i = 0; i < Lines; i++)
                {
                    output[i] = block[i] + overlap[i];
                    overlap[i] = block[Lines + i];
                }
            }
            if ((sb & 1) != 0)
                for (var i = 1; i < Lines; i += 2)
                    output[i] = -output[i];
        }
    }

    private static void LongBlock(ReadOnlySpan<float> input, Span<float> z, Span<float> block, float[] window)
    {
        var sum = MemoryMarshal.Cast<float, Vector<float>>(z);
        sum.Clear();
        var perRow = sum.Length;
        // The hot loop of the decoder: plain refs, since the row arithmetic defeats bounds-check elimination.
        ref var rows = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<float, Vector<float>>(DctIv18));
        ref var accumulator = ref MemoryMarshal.GetReference(sum);
        for (var k = 0; k < Lines; k++)
        {
            var x = input[k];
            if (x == 0)
                continue;
            var coefficient = new Vector<float>(x);
            ref var row = ref Unsafe.Add(ref rows, k * perRow);
            for (var v = 0; v < perRow; v++)
                Unsafe.Add(ref accumulator, v) += coefficient * Unsafe.Add(ref row, v);
        }
        for (var i = 0; i < 9; i++)
            block[i] = z[i + 9] * window[i];
        for (var i = 9; i < 27; i++)
            block[i] = -z[26 - i] * window[i];
        for (var i = 27; i < 36; i++)
            block[i] = -z[i - 27] * window[i];
    }

    /// <summary>Three 12-point IMDCTs on the interleaved lines <c>input[3k + w]</c>, windowed and placed at 6 + 6w.</summary>
    private static void ShortBlock(ReadOnlySpan<float> input, Span<float> block)
    {
        block.Clear();
        Span<float> z = stackalloc float[6];
        for (var w = 0; w < 3; w++)
        {
            for (var n = 0; n < 6; n++)
            {
                var sum = 0f;
                for (var k = 0; k < 6; k++)
                    sum += input[3 * k + w] * DctIv6[k * 6 + n];
                z[n] = sum;
            }
            var at = 6 + 6 * w;
            for (var i = 0; i < 3; i++)
                block[at + i] += z[i + 3] * ShortWindow[i];
            for (var i = 3; i < 9; i++)
                block[at + i] -= z[8 - i] * ShortWindow[i];
            for (var i = 9; i < 12; i++)
                block[at + i] -= z[i - 9] * ShortWindow[i];
        }
    }

    private static float[] BuildDctIv(int n, int stride)
    {
        var table = new float[n * stride];
        for (var k = 0; k < n; k++)
            for (var i = 0; i < n; i++)
                table[k * stride + i] = (float)Math.Cos(Math.PI / n * (i + 0.5) * (k + 0.5));
        return table;
    }

    private static float[] LongWindow(int blockType)
    {
        var window = new float[36];
        for (var i = 0; i < 36; i++)
            window[i] = (float)Math.Sin(Math.PI / 36 * (i + 0.5));
        if (blockType == 1)
            for (var i = 18; i < 36; i++)
                window[i] = i < 24 ? 1 : i < 30 ? (float)Math.Sin(Math.PI / 12 * (i - 18 + 0.5)) : 0;
        else if (blockType == 3)
            for (var i = 0; i < 18; i++)
                window[i] = i < 6 ? 0 : i < 12 ? (float)Math.Sin(Math.PI / 12 * (i - 6 + 0.5)) : 1;
        return window;
    }

    private static float[] BuildShortWindow()
    {
        var window = new float[12];
        for (var i = 0; i < 12; i++)
            window[i] = (float)Math.Sin(Math.PI / 12 * (i + 0.5));
        return window;
    }
}
