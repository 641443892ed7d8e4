using System.Text.Json;

namespace MelGenre.Features.Tests;

public class TrimTests
{
    [Theory]
    [MemberData(nameof(Clips.Native22050), MemberType = typeof(Clips))]
    [MemberData(nameof(Clips.Resampled), MemberType = typeof(Clips))]
    public void NonSilentRangeMatchesLibrosaEffectsTrimIndex(string clip)
    {
        using var meta = JsonDocument.Parse(File.ReadAllText(Clips.Meta(clip)));
        var index = meta.RootElement.GetProperty("seed_pipeline").GetProperty("trim_index").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        var range = Trim.NonSilentRange(Clips.Samples(clip));

        Assert.True(range == new SampleRange(index[0], index[1]), $"{clip}: trim [{range.Start}, {range.End}) vs librosa [{index[0]}, {index[1]})");
    }

    [Fact]
    public void LeadingAndTrailingSilenceIsCutOnFrameBoundaries()
    {
        // 1 s of zeros, 1 s of tone, 1 s of zeros at 22050 Hz.
        var signal = new float[3 * 22050];
        for (var i = 22050; i < 2 * 22050; i++)
            signal[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / 22050);

        var range = Trim.NonSilentRange(signal);

        // Frame t covers samples [t·512 − 1024, t·512 + 1024): the first to reach the tone is t = 42 (42·512 + 1024 > 22050),
        // the last is t = 88 (88·512 − 1024 < 44100); the range ends one hop after it.
        Assert.Equal(new SampleRange(42 * 512, 89 * 512), range);
    }

    [Fact]
    public void AllZeroSignalIsKeptWholeBecauseItsOwnMaximumIsZeroDb()
    {
        // ref=max of silence is 0 → amin; every frame sits at ≈0 dB > −60 dB, as in librosa (meta trim_index [0, N]).
        Assert.Equal(new SampleRange(0, 5000), Trim.NonSilentRange(new float[5000]));
    }

    [Fact]
    public void FixedReferenceAboveEverythingTrimsToEmpty() =>
        Assert.Equal(new SampleRange(0, 0), Trim.NonSilentRange(new float[5000], reference: DecibelReference.Fixed(1.0)));

    [Fact]
    public void RmsOfConstantSignalInsideIsItsAmplitude()
    {
        var rms = Rms.Compute(Enumerable.Repeat(0.5f, 10000).ToArray());
        Assert.Equal(1 + 10000 / 512, rms.Length);
        Assert.Equal(0.5f, rms[5], 6);
        Assert.Equal(0.5f * MathF.Sqrt(0.5f), rms[0], 6);
    }
}
