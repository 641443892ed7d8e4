using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// The polyphase synthesis filterbank of one channel (ISO 11172-3 annex A.2, figure A.2): 32 subband samples in,
/// 32 PCM samples out. The 64×32 matrixing <c>V[i] = Σk cos((16 + i)(2k + 1)π/64)·S[k]</c> is a 32-point DCT-II
/// <c>A</c> read with symmetries (V[0..15] = A[16..31], V[16] = 0, V[17..48] = −A[31..0], V[49..63] = −A[1..15]),
/// computed with Lee's fast recursive DCT on all 18 slots of a granule at once (one slot per SIMD lane); the
/// 512-tap window then runs over the last 16 V vectors with SIMD.
/// </summary>
internal sealed class SynthesisFilterbank
{
    /// <summary>D[0..256] of the standard's synthesis window (table 3-B.3), which are multiples of 2^−16.</summary>
    private static ReadOnlySpan<int> HalfWindow =>
    [
        0, -1, -1, -1, -1, -1, -1, -2, -2, -2, -2, -3, -3, -4, -4, -5, -5, -6, -7, -7, -8, -9, -10, -11, -13, -14, -16, -17, -19, -21, -24, -26,
        -29, -31, -35, -38, -41, -45, -49, -53, -58, -63, -68, -73, -79, -85, -91, -97, -104, -111, -117, -125, -132, -139, -147, -154, -161, -169, -176, -183, -190, -196, -202, -208,
        213, 218, 222, 225, 227, 228, 228, 227, 224, 221, 215, 208, 200, 189, 177, 163, 146, 127, 106, 83, 57, 29, -2, -36, -72, -111, -153, -197, -244, -294, -347, -401,
        -459, -519, -581, -645, -711, -779, -848, -919, -991, -1064, -1137, -1210, -1283, -1356, -1428, -1498, -1567, -1634, -1698, -1759, -1817, -1870, -1919, -1962, -2001, -2032, -2057, -2075, -2085, -2087, -2080, -2063,
        2037, 2000, 1952, 1893, 1822, 1739, 1644, 1535, 1414, 1280, 1131, 970, 794, 605, 402, 185, -45, -288, -545, -814, -1095, -1388, -1692, -2006, -2330, -2663, -3004, -3351, -3705, -4063, -4425, -4788,
        -5153, -5517, -5879, -6237, -6589, -6935, -7271, -7597, -7910, -8209, -8491, -8755, -8998, -9219, -9416, -9585, -9727, -9838, -9916, -9959, -9966, -9935, -9863, -9750, -9592, -9389, -9139, -8840, -8492, -8092, -7640, -7134,
        6574, 5959, 5288, 4561, 3776, 2935, 2037, 1082, 70, -998, -2122, -3300, -4533, -5818, -7154, -8540, -9975, -11455, -12980, -14548, -16155, -17799, -19478, -21189, -22929, -24694, -26482, -28289, -30112, -31947, -33791, -35640,
        -37489, -39336, -41176, -43006, -44821, -46617, -48390, -50137, -51853, -53534, -55178, -56778, -58333, -59838, -61289, -62684, -64019, -65290, -66494, -67629, -68692, -69679, -70590, -71420, -72169, -72835, -73415, -73908, -74313, -74630, -74856, -74992,
        75038,
    ];

    /// <summary>The 512-tap window D; the second half mirrors the first, negated except at multiples of 64.</summary>
    private static readonly float[] WindowTaps = BuildWindow();

    /// <summary>Lee's factors 1 / (2 cos(π(2k + 1) / 2N)) for N = 32, 16, 8, 4, 2, one block per size.</summary>
    private static readonly float[] LeeFactors = BuildLeeFactors();

    /// <summary>The last 16 V vectors, newest at <see cref="_newest"/>, older ones at increasing slots (mod 16).</summary>
    private readonly float[] _v = new float[16 * 64];
    private int _newest;

    /// <summary>Time slots per granule.</summary>
    private const int Slots = 18;

