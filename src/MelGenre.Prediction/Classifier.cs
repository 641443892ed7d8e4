using System.Collections.ObjectModel;
using MelGenre.Audio;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;
using MelGenre.Features.Mel;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;

namespace MelGenre.Prediction;

/// <summary>
/// Tells the genre of audio with a trained <see cref="GenreModel"/>: decode → mono → resample to the model's rate →
/// log-mel with the model's <see cref="GenreModel.Features"/> → score fixed-length patches → average.
/// </summary>
/// <remarks>
/// Thread-safe: any number of threads may call <c>Classify</c> at once. Decoding and log-mel run in parallel (each
/// thread gets its own <see cref="LogMelExtractor"/>, which owns work buffers and is not thread-safe); the network
/// calls are serialised by <see cref="GenreModel.Score"/>. Call <see cref="TorchRuntime.Initialize"/> once before
/// loading. Dispose the classifier to free the model's native memory.
/// </remarks>
public sealed class Classifier : IDisposable
{
    private readonly ThreadLocal<LogMelExtractor> _extractors;

    /// <summary>Wraps a loaded model; the classifier owns it from now on and disposes it.</summary>
    public Classifier(GenreModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var features = model.Features;
        _extractors = new ThreadLocal<LogMelExtractor>(() => new LogMelExtractor(features));
    }

    /// <summary>Where the shipped default model lives: <c>models/default</c> beside the application's assemblies.</summary>
    public static string DefaultModelFolder => Path.Combine(AppContext.BaseDirectory, "models", "default");

    /// <summary>The model.</summary>
    public GenreModel Model { get; }

    /// <summary>The genres the model tells apart, in its output order.</summary>
    public IReadOnlyList<string> Labels => Model.Labels;

    /// <summary>Loads and checks a model folder (<c>manifest.json</c> + weights).</summary>
    /// <param name="modelFolder">The model folder; null (default) = <see cref="DefaultModelFolder"/>, the shipped model.</param>
    /// <exception cref="ModelLoadException">The folder cannot be used; its message says why.</exception>
    public static Classifier Load(string? modelFolder = null) => new(GenreModel.Load(modelFolder ?? DefaultModelFolder));

    /// <summary>Classifies the audio file at <paramref name="path"/> (format recognised by its bytes).</summary>
    /// <exception cref="AudioDecodeException">The file cannot be read or decoded.</exception>
    public GenrePrediction Classify(string path, ClassifyOptions? options = null)
    {
        CheckOptions(options);
        return Classify(AudioDecoder.Decode(path), options);
    }

    /// <summary>Classifies the audio in <paramref name="stream"/>, read from its current position to its end; the
    /// stream is left open.</summary>
    /// <param name="stream">Readable; need not be seekable.</param>
    /// <param name="name">What decoding errors call the input (e.g. an upload's file name); null: a generic name.</param>
    /// <param name="options">Null: <see cref="ClassifyOptions.Default"/>.</param>
    /// <exception cref="AudioDecodeException">The stream fails or is not audio we decode.</exception>
    public GenrePrediction Classify(Stream stream, string? name = null, ClassifyOptions? options = null)
    {
        CheckOptions(options);
        return Classify(AudioDecoder.Decode(stream, name), options);
    }

    /// <summary>Classifies a decoded clip at any rate and channel count (mixed to mono and resampled here).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="ClassifyOptions.Validate"/>).</exception>
    public GenrePrediction Classify(AudioClip clip, ClassifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        options = CheckOptions(options);
        var features = Model.Features;
        var mono = Resampler.Resample(clip.ToMono(), features.SampleRate);
        var mel = _extractors.Value!.Compute(mono);
        var scores = Model.Score(mel, HopFrames(options.HopSeconds));

        SegmentPrediction[] segments = options.IncludeSegments ? [.. scores.Patches.Select(Segment)] : [];
        var probabilities = Normalised(scores.Probabilities);
        return new GenrePrediction(clip.Duration.TotalSeconds, Labels, probabilities, TopOf(probabilities), segments);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _extractors.Dispose();
        Model.Dispose();
    }

    private static ClassifyOptions CheckOptions(ClassifyOptions? options)
    {
        options ??= ClassifyOptions.Default;
        options.Validate();
        return options;
    }

    /// <summary>Seconds → frames at the model's hop, rounded, at least one frame; null keeps the manifest's hop.</summary>
    private int? HopFrames(double? hopSeconds)
    {
        if (hopSeconds is not { } seconds)
            return null;
        var features = Model.Features;
        var frames = Math.Round(seconds * features.SampleRate / features.HopLength);
        return (int)Math.Clamp(frames, 1, int.MaxValue);
    }

    private SegmentPrediction Segment(PatchScore patch)
    {
        var probabilities = Normalised(patch.Probabilities.Span.ToArray());
        return new SegmentPrediction(patch.StartSeconds, patch.EndSeconds, TopOf(probabilities), probabilities);
    }

    /// <summary>Float32 probabilities as doubles in label order, divided by their sum so that they sum to 1 in double
    /// precision (the network's float32 softmax and mean leave a few 1e-7 of slack).</summary>
    private ReadOnlyDictionary<string, double> Normalised(IReadOnlyList<float> probabilities)
    {
        double sum = 0;
        foreach (var p in probabilities)
            sum += p;
        var ordered = new OrderedDictionary<string, double>(Labels.Count);
        for (var i = 0; i < Labels.Count; i++)
            ordered.Add(Labels[i], probabilities[i] / sum);
        return new ReadOnlyDictionary<string, double>(ordered);
    }

    private static string TopOf(IReadOnlyDictionary<string, double> probabilities) =>
        GenreProbability.Ranked(probabilities, 1)[0].Genre;
}
