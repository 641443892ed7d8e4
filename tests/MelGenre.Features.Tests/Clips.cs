using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;
using MelGenre.TestSupport;

namespace MelGenre.Features.Tests;

/// <summary>The reference inputs of shared/data/librosa: decoded samples at 22050 Hz and their reference arrays.</summary>
internal static class Clips
{
    public const int SampleRate = 22050;

    public static readonly TheoryData<string> Native22050 =
    [
        "classical.00001", "jazz.00005", "metal.00001",
        "edge_mono_22050_u8", "edge_short_0.1s_22050", "edge_tiny_0.03s_22050",
        "edge_silence_3s_22050", "edge_sine440_3s_22050",
    ];

    public static readonly TheoryData<string> Resampled = ["edge_mono_48000_float32", "edge_stereo_44100_pcm16"];

    /// <summary>The audio file librosa analysed for <paramref name="clip"/>: a GTZAN WAV or an edge-case WAV.</summary>
    public static string Input(string clip) => SharedData.RequirePath(clip.StartsWith("edge_", StringComparison.Ordinal)
        ? Path.Combine("librosa", "audio", clip + ".wav")
        : Path.Combine("gtzan", "wav", clip + ".wav"));

    /// <summary>Our <c>librosa.load(path, sr=22050)</c>: decode, mix to mono (channel mean), resample (soxr HQ).</summary>
    public static float[] Load(string clip) =>
        Resampler.Resample(AudioDecoder.Decode(Input(clip)).ToMono(), SampleRate).Samples.ToArray();

    /// <summary>
    /// The 22050 Hz mono signal librosa analysed for <paramref name="clip"/>. Resampled clips use librosa's own resampled
    /// signal so that feature tests measure the features alone; the end-to-end tests use <see cref="Load"/>.
    /// </summary>
    public static float[] Samples(string clip)
    {
        if (!clip.StartsWith("edge_", StringComparison.Ordinal) || clip.Contains("22050", StringComparison.Ordinal))
            return Load(clip);
        var resampled = Path.Combine("librosa", clip, "signal_22050_soxr_hq.bin");
        return ReferenceArray.Load(SharedData.RequirePath(resampled)).Values.Select(v => (float)v).ToArray();
    }

    public static ReferenceArray Reference(string clip, string name) =>
        ReferenceArray.Load(SharedData.RequirePath(Path.Combine("librosa", clip, name + ".bin")));

    public static string Meta(string clip) => SharedData.RequirePath(Path.Combine("librosa", clip, "meta.json"));
}
