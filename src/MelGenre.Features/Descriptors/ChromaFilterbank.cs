namespace MelGenre.Features.Descriptors;

/// <summary>
/// The chroma filterbank of <c>librosa.filters.chroma</c> (0.10.2): <see cref="ChromaCount"/> rows (pitch classes,
/// C first) over <c>1 + n_fft/2</c> FFT bins. Each bin spreads over the pitch classes by a Gaussian in semitones
/// (width the bin's spacing, at least one), columns normalised to unit L2 norm, weighted by a Gaussian over octaves
/// centred on octave <c>ctroct = 5</c> (≈ 880 Hz) with <c>octwidth = 2</c>. Computed in float64, stored float32 as
/// librosa returns it. Immutable and thread-safe.
/// </summary>
public sealed class ChromaFilterbank
{
    private const double CenterOctave = 5.0;
    private const double OctaveWidth = 2.0;

    private readonly float[] _weights;

    private ChromaFilterbank(float[] weights, int chromaCount, int binCount, double tuning)
    {
        _weights = weights;
        ChromaCount = chromaCount;
        BinCount = binCount;
        Tuning = tuning;
    }

    /// <summary>Number of pitch classes (rows).</summary>
    public int ChromaCount { get; }

    /// <summary>Number of FFT bins (columns), <c>1 + n_fft / 2</c>.</summary>
    public int BinCount { get; }

    /// <summary>The tuning deviation from A440 in fractions of a chroma bin the bank was built for.</summary>
    public double Tuning { get; }

    /// <summary>
    /// Builds the bank. Defaults as librosa: <paramref name="sampleRate"/> 22050, <paramref name="fftSize"/> 2048,
    /// <paramref name="tuning"/> 0 (A440), <paramref name="chromaCount"/> 12, <c>ctroct=5</c>, <c>octwidth=2</c>,
    /// <c>norm=2</c>, <c>base_c=True</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive sizes or rate.</exception>
    public static ChromaFilterbank Create(int sampleRate = 22050, int fftSize = 2048, double tuning = 0.0, int chromaCount = 12)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(fftSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chromaCount);
        // frqbins: every FFT bin but DC in chroma bins above A440/16 (tuned); DC is placed 1.5 octaves below bin 1.
        var a440 = 440.0 * Math.Pow(2.0, tuning / chromaCount);
        var step = (double)sampleRate / fftSize;
        var position = new double[fftSize];
        for (var j = 1; j < fftSize; j++)
            position[j] = chromaCount * Math.Log2(j * step / (a440 / 16));
        position[0] = position[1] - 1.5 * chromaCount;
        var halfChroma = Math.Round(chromaCount / 2.0, MidpointRounding.ToEven);
        var binCount = fftSize / 2 + 1;
        var dense = new double[chromaCount * binCount];
        for (var j = 0; j < binCount; j++)
        {
            var width = j + 1 < fftSize ? Math.Max(position[j + 1] - position[j], 1.0) : 1.0;
            var norm = 0.0;
            for (var c = 0; c < chromaCount; c++)
            {
                // Distance to pitch class c folded into [-n/2, n/2) (numpy remainder: the divisor's sign).
                var d = PythonRemainder(position[j] - c + halfChroma + 10 * chromaCount, chromaCount) - halfChroma;
                var scaled = 2 * d / width;
                var w = Math.Exp(-0.5 * scaled * scaled);
                dense[c * binCount + j] = w;
                norm += w * w;
            }
            norm = Math.Sqrt(norm);
            var octave = (position[j] / chromaCount - CenterOctave) / OctaveWidth;
            var octaveWeight = Math.Exp(-0.5 * octave * octave);
            for (var c = 0; c < chromaCount; c++)
            {
                // librosa's normalize leaves a column whose norm is below float64's smallest normal as it is.
                var normalized = norm < Tiny.Double ? dense[c * binCount + j] : dense[c * binCount + j] / norm;
                dense[c * binCount + j] = normalized * octaveWeight;
            }
        }
        // base_c: roll so that row 0 is C (three chroma bins above A).
        var shift = 3 * (chromaCount / 12);
        var weights = new float[chromaCount * binCount];
        for (var c = 0; c < chromaCount; c++)
        {
            var source = (c + shift) % chromaCount;
            for (var j = 0; j < binCount; j++)
                weights[c * binCount + j] = (float)dense[source * binCount + j];
        }
        return new ChromaFilterbank(weights, chromaCount, binCount, tuning);
    }

    /// <summary>The weights of pitch class <paramref name="chroma"/> over the bins.</summary>
    public ReadOnlySpan<float> Row(int chroma) => _weights.AsSpan(chroma * BinCount, BinCount);

    /// <summary>
    /// <c>chroma_filterbank · spectrum</c> for one frame: <paramref name="power"/> (<see cref="BinCount"/> values) into
    /// <paramref name="destination"/> (<see cref="ChromaCount"/> values), float32 accumulation.
    /// </summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    public void Apply(ReadOnlySpan<float> power, Span<float> destination)
    {
        if (power.Length != BinCount)
            throw new ArgumentException($"Expected {BinCount} bins, got {power.Length}.", nameof(power));
        if (destination.Length != ChromaCount)
            throw new ArgumentException($"Expected {ChromaCount} pitch classes, got {destination.Length}.", nameof(destination));
        for (var c = 0; c < ChromaCount; c++)
            destination[c] = Mel.MelFilterbank.Dot(power, Row(c));
    }

    private static double PythonRemainder(double x, double divisor)
    {
        var r = x % divisor;
        return r != 0 && (r < 0) != (divisor < 0) ? r + divisor : r;
    }
}
