using MelGenre.Audio;
using MelGenre.Audio.Processing;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Prediction.Pipeline;

namespace MelGenre.Prediction;

/// <summary>
/// Tells the genre of audio with a trained <see cref="GenreModel"/>: decode → mono → resample to the model's rate →
/// mel power frames → log-mel patches → the network → the mean over the patches, and a timeline of segments. Every
/// step streams, so a recording of any length is classified in bounded memory.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: any number of threads may call <c>Classify</c> at once, so one instance serves a web server or a batch
/// of files. Each call decodes and computes its features on the calling thread; one network thread owned by the
/// classifier scores the patches, merging the batches of concurrent calls, while the callers go on computing
/// features. Call <see cref="TorchRuntime.Initialize"/> once before loading. Dispose the classifier to stop its
/// network thread and free the model's native memory.
/// </para>
/// <para>
/// A recording up to <see cref="ReferenceSeconds"/> long is turned into exactly the log-mel spectrogram librosa gives
/// (dB relative to its loudest bin, <c>ref=np.max</c>), as the model was trained. A longer one takes each patch's dB
/// reference from the <see cref="ReferenceSeconds"/> around it (see the pipeline's <c>PatchAssembler</c>).
/// </para>
/// </remarks>
public sealed class Classifier : IDisposable
{
    /// <summary>Length of the context whose loudest bin is a patch's 0 dB: recordings up to this long are referenced to
    /// their own loudest bin, like the ≈ 30 s training clips; longer ones to the loudest bin around each patch.</summary>
    public const double ReferenceSeconds = 60;

    private readonly BatchScorer _scorer;
    private readonly RequestPool _requests;

    /// <summary>Wraps a loaded model; the classifier owns it from now on and disposes it.</summary>
    public Classifier(GenreModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _scorer = new BatchScorer(model);
        _requests = new RequestPool(GenreModel.MaxBatchPatches, model.Features.MelCount * model.Manifest.PatchFrames, model.Labels.Count);
    }

    /// <summary>Where the shipped default model lives: <c>models/default</c> beside the application's assemblies.</summary>
    public static string DefaultModelFolder => Path.Combine(AppContext.BaseDirectory, "models", "default");

    /// <summary>The model.</summary>
    public GenreModel Model { get; }

    /// <summary>The genres the model tells apart, in its output order.</summary>
    public IReadOnlyList<string> Labels => Model.Labels;

    /// <summary>Length of one patch the network scores, in seconds (130 frames ≈ 3.02 s for the shipped model).</summary>
    public double PatchSeconds => Model.Manifest.PatchFrames * SecondsPerFrame;

    /// <summary>The model's own hop between patches, in seconds (65 frames ≈ 1.51 s for the shipped model).</summary>
    public double DefaultHopSeconds => Model.Manifest.HopFrames * SecondsPerFrame;

    private double SecondsPerFrame => (double)Model.Features.HopLength / Model.Features.SampleRate;

    /// <summary>Loads and checks a model folder (<c>manifest.json</c> + weights).</summary>
    /// <param name="modelFolder">The model folder; null (default) = <see cref="DefaultModelFolder"/>, the shipped model.</param>
    /// <exception cref="ModelLoadException">The folder cannot be used; its message says why.</exception>
    public static Classifier Load(string? modelFolder = null) => new(GenreModel.Load(modelFolder ?? DefaultModelFolder));

    /// <summary>Classifies the audio file at <paramref name="path"/> (format recognised by its bytes).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Null: <see cref="ClassifyOptions.Default"/>.</param>
    /// <exception cref="AudioDecodeException">The file cannot be read or decoded, holds no audio, or is longer than
    /// <see cref="ClassifyOptions.MaxDuration"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public GenrePrediction Classify(string path, ClassifyOptions? options = null)
    {
        var plan = Plan(options);
        using var audio = MonoAudioStream.Open(path, Model.Features.SampleRate, plan.MaxDuration);
        return new RecordingRun(plan, _scorer, _requests).Run(audio);
    }

    /// <summary>Classifies the audio in <paramref name="stream"/>, read from its current position to its end; the
    /// stream is left open.</summary>
    /// <param name="stream">Readable; need not be seekable.</param>
    /// <param name="name">What decoding errors call the input (e.g. an upload's file name); null: a generic name.</param>
    /// <param name="options">Null: <see cref="ClassifyOptions.Default"/>.</param>
    /// <exception cref="AudioDecodeException">As for <see cref="Classify(string, ClassifyOptions?)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public GenrePrediction Classify(Stream stream, string? name = null, ClassifyOptions? options = null)
    {
        var plan = Plan(options);
        using var audio = MonoAudioStream.Open(stream, name, Model.Features.SampleRate, plan.MaxDuration);
        return new RecordingRun(plan, _scorer, _requests).Run(audio);
    }

    /// <summary>Classifies a decoded clip at any rate and channel count (mixed to mono and resampled here); gives the
    /// same probabilities as the file it was decoded from.</summary>
    /// <exception cref="AudioDecodeException">The clip holds no samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public GenrePrediction Classify(AudioClip clip, ClassifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var plan = Plan(options);
        using var audio = MonoAudioStream.FromClip(clip, Model.Features.SampleRate);
        return new RecordingRun(plan, _scorer, _requests).Run(audio);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _scorer.Dispose();
        _requests.Dispose();
        Model.Dispose();
    }

    /// <summary>Throws when <paramref name="options"/> do not suit this model (hosts check their settings once, before
    /// any input).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range, or a segment is shorter than the hop.</exception>
    public void CheckOptions(ClassifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Plan(options);
    }

    /// <summary>The options in frames, checked against the model.</summary>
    private PipelinePlan Plan(ClassifyOptions? options)
    {
        options ??= ClassifyOptions.Default;
        options.Validate();
        var manifest = Model.Manifest;
        var hop = options.HopSeconds is { } hopSeconds ? Frames(hopSeconds) : manifest.HopFrames;
        int? segment = options.SegmentSeconds is { } segmentSeconds ? Frames(segmentSeconds) : null;
        if (segment < hop)
            throw new ArgumentOutOfRangeException(nameof(options), options.SegmentSeconds,
                $"A segment ({options.SegmentSeconds} s) must be at least one hop ({hop * SecondsPerFrame:0.###} s) long.");
        var reference = (int)Math.Ceiling(ReferenceSeconds / SecondsPerFrame);
        return new PipelinePlan(Labels, Model.Features, manifest.PatchFrames, hop, reference, segment, options.IncludeSegments, options.MaxDuration);
    }

    /// <summary>Seconds → frames of the model's features, rounded, at least one.</summary>
    private int Frames(double seconds) => (int)Math.Clamp(Math.Round(seconds / SecondsPerFrame), 1, int.MaxValue);
}