    /// <summary>Slots rounded up to whole vectors: the DCT runs on all slots of a granule at once, one per lane.</summary>
    private static readonly int PaddedSlots = (Slots + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    /// <summary>The DCT outputs of a granule, [coefficient · PaddedSlots + slot].</summary>
    private readonly float[] _dct = new float[32 * PaddedSlots];
    private readonly Vector<float>[] _scratch = new Vector<float>[32];

    /// <summary>
    /// Turns one granule of subband samples (<paramref name="subbands"/>[subband · 18 + slot]) into 18 × 32 PCM
    /// samples, written to <paramref name="pcm"/>[(slot · 32 + j) · <paramref name="stride"/>].
    /// </summary>
    public void SynthesizeGranule(ReadOnlySpan<float> subbands, Span<float> pcm, int stride)
    {
        var lanes = Vector<float>.Count;
        var dct = _dct.AsSpan();
        for (var sb = 0; sb < 32; sb++)
            subbands.Slice(sb * Slots, Slots).CopyTo(dct.Slice(sb * PaddedSlots, Slots));
        Span<Vector<float>> x = stackalloc Vector<float>[32];
        for (var group = 0; group < PaddedSlots; group += lanes)
        {
            for (var k = 0; k < 32; k++)
                x[k] = new Vector<float>(dct.Slice(k * PaddedSlots + group, lanes));
            Dct(x, _scratch, LeeFactors);
            for (var k = 0; k < 32; k++)
                x[k].CopyTo(dct.Slice(k * PaddedSlots + group, lanes));
        }
        Span<float> samples = stackalloc float[32];
        for (var slot = 0; slot < Slots; slot++)
        {
            Window(dct[slot..], samples);
            for (var j = 0; j < 32; j++)
                pcm[(slot * 32 + j) * stride] = samples[j];
        }
    }

    /// <summary>Builds the slot's V vector from its DCT outputs (<paramref name="a"/>[k · PaddedSlots]) and windows the last 16.</summary>
    private void Window(ReadOnlySpan<float> a, Span<float> pcm)
    {
        _newest = (_newest - 1) & 15;
        var v = _v.AsSpan(_newest * 64, 64);
        for (var i = 0; i < 16; i++)
            v[i] = a[(16 + i) * PaddedSlots];
        v[16] = 0;
        for (var i = 17; i <= 48; i++)
            v[i] = -a[(48 - i) * PaddedSlots];
        for (var i = 49; i < 64; i++)
            v[i] = -a[(i - 48) * PaddedSlots];

        // pcm[j] = Σi V(t−2i)[j]·D[64i + j] + V(t−2i−1)[32 + j]·D[64i + 32 + j].
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(pcm[..32]);
        var perRow = 64 / Vector<float>.Count;
        var perHalf = perRow / 2;
        // Plain refs: the ring-buffer row arithmetic defeats bounds-check elimination in this hot loop.
        ref var window = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<float, Vector<float>>(WindowTaps));
        ref var all = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<float, Vector<float>>(_v));
        for (var j = 0; j < perHalf; j++)
        {
            var sum = Vector<float>.Zero;
            for (var i = 0; i < 8; i++)
            {
                var even = ((_newest + 2 * i) & 15) * perRow;
                var odd = ((_newest + 2 * i + 1) & 15) * perRow + perHalf;
                var w = i * perRow;
                sum += Unsafe.Add(ref all, even + j) * Unsafe.Add(ref window, w + j)
                    + Unsafe.Add(ref all, odd + j) * Unsafe.Add(ref window, w + perHalf + j);
            }
            vectors[j] = sum;
        }
    }

    /// <summary>
    /// In-place DCT-II <c>A[j] = Σk x[k] cos(π(2k + 1)j / 2N)</c>, one independent transform per vector lane, by
    /// Lee's recursion: the even outputs are the half-size DCT of the sums <c>x[k] + x[N−1−k]</c>, the odd ones
    /// adjacent pairs of the half-size DCT of the differences scaled by 1 / (2 cos(π(2k + 1) / 2N)).
    /// </summary>
    private static void Dct(Span<Vector<float>> x, Span<Vector<float>> scratch, ReadOnlySpan<float> factors)
    {
        var n = x.Length;
        if (n == 1)
            return;
        var half = n / 2;
        var sums = scratch[..half];
        var differences = scratch[half..n];
        for (var k = 0; k < half; k++)
        {
            var lo = x[k];
            var hi = x[n - 1 - k];
            sums[k] = lo + hi;
            differences[k] = (lo - hi) * factors[k];
        }
        Dct(sums, x[..half], factors[half..]);
        Dct(differences, x[half..], factors[half..]);
        for (var m = 0; m < half; m++)
            x[2 * m] = sums[m];
        for (var m = 0; m < half - 1; m++)
            x[2 * m + 1] = differences[m] + differences[m + 1];
        x[n - 1] = differences[half - 1];
    }

    private static float[] BuildWindow()
    {
        var window = new float[512];
        var half = HalfWindow;
        for (var i = 0; i <= 256; i++)
            window[i] = half[i] / 65536f;
        for (var i = 1; i < 256; i++)
            window[512 - i] = i % 64 == 0 ? window[i] : -window[i];
        return window;
    }

    private static float[] BuildLeeFactors()
    {
        var factors = new List<float>();
        for (var n = 32; n >= 2; n /= 2)
            for (var k = 0; k < n / 2; k++)
                factors.Add((float)(0.5 / Math.Cos(Math.PI * (2 * k + 1) / (2 * n))));
        return [.. factors];
    }
}
