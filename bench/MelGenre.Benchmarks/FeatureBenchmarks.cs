using BenchmarkDotNet.Attributes;
using MelGenre.Features.Mel;
using MelGenre.Features.Transforms;
using MelGenre.Features.Windows;

namespace MelGenre.Benchmarks;

/// <summary>
/// Log-mel features of a 30 s clip at 22050 Hz (661 794 samples, 1293 frames; librosa 0.10.2 takes 15–19 ms),
/// and their parts. Single-threaded. The signal is synthetic (tones plus noise, fixed seed): cost does not depend
/// on content, and the suite runs without the shared data.
/// </summary>
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private const int ClipSamples = 661_794;

    private readonly float[] _clip = new float[ClipSamples];
    private readonly LogMelExtractor _extractor = new();
    private readonly RealFft _fft = new(2048);
    private readonly float[] _window = HannWindow.ForStft(2048, 2048);
    private readonly float[] _power = new float[1025];
    private readonly float[] _frames = new float[128 * 16];
    private float[] _output = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < _clip.Length; i++)
            _clip[i] = 0.3f * MathF.Sin(i * 0.0627f) + 0.1f * MathF.Sin(i * 0.31f) + 0.05f * (float)(random.NextDouble() - 0.5);
        _output = new float[_extractor.Options.MelCount * _extractor.FrameCount(ClipSamples)];
    }

    /// <summary>Steady state: caller-owned output, nothing allocated.</summary>
    [Benchmark(Baseline = true)]
    public void LogMel30sInto() => _extractor.ComputeInto(_clip, _output);

    /// <summary>The convenience call: allocates the 128 × 1293 output once.</summary>
    [Benchmark]
    public MelSpectrogram LogMel30s() => _extractor.Compute(_clip);

    /// <summary>Mel power of the whole clip at once (allocates the 128 × 1293 output): the reference for the stream below.</summary>
    [Benchmark]
    public MelSpectrogram MelPower30s() => _extractor.ComputePower(_clip);

    /// <summary>The same mel power through a new <see cref="MelPowerStream"/> fed 4096-sample blocks, read 16 frames at a time.</summary>
    [Benchmark]
    public long MelPowerStream30sBlocks4096()
    {
        var stream = new MelPowerStream();
        for (var start = 0; start < _clip.Length; start += 4096)
        {
            stream.Write(_clip.AsSpan(start, Math.Min(4096, _clip.Length - start)));
            while (stream.Read(_frames) > 0)
            {
            }
        }
        stream.Complete();
        while (stream.Read(_frames) > 0)
        {
        }
        return stream.FramesRead;
    }

    /// <summary>One windowed 2048-point power spectrum.</summary>
    [Benchmark]
    public void PowerSpectrum2048() => _fft.Power(_clip.AsSpan(4096, 2048), _window, _power);

    /// <summary>Building the default 128-band filterbank (once per extractor).</summary>
    [Benchmark]
    public MelFilterbank FilterbankBuild() => MelFilterbank.Create();
}
