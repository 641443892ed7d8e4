namespace MelGenre.Audio;

/// <summary>
/// The one audio value of MelGenre: interleaved 32-bit float samples (nominally in [-1, 1]) with their
/// sample rate and channel count. Immutable once made; every decoder produces one, every feature reads one.
/// </summary>
/// <remarks>Frame <c>f</c>, channel <c>c</c> is at <c>Samples[f * ChannelCount + c]</c>.</remarks>
public sealed class AudioClip
{
    private readonly float[] _samples;

    /// <summary>Wraps <paramref name="samples"/> (interleaved, not copied: the caller hands them over).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive rate or channel count.</exception>
    /// <exception cref="ArgumentException">A sample count that is not a whole number of frames.</exception>
    public AudioClip(float[] samples, int sampleRate, int channelCount = 1)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCount);
        if (samples.Length % channelCount != 0)
            throw new ArgumentException($"{samples.Length} samples are not a whole number of {channelCount}-channel frames.", nameof(samples));
        _samples = samples;
        SampleRate = sampleRate;
        ChannelCount = channelCount;
    }

    /// <summary>Interleaved samples, <see cref="FrameCount"/> × <see cref="ChannelCount"/> of them.</summary>
    public ReadOnlyMemory<float> Samples => _samples;

    /// <summary>Samples per second of one channel, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Number of channels (1 = mono).</summary>
    public int ChannelCount { get; }

    /// <summary>Number of sample frames (samples per channel).</summary>
    public int FrameCount => _samples.Length / ChannelCount;

    /// <summary>Length in time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    /// <summary>
    /// The mono mix: the mean of the channels at each frame, as <c>librosa.to_mono</c> computes it in float32
    /// (<c>np.mean(y, axis=0)</c>: channels summed in order, then divided by the count, bit for bit).
    /// A mono clip returns itself.
    /// </summary>
    public AudioClip ToMono()
    {
        if (ChannelCount == 1)
            return this;
        var mono = new float[FrameCount];
        MixDown(_samples, ChannelCount, mono);
        return new AudioClip(mono, SampleRate);
    }

    /// <summary>The mono mix of <see cref="ToMono"/> for <c>mono.Length</c> frames of <paramref name="interleaved"/>:
    /// the one definition, which block-by-block readers share so that they mix bit for bit alike.</summary>
    internal static void MixDown(ReadOnlySpan<float> interleaved, int channelCount, Span<float> mono)
    {
        for (var frame = 0; frame < mono.Length; frame++)
        {
            var first = frame * channelCount;
            var sum = interleaved[first];
            for (var channel = 1; channel < channelCount; channel++)
                sum += interleaved[first + channel];
            mono[frame] = sum / channelCount;
        }
    }
}
