using BenchmarkDotNet.Attributes;
using MelGenre.Audio;
using MelGenre.Audio.Decoding;
using MelGenre.Features.Mel;
using MelGenre.Model;

namespace MelGenre.Benchmarks;

/// <summary>
/// The shipped default model (<c>models/default</c> at the repository root) on one 30 s GTZAN clip: loading the model
/// folder, scoring a ready log-mel spectrogram (all patches, ensemble members averaged), and the whole inference path
/// from a decoded 22050 Hz clip (log-mel + scoring), on 1 and 2 libtorch threads. Needs ../shared beside the checkout
/// (or MELGENRE_SHARED) for the clip.
/// </summary>
public class GenreModelBenchmarks
{
    private GenreModel? _model;
    private AudioClip? _clip;
    private LogMelExtractor? _extractor;
    private MelSpectrogram? _mel;

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize(Threads);
        _model = GenreModel.Load(RepositoryFiles.DefaultModel);
        _clip = AudioDecoder.Decode(RepositoryFiles.SharedData("gtzan/wav/jazz.00005.wav")).ToMono();
        _extractor = new LogMelExtractor(_model.Features);
        _mel = _extractor.Compute(_clip);
    }

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();

    [Benchmark]
    public ClipScores ScoreLogMel() => _model!.Score(_mel!);

    [Benchmark]
    public ClipScores LogMelAndScore() => _model!.Score(_extractor!.Compute(_clip!));

    [Benchmark]
    public void LoadModel()
    {
        using var model = GenreModel.Load(RepositoryFiles.DefaultModel);
    }
}
