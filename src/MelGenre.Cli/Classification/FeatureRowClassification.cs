using MelGenre.Model.Checkpoints;
using MelGenre.Model.Tabular;
using MelGenre.Prediction;

namespace MelGenre.Cli.Classification;

/// <summary><c>classify --features-csv FILE</c>: a <see cref="FeatureModel"/>'s answer for each row of a feature table,
/// as the same <see cref="FileClassification"/>s audio gets (file = the row's filename, no segments).</summary>
internal static class FeatureRowClassification
{
    /// <summary>Where the CLI looks for the feature model without <c>--model</c>: <c>models/features/</c> beside
    /// the executable (copied there from the repository's <c>models/features/</c> by the CLI project).</summary>
    public static string DefaultModelFolder => Path.Combine(AppContext.BaseDirectory, "models", "features");

    /// <summary>Loads the model (default folder when null) and classifies every row of <paramref name="table"/>.</summary>
    /// <exception cref="ModelLoadException">No usable model, or one that expects other columns.</exception>
    public static (FeatureModel Model, IReadOnlyList<FileClassification> Results) Classify(string? modelFolder, FeatureTable table)
    {
        var model = FeatureModel.Load(modelFolder ?? DefaultModelFolder, table.Columns);
        return (model, [.. table.Rows.Select(row => FileClassification.Succeeded(row.File, Predict(model, row)))]);
    }

    private static GenrePrediction Predict(FeatureModel model, FeatureRow row) =>
        GenrePrediction.FromScores(row.Duration, model.Labels, model.Predict(row.Values));
}
