using System.Text.Json.Serialization;

namespace MelGenre.Model.Evaluation;

/// <summary>JSON shape of a <see cref="ClassificationReport"/> (schema in <see cref="ReportWriter"/>).</summary>
internal sealed record ClassificationReportJson(
    double Accuracy,
    double BalancedAccuracy,
    double MacroF1,
    int Total,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ClassMetricsJson> PerClass,
    IReadOnlyList<int[]> ConfusionMatrix)
{
    public static ClassificationReportJson From(ClassificationReport report)
    {
        var matrix = report.Matrix;
        var n = matrix.ClassCount;
        var rows = new int[n][];
        for (var actual = 0; actual < n; actual++)
            rows[actual] = matrix.Counts.Span.Slice(actual * n, n).ToArray();
        return new ClassificationReportJson(report.Accuracy, report.BalancedAccuracy, report.MacroF1, report.Total, report.Labels,
            [.. report.Classes.Select(c => new ClassMetricsJson(c.Label, c.Precision, c.Recall, c.F1, c.Support))], rows);
    }
}

/// <summary>JSON shape of one <see cref="ClassMetrics"/>.</summary>
internal sealed record ClassMetricsJson(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>JSON shape of a <see cref="MeanAndDeviation"/>.</summary>
internal sealed record MeanAndDeviationJson(double Mean, double StandardDeviation)
{
    public static MeanAndDeviationJson From(MeanAndDeviation value) => new(value.Mean, value.StandardDeviation);
}

/// <summary>JSON shape of a <see cref="CrossValidationReport"/> (schema in <see cref="ReportWriter"/>).</summary>
internal sealed record CrossValidationReportJson(
    int FoldCount,
    MeanAndDeviationJson Accuracy,
    MeanAndDeviationJson BalancedAccuracy,
    MeanAndDeviationJson MacroF1,
    IReadOnlyList<ClassificationReportJson> Folds,
    ClassificationReportJson Pooled)
{
    public static CrossValidationReportJson From(CrossValidationReport report) => new(
        report.Folds.Count,
        MeanAndDeviationJson.From(report.Accuracy),
        MeanAndDeviationJson.From(report.BalancedAccuracy),
        MeanAndDeviationJson.From(report.MacroF1),
        [.. report.Folds.Select(ClassificationReportJson.From)],
        ClassificationReportJson.From(report.Pooled));
}

/// <summary>Compile-time JSON for the report shapes: camelCase names in declaration order, indented, and usable where
/// reflection-based serialisation is off (trimmed or AOT hosts).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ClassificationReportJson))]
[JsonSerializable(typeof(CrossValidationReportJson))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
