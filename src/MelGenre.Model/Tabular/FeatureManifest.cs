using System.Text.Json.Serialization;
using MelGenre.Model.Checkpoints;

namespace MelGenre.Model.Tabular;

/// <summary>
/// <c>features-manifest.json</c>: a model over the GTZAN feature table's columns (not audio patches, so it has its own
/// file and kind and <see cref="GenreModel.Load"/> never mistakes it for a network): labels in output order, the feature
/// columns in input order, the standardisation, the coefficients, how it was trained and how well it did.
/// </summary>
public sealed record FeatureManifest
{
    /// <summary>File name inside the model folder.</summary>
    public const string FileName = "features-manifest.json";

    /// <summary>The format this version of MelGenre writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Kind of a standardised multinomial logistic regression.</summary>
    public const string LogisticRegressionKind = "gtzan-features-logreg";

    /// <summary>Format of this manifest; loading refuses any other.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>What the model is; only <see cref="LogisticRegressionKind"/> so far.</summary>
    public string Kind { get; init; } = LogisticRegressionKind;

    /// <summary>Short name, e.g. <c>melgenre-gtzan-features</c>.</summary>
    public required string Name { get; init; }

    /// <summary>When the model was saved (UTC).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Genres in output order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Feature columns in input order; inputs must have exactly these.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Standardisation applied to the columns before the classifier.</summary>
    public required Standardisation Standardisation { get; init; }

    /// <summary>The classifier on standardised inputs: a row of coefficients per label, an intercept per label.</summary>
    public required SoftmaxRegression Classifier { get; init; }

    /// <summary>How it was trained; null when unknown.</summary>
    public FeatureTrainingRecord? Training { get; init; }

    /// <summary>Measured quality, each figure with its protocol.</summary>
    public IReadOnlyList<ModelMetric> Metrics { get; init; } = [];
}

/// <summary>How a feature model was trained.</summary>
/// <param name="Command">The command line that trained it.</param>
/// <param name="Rows">Number of training rows.</param>
/// <param name="RowsSha256">SHA-256 of the training rows' file names, sorted and joined by newlines.</param>
/// <param name="L2">The chosen penalty on the mean loss.</param>
/// <param name="Selection">How <paramref name="L2"/> was chosen, in words (grid, folds, score).</param>
public sealed record FeatureTrainingRecord(string Command, int Rows, string RowsSha256, double L2, string Selection);

/// <summary>features-manifest.json's serialisation: camelCase, indented, strict about unknown properties.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FeatureManifest))]
internal sealed partial class FeatureManifestJson : JsonSerializerContext;
