using MelGenre.Features.Transforms;
using MelGenre.Features.Windows;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// <c>librosa.feature.rhythm.tempo</c> (0.10.2, also what <c>beat.beat_track</c> reports) and the onset strength it
/// reads. Defaults as librosa: <c>hop_length=512</c>, <c>start_bpm=120</c>, <c>std_bpm=1</c>, <c>ac_size=8</c> s,
/// <c>max_tempo=320</c>, <c>aggregate=np.mean</c>. The autocorrelations run through float32 FFTs (librosa: float64).
/// Not thread-safe (owns FFT buffers).
/// </summary>
public sealed class TempoEstimator
{
    private const double StartBpm = 120.0;
    private const double StdBpm = 1.0;
    private const double AutocorrelationSeconds = 8.0;
    private const double MaxTempo = 320.0;

    private readonly int _sampleRate;
    private readonly int _hopLength;
    private readonly int _windowLength;
    private readonly double[] _window;
    private readonly RealFft _fft;
    private readonly float[] _segment, _power, _zeros, _autocorrelation;

    /// <summary>An estimator for onset envelopes of <paramref name="hopLength"/>-sample frames (default 512) at <paramref name="sampleRate"/> (default 22050) Hz.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive rate or hop, or an 8 s window under one frame.</exception>
    public TempoEstimator(int sampleRate = 22050, int hopLength = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopLength);
        _sampleRate = sampleRate;
        _hopLength = hopLength;
        // time_to_frames(ac_size): floor(ac_size · sr) // hop.
        _windowLength = (int)Math.Floor(AutocorrelationSeconds * sampleRate) / hopLength;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_windowLength, nameof(hopLength));
        _window = HannWindow.Create(_windowLength);
        // Zero-padding to at least 2·win − 1 makes the circular autocorrelation the linear one.
        var size = 1;
        while (size < 2 * _windowLength - 1)
            size *= 2;
        _fft = new RealFft(size);
        _segment = new float[size];
        _power = new float[size / 2 + 1];
        _zeros = new float[size / 2 + 1];
        _autocorrelation = new float[size];
    }

    /// <summary>The autocorrelation window in frames, <c>ac_size · sr // hop</c> (344 at the defaults).</summary>
    public int WindowLength => _windowLength;

    /// <summary>
    /// <c>onset.onset_strength(y, sr)</c> from the frames of <c>power_to_db(melspectrogram(y))</c> (ref 1.0, top_db 80),
    /// given frame-major <c>[frame][mel]</c> in <paramref name="decibelFrames"/>: the mean over bands of the positive
    /// rise from one frame to the next (<c>lag=1</c>, <c>max_size=1</c>; <paramref name="aggregate"/> mean, or median as <c>beat_track</c> asks), shifted right by <c>lag + n_fft // (2·hop)</c>
    /// frames (<c>center=True</c>; 3 at n_fft 2048, hop 512) with leading zeros, as many frames as the input.
    /// </summary>
    /// <exception cref="ArgumentException">A length that is not a whole number of frames.</exception>
    public static float[] OnsetStrength(ReadOnlySpan<float> decibelFrames, int melCount, int fftSize = 2048, int hopLength = 512,
        OnsetAggregate aggregate = OnsetAggregate.Mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melCount);
        if (decibelFrames.Length % melCount != 0)
            throw new ArgumentException($"{decibelFrames.Length} values are not whole frames of {melCount} bands.", nameof(decibelFrames));
        var frames = decibelFrames.Length / melCount;
        var envelope = new float[frames];
        var delay = 1 + fftSize / (2 * hopLength);
        var rises = new float[melCount];
        for (var t = delay; t < frames; t++)
        {
            var current = decibelFrames.Slice((t - delay + 1) * melCount, melCount);
            var previous = decibelFrames.Slice((t - delay) * melCount, melCount);
            for (var m = 0; m < melCount; m++)
                rises[m] = MathF.Max(0f, current[m] - previous[m]);
            envelope[t] = aggregate == OnsetAggregate.Median ? Median(rises) : Mean(rises);
        }
        return envelope;
    }

    /// <summary>
    /// The tempo in beats per minute of an onset envelope: the mean over frames of the tempogram (each frame's
    /// Hann-windowed autocorrelation over <see cref="WindowLength"/> frames, centred with linear ramps to zero at the
    /// ends, normalised by its largest value), weighted by a log-normal prior around 120 BPM (σ one octave, <c>log1p(1e6 · tg) + log prior</c>), lags
    /// faster than 320 BPM excluded; the lag of the best score as <c>60 · sr / (hop · lag)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An empty envelope.</exception>
    public double Estimate(ReadOnlySpan<float> onsetEnvelope)
    {
        if (onsetEnvelope.IsEmpty)
            throw new ArgumentException("The tempo of an empty onset envelope is undefined.", nameof(onsetEnvelope));
        var n = onsetEnvelope.Length;
        var win = _windowLength;
        var half = win / 2;
        var padded = new float[n + 2 * half];
        onsetEnvelope.CopyTo(padded.AsSpan(half));
        // np.pad(mode='linear_ramp', end_values=0): ramps from 0 up to the edge values, float32.
        for (var i = 0; i < half; i++)
        {
            padded[i] = (float)(i * ((double)onsetEnvelope[0] / half));
            padded[half + n + i] = (float)((half - 1 - i) * ((double)onsetEnvelope[n - 1] / half));
        }
        var mean = new double[win];
        for (var t = 0; t < n; t++)
        {
            for (var i = 0; i < win; i++)
                _segment[i] = (float)(padded[t + i] * _window[i]);
            _fft.Power(_segment, _power);
            _fft.Inverse(_power, _zeros, _autocorrelation);
            var largest = 0f;
            for (var lag = 0; lag < win; lag++)
                largest = MathF.Max(largest, MathF.Abs(_autocorrelation[lag]));
            // util.normalize(norm=inf) leaves an all-zero frame as it is.
            var scale = largest < Tiny.Double ? 1.0 : largest;
            for (var lag = 0; lag < win; lag++)
                mean[lag] += _autocorrelation[lag] / scale;
        }
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var lag = 1; lag < win; lag++)
        {
            var bpm = 60.0 * _sampleRate / (_hopLength * (double)lag);
            if (bpm >= MaxTempo)
                continue;
            var octaves = (Math.Log2(bpm) - Math.Log2(StartBpm)) / StdBpm;
            var score = double.LogP1(1e6 * (mean[lag] / n)) - 0.5 * octaves * octaves;
            if (score > bestScore)
            {
                best = lag;
                bestScore = score;
            }
        }
        return best < 0 ? 0.0 : 60.0 * _sampleRate / (_hopLength * (double)best);
    }

    private static float Mean(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values)
            sum += v;
        return (float)(sum / values.Length);
    }

    // np.median: the middle value, or the float32 mean of the two middle values (sorts in place).
    private static float Median(Span<float> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2f;
    }
}

/// <summary>How <see cref="TempoEstimator.OnsetStrength"/> pools the mel bands' rises into one envelope value.</summary>
public enum OnsetAggregate
{
    /// <summary><c>np.mean</c>: <c>onset_strength</c>'s default and what <c>feature.rhythm.tempo(y)</c> uses.</summary>
    Mean,

    /// <summary><c>np.median</c>: what <c>beat.beat_track(y)</c> uses.</summary>
    Median,
}
