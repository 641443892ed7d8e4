namespace MelGenre.Audio.Tests;

public class AudioClipTests
{
    [Fact]
    public void ToMonoAveragesChannelsAtEachFrame()
    {
        var stereo = new AudioClip([1f, 0f, 0.5f, -0.5f, -1f, 1f], sampleRate: 8000, channelCount: 2);

        var mono = stereo.ToMono();

        Assert.Equal([0.5f, 0f, 0f], mono.Samples.ToArray());
        Assert.Equal(8000, mono.SampleRate);
        Assert.Equal(1, mono.ChannelCount);
    }

    [Fact]
    public void DurationCountsFramesNotSamples()
    {
        var clip = new AudioClip(new float[44100 * 2], sampleRate: 44100, channelCount: 2);

        Assert.Equal(44100, clip.FrameCount);
        Assert.Equal(TimeSpan.FromSeconds(1), clip.Duration);
    }

    [Fact]
    public void RejectsPartialFrames() =>
        Assert.Throws<ArgumentException>(() => new AudioClip(new float[3], 8000, channelCount: 2));
}
