using MelGenre.Features.Mel;
using MelGenre.Model.Data;

namespace MelGenre.Model.Tests.Data;

public sealed class SegmenterTests
{
    private const int Mels = 4;

    /// <summary>A spectrogram whose value at (mel, frame) is <c>−(frame + 1) − 0.001·mel</c> dB: every cell tells where it came from.</summary>
    private static MelSpectrogram Ramp(int frames)
    {
        var values = new float[Mels * frames];
        for (var m = 0; m < Mels; m++)
            for (var t = 0; t < frames; t++)
                values[m * frames + t] = -(t + 1) - 0.001f * m;
        return new MelSpectrogram(values, Mels, frames, 22050, 512, 0, 11025, isDecibels: true);
    }

    [Theory]
    [InlineData(1293, 130, null, 9)]
    [InlineData(1293, 130, 65, 18)]
    [InlineData(130, 130, null, 1)]
    [InlineData(259, 130, null, 1)]
    [InlineData(260, 130, null, 2)]
    [InlineData(50, 130, null, 1)]
    [InlineData(0, 130, null, 0)]
    public void Patch_count_drops_the_last_partial_patch_unless_it_is_the_only_one(int frames, int patch, int? hop, int expected)
    {
        var segmenter = new Segmenter(patch, hop);

        Assert.Equal(expected, segmenter.PatchCount(frames));
        Assert.Equal(expected, segmenter.Cut(Ramp(frames), "c", 0).Count);
    }

    [Fact]
    public void Patches_copy_their_frames_and_carry_label_and_times()
    {
        var patches = new Segmenter(130, 65).Cut(Ramp(400), "blues.00003", 2);

        Assert.Equal(5, patches.Count);
        var third = patches[2];
        Assert.Equal(130, third.StartFrame);
        Assert.Equal(130 * 512 / 22050.0, third.StartSeconds, 12);
        Assert.Equal(260 * 512 / 22050.0, third.EndSeconds, 12);
        Assert.Equal(("blues.00003", 2, Mels, 130), (third.ClipId, third.Label, third.MelCount, third.FrameCount));
        Assert.Equal(-131f - 0.003f, third.Values[3 * 130], 6);
        Assert.Equal(-260f - 0.003f, third.Values[3 * 130 + 129], 6);
    }

    [Fact]
    public void Default_patch_is_130_frames_of_about_3_02_seconds()
    {
        var patch = new Segmenter().Cut(Ramp(1293), "c", 0)[0];

        Assert.Equal(130, patch.FrameCount);
        Assert.Equal(3.0186, patch.EndSeconds - patch.StartSeconds, 4);
    }

    [Fact]
    public void A_short_clip_is_padded_with_its_silence_floor_and_ends_where_its_audio_ends()
    {
        var patch = Assert.Single(new Segmenter(130).Cut(Ramp(50), "short", 1));

        Assert.Equal(0, patch.StartSeconds);
        Assert.Equal(50 * 512 / 22050.0, patch.EndSeconds, 12);
        var floor = -50f - 0.003f;
        for (var m = 0; m < Mels; m++)
        {
            Assert.Equal(-50f - 0.001f * m, patch.Values[m * 130 + 49], 6);
            for (var t = 50; t < 130; t++)
                Assert.True(patch.Values[m * 130 + t] == floor, $"padding at mel {m}, frame {t} is {patch.Values[m * 130 + t]}, expected the clip minimum {floor}");
        }
    }
}
