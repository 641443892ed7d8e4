using System.Numerics;
using System.Runtime.InteropServices;

namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// The polyphase synthesis filterbank of one channel (ISO 11172-3 annex A.2, figure A.2): 32 subband samples in,
/// 32 PCM samples out. The 64×32 matrixing <c>V[i] = Σk cos((16 + i)(2k + 1)π/64)·S[k]</c> is a 32-point DCT-II
/// <c>A</c> read with symmetries (V[0..15] = A[16..31], V[16] = 0, V[17..48] = −A[31..0], V[49..63] = −A[1..15]),
/// computed with Lee's fast recursive DCT; the 512-tap window then runs over the last 16 V vectors with SIMD.
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
    private static readonly float[] Window = BuildWindow();

    /// <summary>Lee's factors 1 / (2 cos(π(2k + 1) / 2N)) for N = 32, 16, 8, 4, 2, one block per size.</summary>
    private static readonly float[] LeeFactors = BuildLeeFactors();

    /// <summary>The last 16 V vectors, newest at <see cref="_newest"/>, older ones at increasing slots (mod 16).</summary>
    private readonly float[] _v = new float[16 * 64];
    private int _newest;

    /// <summary>Turns 32 subband samples (one time slot) into 32 PCM samples.</summary>
    public void Synthesize(ReadOnlySpan<float> subbands, Span<float> pcm)
    {
        Span<float> a = stackalloc float[32];
        Span<float> scratch = stackalloc float[32];
        subbands[..32].CopyTo(a);
        Dct(a, scratch, LeeFactors);

        _newest = (_newest - 1) & 15;
        var v = _v.AsSpan(_newest * 64, 64);
        for (var i = 0; i < 16; i++)
            v[i] = a[16 + i];
        v[16] = 0;
        for (var i = 17; i <= 48; i++)
            v[i] = -a[48 - i];
        for (var i = 49; i < 64; i++)
            v[i] = -a[i - 48];

        // pcm[j] = Σi V(t−2i)[j]·D[64i + j] + V(t−2i−1)[32 + j]·D[64i + 32 + j].
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(pcm[..32]);
        vectors.Clear();
        var window = MemoryMarshal.Cast<float, Vector<float>>(Window);
        var all = MemoryMarshal.Cast<float, Vector<float>>(_v);
        var perRow = 64 / Vector<float>.Count;
        var perHalf = perRow / 2;
        for (var i = 0; i < 8; i++)
        {
            var even = ((_newest + 2 * i) & 15) * perRow;
            var odd = ((_newest + 2 * i + 1) & 15) * perRow + perHalf;
            var w = i * perRow;
            for (var j = 0; j < perHalf; j++)
                vectors[j] += all[even + j] * window[w + j] + all[odd + j] * window[w + perHalf + j];
        }
    }

    /// <summary>
    /// In-place DCT-II <c>A[j] = Σk x[k] cos(π(2k + 1)j / 2N)</c> by Lee's recursion: the even outputs are the
    /// half-size DCT of the sums <c>x[k] + x[N−1−k]</c>, the odd ones adjacent pairs of the half-size DCT of the
    /// differences scaled by 1 / (2 cos(π(2k + 1) / 2N)).
    /// </summary>
    private static void Dct(Span<float> x, Span<float> scratch, ReadOnlySpan<float> factors)
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
