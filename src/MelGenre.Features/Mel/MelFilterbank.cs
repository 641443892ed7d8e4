using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MelGenre.Features.Mel;

/// <summary>
/// The mel filterbank of <c>librosa.filters.mel</c> (0.10.2): <see cref="MelCount"/> triangular bands over
/// <see cref="BinCount"/> FFT bins, weights computed in float64 and stored as float32 exactly as librosa casts
/// them. Stored sparse: each band keeps only its non-zero run of bins, so applying it costs about two
/// multiply-adds per FFT bin. Immutable and thread-safe.
/// </summary>
public sealed class MelFilterbank
{
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly int[] _offsets;
    private readonly float[] _weights;

    private MelFilterbank(MelFilterbankOptions options, double[] bandEdges, int[] starts, int[] lengths, float[] weights)
    {
        Options = options;
        BandEdges = bandEdges;
        _starts = starts;
        _lengths = lengths;
        _weights = weights;
        _offsets = new int[starts.Length];
        for (var m = 1; m < starts.Length; m++)
            _offsets[m] = _offsets[m - 1] + lengths[m - 1];
    }

    /// <summary>The parameters the bank was built from.</summary>
    public MelFilterbankOptions Options { get; }

    /// <summary>Number of bands (rows).</summary>
    public int MelCount => _starts.Length;

    /// <summary>Number of FFT bins (columns), <c>1 + n_fft / 2</c>.</summary>
    public int BinCount => Options.FftSize / 2 + 1;

    /// <summary>The <c>n_mels + 2</c> band edges in Hz (<c>mel_frequencies</c>): band <c>m</c> rises from edge <c>m</c>, peaks at <c>m + 1</c>, ends at <c>m + 2</c>.</summary>
    public IReadOnlyList<double> BandEdges { get; }

    /// <summary>
    /// Builds the bank for <paramref name="options"/> (null: librosa's defaults at 22050 Hz, n_fft 2048).
    /// Bands that fall between FFT bins are left empty, as librosa leaves them (it warns).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive sizes or rates, or negative frequencies.</exception>
    public static MelFilterbank Create(MelFilterbankOptions? options = null)
    {
        options ??= new MelFilterbankOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.FftSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MelCount);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MinFrequency);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EffectiveMaxFrequency);

        var melCount = options.MelCount;
        var bins = MelScale.FftFrequencies(options.SampleRate, options.FftSize);
        var edges = MelScale.MelFrequencies(melCount + 2, options.MinFrequency, options.EffectiveMaxFrequency, options.Htk);
        var starts = new int[melCount];
        var lengths = new int[melCount];
        var weights = new List<float>(2 * bins.Length);
        for (var m = 0; m < melCount; m++)
        {
            double lowerWidth = edges[m + 1] - edges[m], upperWidth = edges[m + 2] - edges[m + 1];
            var norm = options.SlaneyNormalize ? 2.0 / (edges[m + 2] - edges[m]) : 1.0;
            var first = -1;
            var offset = weights.Count;
            for (var k = 0; k < bins.Length; k++)
            {
                // librosa: max(0, min(-ramps[m] / fdiff[m], ramps[m+2] / fdiff[m+1])) with ramps = edges - bins.
                var lower = -(edges[m] - bins[k]) / lowerWidth;
                var upper = (edges[m + 2] - bins[k]) / upperWidth;
                var triangle = Math.Max(0.0, Math.Min(lower, upper));
                // Stored as float32 first, then scaled by the float64 norm and rounded again (numpy's in-place *=).
                var weight = (float)((float)triangle * norm);
                if (weight == 0f)
                {
                    if (first >= 0)
                        break;
                    continue;
                }
                if (first < 0)
                    first = k;
                weights.Add(weight);
            }
            starts[m] = Math.Max(first, 0);
            lengths[m] = weights.Count - offset;
        }
        return new MelFilterbank(options, edges, starts, lengths, [.. weights]);
    }

    /// <summary>The first FFT bin with a non-zero weight in band <paramref name="mel"/>.</summary>
    public int BandStart(int mel) => _starts[mel];

    /// <summary>The non-zero weights of band <paramref name="mel"/>, for bins <c>BandStart(mel)</c> onwards.</summary>
    public ReadOnlySpan<float> BandWeights(int mel) => _weights.AsSpan(_offsets[mel], _lengths[mel]);

    /// <summary>The dense matrix, row-major <c>[mel][bin]</c>, as <c>librosa.filters.mel</c> returns it.</summary>
    public float[] ToDense()
    {
        var dense = new float[MelCount * BinCount];
        for (var m = 0; m < MelCount; m++)
            BandWeights(m).CopyTo(dense.AsSpan(m * BinCount + _starts[m]));
        return dense;
    }

    /// <summary>
    /// <c>mel_basis · spectrum</c> for one frame: <paramref name="spectrum"/> (<see cref="BinCount"/> values) into
    /// <paramref name="destination"/> (<see cref="MelCount"/> values). float32 accumulation, like librosa's BLAS.
    /// </summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    public void Apply(ReadOnlySpan<float> spectrum, Span<float> destination)
    {
        if (spectrum.Length != BinCount)
            throw new ArgumentException($"Expected {BinCount} bins, got {spectrum.Length}.", nameof(spectrum));
        if (destination.Length != MelCount)
            throw new ArgumentException($"Expected {MelCount} bands, got {destination.Length}.", nameof(destination));
        for (var m = 0; m < MelCount; m++)
            destination[m] = Dot(spectrum.Slice(_starts[m], _lengths[m]), BandWeights(m));
    }

    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<float>.Count)
        {
            ref var a0 = ref MemoryMarshal.GetReference(a);
            ref var b0 = ref MemoryMarshal.GetReference(b);
            var acc = Vector256<float>.Zero;
            for (; i + Vector256<float>.Count <= a.Length; i += Vector256<float>.Count)
                acc += Vector256.LoadUnsafe(ref a0, (nuint)i) * Vector256.LoadUnsafe(ref b0, (nuint)i);
            sum = Vector256.Sum(acc);
        }
        for (; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
