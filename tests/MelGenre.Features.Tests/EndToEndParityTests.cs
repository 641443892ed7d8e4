using MelGenre.Features.Mel;

namespace MelGenre.Features.Tests;

/// <summary>
/// The whole pipeline against librosa: file → AudioDecoder → mono → Resampler (22050 Hz) → LogMelExtractor, compared with
/// <c>power_to_db(melspectrogram(librosa.load(path)), ref=np.max)</c> for every reference input.
/// </summary>
public class EndToEndParityTests
{
    /// <summary>Largest allowed |ours − librosa| anywhere, in dB (the resampled inputs measured ≤ 0.0003 dB from the resampler).</summary>
    private const double MaxErrorDb = 0.01;

    /// <summary>At least this share of bins must lie within <see cref="CloseDb"/>.</summary>
    private const double MinShareClose = 0.99;

    private const double CloseDb = 0.1;

    [Theory]
    [MemberData(nameof(Clips.Native22050), MemberType = typeof(Clips))]
    [MemberData(nameof(Clips.Resampled), MemberType = typeof(Clips))]
    public void Decoded_mixed_resampled_log_mel_matches_librosa_within_0_01_dB_everywhere(string clip)
    {
        var actual = new LogMelExtractor().Compute(Clips.Load(clip));
        var expected = Clips.Reference(clip, "logmel");

        Assert.Equal((expected.Rows, expected.Columns), (actual.MelCount, actual.FrameCount));
        var worst = 0.0;
        var (worstMel, worstFrame) = (0, 0);
        var close = 0;
        for (var m = 0; m < actual.MelCount; m++)
        {
            for (var t = 0; t < actual.FrameCount; t++)
            {
                var error = Math.Abs(actual[m, t] - expected[m, t]);
                if (error <= CloseDb)
                    close++;
                if (error > worst)
                    (worst, worstMel, worstFrame) = (error, m, t);
            }
        }
        var share = (double)close / expected.Values.Length;
        var figures = $"{clip}: max |error| {worst:E2} dB at mel {worstMel}, frame {worstFrame} " +
            $"(ours {actual[worstMel, worstFrame]}, librosa {expected[worstMel, worstFrame]}); {share:P3} of {expected.Values.Length} bins within {CloseDb} dB";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        Assert.True(worst <= MaxErrorDb, $"{figures}; allowed max {MaxErrorDb} dB");
        Assert.True(share >= MinShareClose, $"{figures}; required {MinShareClose:P0}");
    }
}
