namespace MelGenre.Audio.Decoding;

/// <summary>An <see cref="AudioClip"/> already in memory, served block by block like a decoded file.</summary>
internal sealed class ClipReader(AudioClip clip) : IAudioReader
{
    private int _position;

    public int SampleRate => clip.SampleRate;

    public int ChannelCount => clip.ChannelCount;

    public long? FrameCountHint => clip.FrameCount;

    public int Read(Span<float> buffer)
    {
        if (buffer.Length < ChannelCount)
            throw new ArgumentException($"The buffer holds {buffer.Length} samples, less than one {ChannelCount}-channel frame.", nameof(buffer));
        var samples = clip.Samples.Span[_position..];
        var count = Math.Min(buffer.Length / ChannelCount * ChannelCount, samples.Length);
        samples[..count].CopyTo(buffer);
        _position += count;
        return count;
    }

    public void Dispose()
    {
    }
}
