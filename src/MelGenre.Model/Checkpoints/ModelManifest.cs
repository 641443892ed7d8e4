using System.Text.Json.Serialization;
using MelGenre.Features.Mel;
using MelGenre.Model.Embeddings;

namespace MelGenre.Model.Checkpoints;

/// <summary>
/// Everything needed to use a saved model correctly, stored as <c>manifest.json</c> beside its weights: the labels in
/// output order, the exact log-mel parameters and patch length the network was trained on, its architecture, where
/// its training data came from, how well it did, and a SHA-256 of every weights file.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The manifest format this version of MelGenre writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Format of this manifest; loading refuses versions newer than <see cref="CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Short name of the model, e.g. <c>melgenre-gtzan-cnn</c>.</summary>
    public required string Name { get; init; }

    /// <summary>When the model was saved (UTC).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Genres in the network's output order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Version of the decode → mono → resample → log-mel pipeline the features came from.</summary>
    public int FeaturePipelineVersion { get; init; } = Data.FeatureCache.PipelineVersion;

    /// <summary>Log-mel parameters of the network's input; inference must compute features with exactly these.</summary>
    public required LogMelOptions Features { get; init; }

    /// <summary>Frames per patch the network scores.</summary>
    public required int PatchFrames { get; init; }

    /// <summary>Default hop between the patches of a clip at inference, in frames.</summary>
    public required int HopFrames { get; init; }

    /// <summary>The network's architecture and its options.</summary>
    public required ModelArchitecture Architecture { get; init; }

    /// <summary>The networks whose mean probability is the model's answer (one, or several for an ensemble).</summary>
    public required IReadOnlyList<ModelMember> Members { get; init; }

    /// <summary>How the model was trained; null when unknown.</summary>
    public TrainingRecord? Training { get; init; }

    /// <summary>Measured quality, each figure with the protocol that produced it.</summary>
    public IReadOnlyList<ModelMetric> Metrics { get; init; } = [];
}

/// <summary>
/// The members' architecture: <see cref="Kind"/> names it and exactly one options record, the one of that kind, gives
/// its shape (the other is null and left out of the JSON).
/// </summary>
/// <param name="Kind"><see cref="GenreCnnKind"/> or <see cref="ResNet18MlpKind"/>.</param>
/// <param name="Cnn">Options of a <see cref="GenreCnn"/>; set for <see cref="GenreCnnKind"/> only.</param>
/// <param name="EmbeddingHead">Options of an <see cref="Embeddings.EmbeddingHead"/> and its backbone; set for
/// <see cref="ResNet18MlpKind"/> only.</param>
public sealed record ModelArchitecture(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GenreCnnOptions? Cnn = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EmbeddingHeadOptions? EmbeddingHead = null)
{
    /// <summary>Kind name of <see cref="GenreCnn"/>.</summary>
    public const string GenreCnnKind = "genre-cnn";

    /// <summary>Kind name of <see cref="Embeddings.EmbeddingHeadNetwork"/>: frozen ImageNet ResNet18 features of
    /// magma-coloured patches under an MLP head.</summary>
    public const string ResNet18MlpKind = "resnet18-mlp";

    /// <summary>Every kind this MelGenre can load.</summary>
    public static IReadOnlyList<string> KnownKinds { get; } = [GenreCnnKind, ResNet18MlpKind];

    /// <summary>The architecture of <see cref="GenreCnn"/>s with <paramref name="options"/>.</summary>
    public static ModelArchitecture ForCnn(GenreCnnOptions options) =>
        new(GenreCnnKind, Cnn: options ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>The architecture of <see cref="Embeddings.EmbeddingHeadNetwork"/>s with <paramref name="options"/>.</summary>
    public static ModelArchitecture ForResNet18Mlp(EmbeddingHeadOptions options) =>
        new(ResNet18MlpKind, EmbeddingHead: options ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>Output width of the networks, or null when <see cref="Kind"/> and the options do not match.</summary>
    [JsonIgnore]
    public int? LabelCount => Kind switch
    {
        GenreCnnKind when Cnn is not null && EmbeddingHead is null => Cnn.LabelCount,
        ResNet18MlpKind when EmbeddingHead is not null && Cnn is null => EmbeddingHead.LabelCount,
        _ => null,
    };

    /// <summary>Whether networks of both architectures can be averaged as one model's members: same kind and layer
    /// shapes, same pictures and backbone (input standardisation may differ).</summary>
    public bool CanEnsembleWith(ModelArchitecture other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Kind != other.Kind || LabelCount != other.LabelCount)
            return false;
        if (Cnn is { } cnn && other.Cnn is { } otherCnn)
            return cnn.BlockChannels.SequenceEqual(otherCnn.BlockChannels);
        return EmbeddingHead is { } head && other.EmbeddingHead is { } otherHead &&
               head.HiddenWidth == otherHead.HiddenWidth && head.Image == otherHead.Image && head.Backbone == otherHead.Backbone;
    }
}

/// <summary>One network of the model: its weights file (relative to the model folder), the file's SHA-256 and the seed it was trained with.</summary>
public sealed record ModelMember(string File, string Sha256, int Seed);

/// <summary>Where the training data came from and how the training ran.</summary>
/// <param name="Command">The command line that trained the model, to reproduce it.</param>
/// <param name="Clips">Training clips, as paths relative to the data folder, sorted.</param>
/// <param name="ClipsSha256">SHA-256 of <paramref name="Clips"/> joined by newlines, to compare training sets at a glance.</param>
/// <param name="Options">The trainer's settings.</param>
/// <param name="Epochs">Epochs run per member.</param>
/// <param name="Seconds">Wall time of the whole training.</param>
/// <param name="PatchesPerSecond">Mean training throughput.</param>
/// <param name="Threads">libtorch threads used.</param>
public sealed record TrainingRecord(string Command, IReadOnlyList<string> Clips, string ClipsSha256,
    Training.TrainingOptions Options, int Epochs, double Seconds, double PatchesPerSecond, int Threads);

/// <summary>A measured figure of the model, e.g. accuracy on an artist-disjoint validation split.</summary>
/// <param name="Protocol">How it was measured, in words (which data, which split, which model).</param>
/// <param name="Accuracy">Fraction of clips whose top genre was right.</param>
/// <param name="BalancedAccuracy">Mean per-genre recall over the genres present.</param>
/// <param name="AccuracyStandardDeviation">Spread over folds or seeds, when the figure is a mean.</param>
/// <param name="BalancedAccuracyStandardDeviation">Spread of the balanced accuracy, when the figure is a mean.</param>
public sealed record ModelMetric(string Protocol, double Accuracy, double BalancedAccuracy,
    double? AccuracyStandardDeviation = null, double? BalancedAccuracyStandardDeviation = null);
