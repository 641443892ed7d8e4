namespace MelGenre.Audio.Decoding;

/// <summary>
/// A decoder opened on one input, pulled in blocks (NAudio's proven shape), so long recordings never
/// need to be held whole. Not thread-safe: one reader serves one consumer.
/// </summary>
public interface IAudioReader : IDisposable
{
    /// <summary>Samples per second of one channel, in Hz.</summary>
    int SampleRate { get; }

    /// <summary>Number of interleaved channels.</summary>
    int ChannelCount { get; }

    /// <summary>Frames the header announces, when it does; a hint for pre-allocation, never trusted blindly.</summary>
    long? FrameCountHint { get; }

    /// <summary>
    /// Fills <paramref name="buffer"/> with interleaved samples (a whole number of frames) and returns how
    /// many samples it wrote; 0 means the end of the audio.
    /// </summary>
    /// <exception cref="AudioDecodeException">The stream is corrupt in a way that cannot be decoded past.</exception>
    int Read(Span<float> buffer);
}
