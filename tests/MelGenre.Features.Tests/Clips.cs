using MelGenre.TestSupport;

namespace MelGenre.Features.Tests;

/// <summary>The reference inputs of shared/data/librosa: decoded samples at 22050 Hz and their reference arrays.</summary>
internal static class Clips
{
    public static readonly TheoryData<string> Native22050 =
    [
        "classical.00001", "jazz.00005", "metal.00001",
        "edge_mono_22050_u8", "edge_short_0.1s_22050", "edge_tiny_0.03s_22050",
        "edge_silence_3s_22050", "edge_sine440_3s_22050",
    ];

    public static readonly TheoryData<string> Resampled = ["edge_mono_48000_float32", "edge_stereo_44100_pcm16"];

    /// <summary>The 22050 Hz mono signal librosa analysed for <paramref name="clip"/>.</summary>
    public static float[] Samples(string clip)
    {
        if (clip.StartsWith("edge_", StringComparison.Ordinal))
        {
            var resampled = Path.Combine("librosa", clip, "signal_22050_soxr_hq.bin");
            if (!clip.Contains("22050", StringComparison.Ordinal))
                return ReferenceArray.Load(SharedData.RequirePath(resampled)).Values.Select(v => (float)v).ToArray();
            return TestWav.Read(SharedData.RequirePath(Path.Combine("librosa", "audio", clip + ".wav"))).Mono;
        }
        return TestWav.Read(SharedData.RequirePath(Path.Combine("gtzan", "wav", clip + ".wav"))).Mono;
    }

    public static ReferenceArray Reference(string clip, string name) =>
        ReferenceArray.Load(SharedData.RequirePath(Path.Combine("librosa", clip, name + ".bin")));

    public static string Meta(string clip) => SharedData.RequirePath(Path.Combine("librosa", clip, "meta.json"));
}
