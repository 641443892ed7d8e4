using System.Text.Json;
using MelGenre.Audio;
using MelGenre.Features.Mel;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Tests.Mel;

public class LogMelExtractorTests
{
    private const double DbTolerance = 0.01;

    [Theory]
    [MemberData(nameof(Clips.Native22050), MemberType = typeof(Clips))]
    [MemberData(nameof(Clips.Resampled), MemberType = typeof(Clips))]
    public void LogMelMatchesLibrosaWithin0_01Db(string clip) =>
        AssertMatches(clip, "logmel", new LogMelExtractor().Compute(Clips.Samples(clip)));

    [Theory]
    [MemberData(nameof(Clips.Native22050), MemberType = typeof(Clips))]
    public void ReflectPaddedLogMelMatchesLibrosaWithin0_01Db(string clip)
    {
        if (clip.StartsWith("edge_tiny", StringComparison.Ordinal))
            Assert.Skip("no librosa reflect reference for the 0.03 s clip");
        var extractor = new LogMelExtractor(new LogMelOptions { PadMode = PadMode.Reflect });
        AssertMatches(clip, "logmel_reflect", extractor.Compute(Clips.Samples(clip)));
    }

    [Theory]
    [MemberData(nameof(Clips.Native22050), MemberType = typeof(Clips))]
    public void MelPowerMatchesLibrosaWithinRelative1e_3(string clip)
    {
        var actual = new LogMelExtractor().ComputePower(Clips.Samples(clip));
        var expected = Clips.Reference(clip, "melpower");
        Assert.Equal(expected.Rows, actual.MelCount);
        Assert.Equal(expected.Columns, actual.FrameCount);
        var max = expected.Values.Max();
        var worst = 0.0;
        var where = (0, 0);
        for (var m = 0; m < actual.MelCount; m++)
        {
            for (var t = 0; t < actual.FrameCount; t++)
            {
                // Relative to the value, with values 80 dB under the peak (clipped by power_to_db anyway) judged against that floor.
                var e = expected[m, t];
                var error = Math.Abs(actual[m, t] - e) / Math.Max(Math.Abs(e), max * 1e-8);
                if (error > worst)
                    (worst, where) = (error, (m, t));
            }
        }
        Assert.True(worst <= 1e-3, $"{clip}: mel power relative error {worst:E3} at mel {where.Item1}, frame {where.Item2} exceeds 1e-3");
    }

    [Fact]
    public void ComputeOfClipRejectsStereoAndWrongRate()
    {
        var extractor = new LogMelExtractor();
        Assert.Throws<ArgumentException>(() => extractor.Compute(new AudioClip(new float[4410], 22050, channelCount: 2)));
        Assert.Throws<ArgumentException>(() => extractor.Compute(new AudioClip(new float[4410], 44100)));
    }

    [Fact]
    public void ComputeOfMonoClipEqualsComputeOfItsSamples()
    {
        var samples = Enumerable.Range(0, 5000).Select(i => MathF.Sin(i * 0.05f)).ToArray();
        var extractor = new LogMelExtractor();
        var fromClip = extractor.Compute(new AudioClip(samples, 22050));
        var fromSpan = extractor.Compute(samples);
        Assert.Equal(fromSpan.Values.ToArray(), fromClip.Values.ToArray());
        Assert.Equal(1 + 5000 / 512, fromClip.FrameCount);
        Assert.Equal(11025, fromClip.MaxFrequency);
        Assert.True(fromClip.IsDecibels);
    }

    [Fact]
    public void SeedPipelineAmplitudeDbMatchesMetaFramesWithin0_01Db()
    {
        // meta.json: trim, then amplitude_to_db(|stft|, ref=max) for frames 0, mid and last.
        const string clip = "metal.00001";
        using var meta = JsonDocument.Parse(File.ReadAllText(Clips.Meta(clip)));
        var seed = meta.RootElement.GetProperty("seed_pipeline");
        var samples = Clips.Samples(clip);
        var range = Trim.NonSilentRange(samples);
        var db = new ShortTimeFourierTransform().Magnitude(samples.AsSpan(range.Start, range.Length))
            .ToDecibels(DecibelReference.Maximum);
        var mid = seed.GetProperty("frame_mid_index").GetInt32();
        foreach (var (name, frame) in new[] { ("frame0", 0), ("frame_mid", mid), ("frame_last", db.FrameCount - 1) })
        {
            var expected = seed.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (var k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(db[k, frame] - expected[k]) <= DbTolerance,
                    $"{clip} {name} bin {k}: {db[k, frame]} dB vs librosa {expected[k]} dB (tolerance {DbTolerance})");
        }
    }

    private static void AssertMatches(string clip, string reference, MelSpectrogram actual)
    {
        var expected = Clips.Reference(clip, reference);
        Assert.Equal(expected.Rows, actual.MelCount);
        Assert.Equal(expected.Columns, actual.FrameCount);
        var worst = 0.0;
        var where = (0, 0);
        for (var m = 0; m < actual.MelCount; m++)
        {
            for (var t = 0; t < actual.FrameCount; t++)
            {
                var error = Math.Abs(actual[m, t] - expected[m, t]);
                if (error > worst)
                    (worst, where) = (error, (m, t));
            }
        }
        Assert.True(worst <= DbTolerance,
            $"{clip} {reference}: max |error| {worst:F5} dB at mel {where.Item1}, frame {where.Item2} " +
            $"(ours {actual[where.Item1, where.Item2]}, librosa {expected[where.Item1, where.Item2]}) exceeds {DbTolerance} dB");
    }
}
