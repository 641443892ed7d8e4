using System.Text.Json;
using MelGenre.Model.Checkpoints;

namespace MelGenre.Model.Tabular;

/// <summary>A genre model over feature-table rows: standardise, then multinomial logistic regression. Plain managed
/// code: no libtorch.</summary>
public sealed class FeatureModel
{
    /// <summary>Wraps a manifest after checking it is consistent.</summary>
    /// <exception cref="ArgumentException">Widths of labels, columns, standardisation and coefficients disagree.</exception>
    public FeatureModel(FeatureManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (Inconsistency(manifest) is { } problem)
            throw new ArgumentException(problem, nameof(manifest));
        Manifest = manifest;
    }

    /// <summary>Everything the model is, as saved.</summary>
    public FeatureManifest Manifest { get; }

    /// <summary>Genres in output order.</summary>
    public IReadOnlyList<string> Labels => Manifest.Labels;

    /// <summary>Feature columns in input order.</summary>
    public IReadOnlyList<string> Columns => Manifest.Columns;

    /// <summary>Every genre's probability for one row's values (in <see cref="Columns"/> order), summing to 1.</summary>
    public double[] Predict(IReadOnlyList<double> values) =>
        Manifest.Classifier.Probabilities(Manifest.Standardisation.Apply(values));

    /// <summary>Writes <see cref="FeatureManifest.FileName"/> into <paramref name="folder"/> (created if needed).</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FeatureManifest.FileName),
            JsonSerializer.Serialize(Manifest, FeatureManifestJson.Default.FeatureManifest) + "\n");
    }

    /// <summary>Loads the model in <paramref name="folder"/>.</summary>
    /// <param name="folder">Folder holding <see cref="FeatureManifest.FileName"/>.</param>
    /// <param name="columns">The columns the caller's rows have; null skips the check.</param>
    /// <exception cref="ModelLoadException">Missing, unreadable, of another version or kind, inconsistent, or expecting
    /// other columns than <paramref name="columns"/>.</exception>
    public static FeatureModel Load(string folder, IReadOnlyList<string>? columns = null)
    {
        var path = Path.Combine(folder, FeatureManifest.FileName);
        if (!File.Exists(path))
            throw new ModelLoadException(ModelLoadErrorKind.Missing, folder, $"no {FeatureManifest.FileName} (not a feature-table model)");
        FeatureManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllText(path), FeatureManifestJson.Default.FeatureManifest)
                ?? throw new JsonException("null manifest");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder, $"{FeatureManifest.FileName} is not valid: {e.Message}", e);
        }
        if (manifest.FormatVersion != FeatureManifest.CurrentFormatVersion)
            throw new ModelLoadException(ModelLoadErrorKind.UnsupportedVersion, folder,
                $"format version {manifest.FormatVersion}; this MelGenre reads {FeatureManifest.CurrentFormatVersion}");
        if (manifest.Kind != FeatureManifest.LogisticRegressionKind)
            throw new ModelLoadException(ModelLoadErrorKind.UnknownArchitecture, folder,
                $"kind '{manifest.Kind}'; this MelGenre knows {FeatureManifest.LogisticRegressionKind}");
        if (Inconsistency(manifest) is { } problem)
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder, problem);
        if (columns is not null && !columns.SequenceEqual(manifest.Columns, StringComparer.Ordinal))
        {
            var differ = manifest.Columns.Except(columns).Concat(columns.Except(manifest.Columns)).Take(3).ToList();
            throw new ModelLoadException(ModelLoadErrorKind.FeatureMismatch, folder,
                $"the model expects {manifest.Columns.Count} columns, the input has {columns.Count}"
                + (differ.Count > 0 ? $" (differing: {string.Join(", ", differ)})" : " in another order"));
        }
        return new FeatureModel(manifest);
    }

    private static string? Inconsistency(FeatureManifest m)
    {
        var width = m.Columns.Count;
        if (m.Labels.Count < 2 || m.Labels.Distinct(StringComparer.Ordinal).Count() != m.Labels.Count)
            return $"labels must be at least two and distinct, got {m.Labels.Count}";
        if (m.Standardisation.Mean.Count != width || m.Standardisation.Scale.Count != width)
            return $"standardisation has {m.Standardisation.Mean.Count}/{m.Standardisation.Scale.Count} values for {width} columns";
        if (m.Standardisation.Scale.Any(s => !(s > 0)))
            return "a standardisation scale is not positive";
        if (m.Classifier.ClassCount != m.Labels.Count || m.Classifier.Weights.Count != m.Labels.Count)
            return $"classifier has {m.Classifier.ClassCount} classes for {m.Labels.Count} labels";
        if (m.Classifier.Weights.Any(w => w.Count != width))
            return $"a coefficient row does not have {width} values";
        return null;
    }
}
