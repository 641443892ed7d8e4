using BenchmarkDotNet.Attributes;
using MelGenre.Features.Descriptors;

namespace MelGenre.Benchmarks;

/// <summary>
/// The GTZAN table's classic descriptors of a 30 s clip at 22050 Hz (661 794 samples, 1293 frames), single-threaded:
/// the whole set (librosa 0.10.2 needs 1.39 s, 1.22 s of it in HPSS) and its costliest part, HPSS. Synthetic signal
/// (tones plus noise, fixed seed) as in <see cref="FeatureBenchmarks"/>, so the suite runs without the shared data.
/// </summary>
[MemoryDiagnoser]
public class DescriptorBenchmarks
{
    private const int ClipSamples = 661_794;

    private readonly float[] _clip = new float[ClipSamples];
    private readonly MusicFeatures _features = new();
    private readonly HarmonicPercussiveSeparation _hpss = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < _clip.Length; i++)
            _clip[i] = 0.3f * MathF.Sin(i * 0.0627f) + 0.1f * MathF.Sin(i * 0.31f) + 0.05f * (float)(random.NextDouble() - 0.5);
    }

    /// <summary>All 57 values (STFT once, chroma with tuning, spectral shape, MFCC, tempo, HPSS, RMS, ZCR).</summary>
    [Benchmark(Baseline = true)]
    public MusicFeatureSummary AllFeatures30s() => _features.Compute(_clip);

    /// <summary><c>effects.hpss</c> alone: STFT, two median filters, the harmonic mask, one inverse STFT (percussive = input − harmonic).</summary>
    [Benchmark]
    public HarmonicPercussiveSignals Hpss30s() => _hpss.Separate(_clip);
}
