using BenchmarkDotNet.Attributes;
using MelGenre.Audio.Processing;

namespace MelGenre.Benchmarks;

/// <summary>30 s of mono audio to librosa's 22050 Hz with the soxr-HQ resampler (filters designed once, in setup).</summary>
[MemoryDiagnoser]
public class ResampleBenchmarks
{
    private Resampler _resampler = null!;
    private float[] _signal = [];

    [Params(44100, 48000)]
    public int SourceRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _resampler = new Resampler(SourceRate, Resampler.DefaultTargetRate);
        var random = new Random(42);
        _signal = new float[30 * SourceRate];
        for (var i = 0; i < _signal.Length; i++)
            _signal[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / SourceRate) + 0.1 * (random.NextDouble() - 0.5));
    }

    [Benchmark]
    public float[] ThirtySecondsTo22050() => _resampler.Process(_signal);

    [Benchmark]
    public Resampler DesignFilters() => new(SourceRate, Resampler.DefaultTargetRate);
}
