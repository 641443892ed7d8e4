using System.Buffers;

namespace MelGenre.Audio.Processing;

/// <summary>
/// Sample-rate conversion as <c>librosa.resample(y, orig_sr=…, target_sr=…, res_type="soxr_hq")</c> does it, the
/// resampler behind <c>librosa.load</c>: libsoxr's "HQ" recipe (linear phase, passband flat to 0.914 of the lower
/// Nyquist, stopband from Nyquist, ≥ 126 dB rejection), reproduced stage for stage so that outputs agree with
/// librosa's to float32 rounding. Output length is librosa's <c>ceil(n · target / source)</c>.
/// </summary>
/// <remarks>
/// A resampler holds the filters for one pair of rates, designed once in the constructor; it is immutable and
/// thread-safe, so one instance can serve every clip and channel at that pair of rates.
/// </remarks>
public sealed class Resampler
{
    /// <summary>librosa's default sample rate (<c>librosa.load(sr=22050)</c>), in Hz.</summary>
    public const int DefaultTargetRate = 22050;

    private readonly IReadOnlyList<PolyphaseStage> _stages;

    /// <summary>Designs the filters that take <paramref name="sourceRate"/> to <paramref name="targetRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive rate.</exception>
    public Resampler(int sourceRate, int targetRate = DefaultTargetRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRate);
        SourceRate = sourceRate;
        TargetRate = targetRate;
        _stages = sourceRate == targetRate ? [] : SoxrHqDesign.PlanStages(sourceRate, targetRate);
    }

    /// <summary>Input sample rate, in Hz.</summary>
    public int SourceRate { get; }

    /// <summary>Output sample rate, in Hz.</summary>
    public int TargetRate { get; }

    /// <summary>
    /// Resamples every channel of <paramref name="clip"/> to <paramref name="targetRate"/> (default 22050 Hz, librosa's).
    /// Returns <paramref name="clip"/> itself when it is already at that rate. Downmix first (<see cref="AudioClip.ToMono"/>)
    /// to reproduce <c>librosa.load</c>, which mixes to mono before it resamples.
    /// </summary>
    public static AudioClip Resample(AudioClip clip, int targetRate = DefaultTargetRate)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return clip.SampleRate == targetRate ? clip : new Resampler(clip.SampleRate, targetRate).Process(clip);
    }

    /// <summary>Frames of output for <paramref name="inputLength"/> frames of input: <c>ceil(n · target / source)</c>.</summary>
    public long OutputLength(long inputLength) => (inputLength * TargetRate + SourceRate - 1) / SourceRate;

    /// <summary>Resamples every channel of <paramref name="clip"/>, which must be at <see cref="SourceRate"/>.</summary>
    /// <exception cref="ArgumentException">The clip is at another rate.</exception>
    public AudioClip Process(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != SourceRate)
            throw new ArgumentException($"The clip is at {clip.SampleRate} Hz; this resampler takes {SourceRate} Hz.", nameof(clip));
        if (_stages.Count == 0)
            return clip;
        var channels = clip.ChannelCount;
        var interleaved = clip.Samples.Span;
        if (channels == 1)
            return new AudioClip(Process(interleaved), TargetRate);

        var frames = clip.FrameCount;
        var channel = new float[frames];
        float[]? output = null;
        for (var c = 0; c < channels; c++)
        {
            for (var f = 0; f < frames; f++)
                channel[f] = interleaved[f * channels + c];
            var resampled = Process(channel);
            output ??= new float[resampled.Length * channels];
            for (var f = 0; f < resampled.Length; f++)
                output[f * channels + c] = resampled[f];
        }
        return new AudioClip(output!, TargetRate, channels);
    }

    /// <summary>The stages, first to last; none when the rates are equal.</summary>
    internal IReadOnlyList<PolyphaseStage> Stages => _stages;

    /// <summary>Resamples one channel: <see cref="OutputLength"/> samples at <see cref="TargetRate"/>.</summary>
    public float[] Process(ReadOnlySpan<float> signal)
    {
        var length = checked((int)OutputLength(signal.Length));
        if (_stages.Count == 0)
            return signal.ToArray();

        // Uninitialised: the last stage and the zero fill write every sample.
        var output = GC.AllocateUninitializedArray<float>(length);
        Process(signal, output);
        return output;
    }

    /// <summary>Resamples one channel into <paramref name="output"/>, which holds exactly <see cref="OutputLength"/> samples.</summary>
    internal void Process(ReadOnlySpan<float> signal, Span<float> output)
    {
        var length = output.Length;
        if (length != OutputLength(signal.Length))
            throw new ArgumentException($"{signal.Length} samples resample to {OutputLength(signal.Length)}, not {length}.", nameof(output));
        if (_stages.Count == 0)
        {
            signal.CopyTo(output);
            return;
        }

        // Each stage runs as far as the next one reads (filter tails past the end included), last stage first.
        var counts = new long[_stages.Count];
        counts[^1] = length;
        for (var s = _stages.Count - 1; s > 0; s--)
            counts[s - 1] = _stages[s].InputSpan(counts[s]);

        // Intermediate stages write into pooled buffers.
        float[]? previous = null;
        ReadOnlySpan<float> input = signal;
        for (var s = 0; s < _stages.Count - 1; s++)
        {
            var count = checked((int)counts[s]);
            var buffer = ArrayPool<float>.Shared.Rent(count);
            _stages[s].Process(input, buffer.AsSpan(0, count));
            if (previous is not null)
                ArrayPool<float>.Shared.Return(previous);
            previous = buffer;
            input = buffer.AsSpan(0, count);
        }
        _stages[^1].Process(input, output);
        if (previous is not null)
            ArrayPool<float>.Shared.Return(previous);

        // libsoxr stops at round(n · target / source); librosa's fix_length zero-pads up to the ceiling.
        var produced = (2 * (long)signal.Length * TargetRate + SourceRate) / (2L * SourceRate);
        output[(int)Math.Min(produced, length)..].Clear();
    }
}
