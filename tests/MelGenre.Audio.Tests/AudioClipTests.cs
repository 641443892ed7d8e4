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
    public void ToMonoDividesTheSumLikeNumpyMeanInFloat32()
    {
        // np.mean([[0.3], [0.3], [0]], axis=0) in float32 is 0.2; multiplying the sum by 1/3 would give 0.20000002.
        var threeChannels = new AudioClip([0.3f, 0.3f, 0f, 0.2f, 0.1f, 0f], sampleRate: 8000, channelCount: 3);

        var mono = threeChannels.ToMono();

        Assert.Equal([0.2f, 0.1f], mono.Samples.ToArray());
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
