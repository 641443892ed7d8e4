using BenchmarkDotNet.Attributes;
using MelGenre.Audio.Processing;

namespace MelGenre.Benchmarks;

/// <summary>30 s of mono audio to librosa's 22050 Hz with the soxr-HQ resampler (filters designed once, in setup).</summary>
[MemoryDiagnoser]
public class ResampleBenchmarks
{
    private const int StreamBlock = 16384;

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

    [Benchmark(Baseline = true)]
    public float[] ThirtySecondsTo22050() => _resampler.Process(_signal);

    /// <summary>The same 30 s through <see cref="StreamingResampler"/> in 16384-sample blocks (MonoAudioStream's), read as
    /// it goes: the cost of the context recomputed around each chunk and of the copies.</summary>
    [Benchmark]
    public float ThirtySecondsTo22050Streaming()
    {
        var streaming = new StreamingResampler(_resampler);
        Span<float> output = stackalloc float[4096];
        var last = 0f;
        for (var i = 0; i < _signal.Length; i += StreamBlock)
        {
            streaming.Write(_signal.AsSpan(i, Math.Min(StreamBlock, _signal.Length - i)));
            for (int read; (read = streaming.Read(output)) > 0;)
                last = output[read - 1];
        }
        streaming.Complete();
        for (int read; (read = streaming.Read(output)) > 0;)
            last = output[read - 1];
        return last;
    }

    [Benchmark]
    public Resampler DesignFilters() => new(SourceRate, Resampler.DefaultTargetRate);
}
