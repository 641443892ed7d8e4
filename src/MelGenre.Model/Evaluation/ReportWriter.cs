using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MelGenre.Model.Evaluation;

/// <summary>
/// Writes <see cref="ClassificationReport"/>s and <see cref="CrossValidationReport"/>s as aligned text tables for
/// people and as JSON for programs. Numbers in text have 3 decimals; JSON numbers are full precision. Culture-invariant.
/// </summary>
/// <remarks>
/// <para>JSON of a <see cref="ClassificationReport"/> (camelCase, properties always in this order, indented):</para>
/// <code>
/// {
///   "accuracy": 0.6,                // ClassificationReport.Accuracy
///   "balancedAccuracy": 0.5,        // ClassificationReport.BalancedAccuracy
///   "macroF1": 0.5,                 // ClassificationReport.MacroF1
///   "total": 10,                    // examples scored
///   "labels": ["blues", "jazz"],    // class i is labels[i]
///   "perClass": [                   // one entry per label, same order
///     { "label": "blues", "precision": 0.5, "recall": 1, "f1": 0.667, "support": 3 }
///   ],
///   "confusionMatrix": [[3, 0], [3, 4]]   // confusionMatrix[true][predicted], indices into labels
/// }
/// </code>
/// <para>JSON of a <see cref="CrossValidationReport"/>:</para>
/// <code>
/// {
///   "foldCount": 5,
///   "accuracy": { "mean": 0.712, "standardDeviation": 0.054 },   // sample SD (n − 1)
///   "balancedAccuracy": { "mean": …, "standardDeviation": … },
///   "macroF1": { "mean": …, "standardDeviation": … },
///   "folds": [ { classification report }, … ],                    // fold 0 first
///   "pooled": { classification report of the summed matrices }
/// }
/// </code>
/// </remarks>
public static class ReportWriter
{
    private const string Number = "F3";

    /// <summary>
    /// Writes the per-class table (precision, recall, F1, support), then accuracy, balanced accuracy and macro F1,
    /// then the confusion matrix (rows = true label, columns = predicted label).
    /// </summary>
    public static void WriteText(TextWriter writer, ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var total = Format(report.Total);
        List<string[]?> rows = [["", "precision", "recall", "f1", "support"]];
        rows.AddRange(report.Classes.Select(c => new[] { c.Label, Format(c.Precision), Format(c.Recall), Format(c.F1), Format(c.Support) }));
        rows.Add(null);
        rows.Add(["accuracy", "", "", Format(report.Accuracy), total]);
        rows.Add(["balanced accuracy", "", "", Format(report.BalancedAccuracy), total]);
        rows.Add(["macro f1", "", "", Format(report.MacroF1), total]);
        WriteTable(writer, rows);

        writer.WriteLine();
        writer.WriteLine("confusion matrix (rows: true label, columns: predicted label)");
        var matrix = report.Matrix;
        List<string[]?> cells = [["true \\ predicted", .. matrix.Labels]];
        for (var actual = 0; actual < matrix.ClassCount; actual++)
        {
            var row = new string[matrix.ClassCount + 1];
            row[0] = matrix.Labels[actual];
            for (var predicted = 0; predicted < matrix.ClassCount; predicted++)
                row[predicted + 1] = Format(matrix.Count(actual, predicted));
            cells.Add(row);
        }
        WriteTable(writer, cells);
    }

    /// <summary>
    /// Writes "accuracy 0.712 ± 0.054 over 5 folds" lines (mean ± sample standard deviation), one line per fold
    /// (numbered from 0 as in <c>FoldAssignment</c>), then the pooled report as <see cref="WriteText(TextWriter, ClassificationReport)"/> does.
    /// </summary>
    public static void WriteText(TextWriter writer, CrossValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var folds = Format(report.Folds.Count);
        WriteTable(writer,
        [
            ["accuracy", Format(report.Accuracy), $"over {folds} folds"],
            ["balanced accuracy", Format(report.BalancedAccuracy), $"over {folds} folds"],
            ["macro f1", Format(report.MacroF1), $"over {folds} folds"],
        ]);

        writer.WriteLine();
        List<string[]?> rows = [["fold", "accuracy", "balanced accuracy", "macro f1", "support"]];
        rows.AddRange(report.Folds.Select((f, i) => new[] { Format(i), Format(f.Accuracy), Format(f.BalancedAccuracy), Format(f.MacroF1), Format(f.Total) }));
        WriteTable(writer, rows);

        writer.WriteLine();
        writer.WriteLine($"pooled over all {folds} folds (each example scored by the model that did not train on it)");
        WriteText(writer, report.Pooled);
    }

    /// <summary>Writes <paramref name="report"/> as UTF-8 JSON (schema in the remarks), without closing the stream.</summary>
    public static void WriteJson(Stream stream, ClassificationReport report) =>
        WriteJson(stream, ClassificationReportJson.From(Checked(report)), ReportJsonContext.Default.ClassificationReportJson);

    /// <summary>Writes <paramref name="report"/> as JSON text (schema in the remarks) and a newline.</summary>
    public static void WriteJson(TextWriter writer, ClassificationReport report) =>
        WriteJson(writer, ClassificationReportJson.From(Checked(report)), ReportJsonContext.Default.ClassificationReportJson);

    /// <summary>Writes <paramref name="report"/> as UTF-8 JSON (schema in the remarks), without closing the stream.</summary>
    public static void WriteJson(Stream stream, CrossValidationReport report) =>
        WriteJson(stream, CrossValidationReportJson.From(Checked(report)), ReportJsonContext.Default.CrossValidationReportJson);

    /// <summary>Writes <paramref name="report"/> as JSON text (schema in the remarks) and a newline.</summary>
    public static void WriteJson(TextWriter writer, CrossValidationReport report) =>
        WriteJson(writer, CrossValidationReportJson.From(Checked(report)), ReportJsonContext.Default.CrossValidationReportJson);

    private static T Checked<T>(T report) where T : class
    {
        ArgumentNullException.ThrowIfNull(report);
        return report;
    }

    private static void WriteJson<T>(Stream stream, T value, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, value, type);
    }

    private static void WriteJson<T>(TextWriter writer, T value, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(JsonSerializer.Serialize(value, type));
    }

    /// <summary>
    /// Writes rows of cells as columns as wide as their widest cell, two spaces apart: the first column left-aligned
    /// (names), the others right-aligned (numbers). A null row is a blank line. Trailing spaces are trimmed.
    /// </summary>
    private static void WriteTable(TextWriter writer, IReadOnlyList<string[]?> rows)
    {
        var widths = new int[rows.Max(r => r?.Length ?? 0)];
        foreach (var row in rows)
        {
            for (var i = 0; row is not null && i < row.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        }
        var line = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; row is not null && i < row.Length; i++)
            {
                if (i == 0)
                    line.Append(row[i].PadRight(widths[i]));
                else
                    line.Append("  ").Append(row[i].PadLeft(widths[i]));
            }
            writer.WriteLine(line.ToString().TrimEnd());
        }
    }

    private static string Format(double value) => value.ToString(Number, CultureInfo.InvariantCulture);

    private static string Format(MeanAndDeviation value) => $"{Format(value.Mean)} ± {Format(value.StandardDeviation)}";

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
