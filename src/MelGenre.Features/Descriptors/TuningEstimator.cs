namespace MelGenre.Features.Descriptors;

/// <summary>
/// <c>librosa.estimate_tuning(S=power, sr)</c> (0.10.2) fed one frame at a time: <c>piptrack</c> finds, in each frame,
/// the bins between <c>fmin = 150</c> Hz and <c>fmax = 4000</c> Hz that are local maxima of the power above
/// <c>threshold = 0.1</c> × the frame's maximum, refines each by parabolic interpolation (frequency and magnitude);
/// then the pitches whose magnitude is at least the median of all of them vote, by their deviation from the
/// equal-tempered A440 grid, in a histogram of <c>resolution = 0.01</c> chroma bins over [−0.5, 0.5).
/// Arithmetic in float32 where librosa's is. Not thread-safe.
/// </summary>
public sealed class TuningEstimator
{
    private const double MinFrequency = 150.0;
    private const double MaxFrequency = 4000.0;
    private const float PeakThreshold = 0.1f;
    private const double Resolution = 0.01;

    private readonly double _binHz;
    private readonly int _firstBin, _lastBin;
    private readonly int _binsPerOctave;
    private readonly List<float> _pitches = [];
    private readonly List<float> _magnitudes = [];

    /// <summary>
    /// An empty estimator for power spectra of <paramref name="fftSize"/> (default 2048) at <paramref name="sampleRate"/>
    /// (default 22050) Hz, with <paramref name="binsPerOctave"/> (default 12, chroma_stft's <c>n_chroma</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive sizes or rate.</exception>
    public TuningEstimator(int sampleRate = 22050, int fftSize = 2048, int binsPerOctave = 12)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(fftSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(binsPerOctave);
        SampleRate = sampleRate;
        FftSize = fftSize;
        _binsPerOctave = binsPerOctave;
        // np.fft.rfftfreq: k · (1 / (n · (1 / sr))).
        _binHz = 1.0 / (fftSize * (1.0 / sampleRate));
        var maxFrequency = Math.Min(MaxFrequency, sampleRate / 2.0);
        var bins = fftSize / 2 + 1;
        _firstBin = bins;
        _lastBin = -1;
        for (var k = 0; k < bins; k++)
        {
            var f = k * _binHz;
            if (f >= MinFrequency && f < maxFrequency)
            {
                _firstBin = Math.Min(_firstBin, k);
                _lastBin = k;
            }
        }
    }

    /// <summary>The sample rate of the spectra.</summary>
    public int SampleRate { get; }

    /// <summary>The FFT length of the spectra.</summary>
    public int FftSize { get; }

    /// <summary>Number of pitches <c>piptrack</c> found so far.</summary>
    public int PitchCount => _pitches.Count;

    /// <summary>Adds the <c>piptrack</c> peaks of one power-spectrum frame (<c>1 + n_fft/2</c> values).</summary>
    /// <exception cref="ArgumentException">A frame of the wrong length.</exception>
    public void AddFrame(ReadOnlySpan<float> power)
    {
        var bins = FftSize / 2 + 1;
        if (power.Length != bins)
            throw new ArgumentException($"Expected {bins} bins, got {power.Length}.", nameof(power));
        var reference = PeakThreshold * Decibels.Max(power);
        for (var k = Math.Max(_firstBin, 1); k <= _lastBin && k < bins - 1; k++)
        {
            // localmax of S·(S > ref): strictly above the left neighbour, at least the right one (both gated).
            var x = Gate(power[k], reference);
            if (x <= Gate(power[k - 1], reference) || x < Gate(power[k + 1], reference))
                continue;
            var avg = 0.5f * (power[k + 1] - power[k - 1]);
            var curvature = 2f * power[k] - power[k + 1] - power[k - 1];
            var shift = avg / (curvature + (MathF.Abs(curvature) < Tiny.Single ? 1f : 0f));
            var skew = 0.5f * avg * shift;
            _pitches.Add((float)((k + (double)shift) * SampleRate / FftSize));
            _magnitudes.Add(power[k] + skew);
        }
    }

    /// <summary>The estimated tuning in fractions of a bin (−0.5 … 0.49), 0 when no pitch was found.</summary>
    public double Estimate()
    {
        var found = new List<int>();
        for (var i = 0; i < _pitches.Count; i++)
        {
            if (_pitches[i] > 0)
                found.Add(i);
        }
        if (found.Count == 0)
            return 0.0;
        var threshold = Median(found.Select(i => _magnitudes[i]).ToArray());
        var edgeCount = (int)Math.Ceiling(1.0 / Resolution) + 1;
        var edges = new double[edgeCount];
        var step = 1.0 / (edgeCount - 1);
        for (var i = 0; i < edgeCount; i++)
            edges[i] = i == edgeCount - 1 ? 0.5 : i * step - 0.5;
        var counts = new int[edgeCount - 1];
        foreach (var i in found)
        {
            if (_magnitudes[i] < threshold)
                continue;
            // pitch_tuning: float32 residual of bins_per_octave · log2(f / (440/16)) modulo 1, folded to [-0.5, 0.5).
            var octaves = MathF.Log2(_pitches[i] / (440f / 16f));
            var residual = PythonRemainder(_binsPerOctave * octaves, 1f);
            if (residual >= 0.5f)
                residual -= 1f;
            var bin = Array.BinarySearch(edges, (double)residual);
            bin = bin >= 0 ? Math.Min(bin, counts.Length - 1) : ~bin - 1;
            if (bin >= 0 && bin < counts.Length)
                counts[bin]++;
        }
        var best = 0;
        for (var b = 1; b < counts.Length; b++)
        {
            if (counts[b] > counts[best])
                best = b;
        }
        return edges[best];
    }

    private static float Gate(float value, float reference) => value > reference ? value : 0f;

    // np.median: the middle value, or the float32 mean of the two middle values.
    private static float Median(float[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2f;
    }

    private static float PythonRemainder(float x, float divisor)
    {
        var r = x % divisor;
        return r != 0 && (r < 0) != (divisor < 0) ? r + divisor : r;
    }
}
