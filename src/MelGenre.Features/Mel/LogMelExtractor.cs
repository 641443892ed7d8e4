using MelGenre.Audio;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Mel;

/// <summary>
/// Mono samples → log-mel spectrogram, librosa 0.10.2-exact (see <see cref="LogMelOptions"/>). Window, FFT
/// twiddles and filterbank are built once; every buffer is reused, so after the first call the only allocation
/// is the output array (none with <see cref="ComputeInto"/>).
/// </summary>
/// <remarks>Not thread-safe: an instance owns its work buffers. Use one per thread; they are cheap to build.</remarks>
public sealed class LogMelExtractor
{
    // Frames are computed in blocks and written band by band, so the [mel][frame] output is filled a cache line at a time.
    private const int BlockFrames = 16;

    private readonly ShortTimeFourierTransform _stft;
    private readonly float[] _power;
    private readonly float[] _block;

    /// <summary>Precomputes everything for <paramref name="options"/> (null: the project's defaults).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public LogMelExtractor(LogMelOptions? options = null)
    {
        Options = options ?? new LogMelOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.SampleRate);
        _stft = new ShortTimeFourierTransform(Options.ToStftOptions());
        Filterbank = MelFilterbank.Create(Options.ToFilterbankOptions());
        _power = new float[Filterbank.BinCount];
        _block = new float[BlockFrames * Filterbank.MelCount];
    }

    /// <summary>The parameters.</summary>
    public LogMelOptions Options { get; }

    /// <summary>The mel filterbank in use.</summary>
    public MelFilterbank Filterbank { get; }

    /// <summary>Number of frames for <paramref name="sampleCount"/> samples: <c>1 + len // hop</c>.</summary>
    public int FrameCount(int sampleCount) => _stft.Options.FrameCount(sampleCount);

    /// <summary>The log-mel spectrogram of a mono clip at <see cref="LogMelOptions.SampleRate"/>.</summary>
    /// <exception cref="ArgumentException">A clip that is not mono or not at the expected rate (downmix and resample it first).</exception>
    public MelSpectrogram Compute(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.ChannelCount != 1)
            throw new ArgumentException($"Expected a mono clip, got {clip.ChannelCount} channels; call ToMono() first.", nameof(clip));
        if (clip.SampleRate != Options.SampleRate)
            throw new ArgumentException($"Expected {Options.SampleRate} Hz, got {clip.SampleRate} Hz; resample first.", nameof(clip));
        return Compute(clip.Samples.Span);
    }

    /// <summary>The log-mel spectrogram (dB, <c>[mel][frame]</c>) of mono samples at <see cref="LogMelOptions.SampleRate"/>.</summary>
    /// <exception cref="ArgumentException">Reflect padding of an empty signal.</exception>
    public MelSpectrogram Compute(ReadOnlySpan<float> samples)
    {
        var values = new float[Options.MelCount * FrameCount(samples.Length)];
        ComputeInto(samples, values);
        return Wrap(values, isDecibels: true);
    }

    /// <summary>The mel power spectrogram (<c>librosa.feature.melspectrogram</c>, before dB).</summary>
    /// <exception cref="ArgumentException">Reflect padding of an empty signal.</exception>
    public MelSpectrogram ComputePower(ReadOnlySpan<float> samples)
    {
        var values = new float[Options.MelCount * FrameCount(samples.Length)];
        MelPowerInto(samples, values);
        return Wrap(values, isDecibels: false);
    }

    /// <summary>
    /// The log-mel values into <paramref name="destination"/>, row-major <c>[mel][frame]</c>, exactly
    /// <c>MelCount × FrameCount(samples.Length)</c> long. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public void ComputeInto(ReadOnlySpan<float> samples, Span<float> destination)
    {
        var max = MelPowerInto(samples, destination);
        var reference = Options.Reference.IsMaximum ? max : Math.Abs(Options.Reference.Value);
        Decibels.ConvertPower(destination, destination, reference, Options.Amin, Options.TopDb, max);
    }

    // Mel power of every frame into destination [mel][frame]; returns the largest value.
    private float MelPowerInto(ReadOnlySpan<float> samples, Span<float> destination)
    {
        var frames = _stft.Prepare(samples);
        if (destination.Length != Options.MelCount * frames)
            throw new ArgumentException($"Expected {Options.MelCount} × {frames} values, got {destination.Length}.", nameof(destination));
        var melCount = Filterbank.MelCount;
        var max = 0f;
        for (var start = 0; start < frames; start += BlockFrames)
        {
            var count = Math.Min(BlockFrames, frames - start);
            for (var j = 0; j < count; j++)
            {
                _stft.PowerFrame(samples, start + j, _power);
                Filterbank.Apply(_power, _block.AsSpan(j * melCount, melCount));
            }
            max = MathF.Max(max, Decibels.Max(_block.AsSpan(0, count * melCount)));
            for (var m = 0; m < melCount; m++)
            {
                var row = destination.Slice(m * frames + start, count);
                for (var j = 0; j < row.Length; j++)
                    row[j] = _block[j * melCount + m];
            }
        }
        return max;
    }

    private MelSpectrogram Wrap(float[] values, bool isDecibels) => new(values, Options.MelCount,
        values.Length / Options.MelCount, Options.SampleRate, Options.HopLength, Options.MinFrequency,
        Filterbank.Options.EffectiveMaxFrequency, isDecibels);
}
