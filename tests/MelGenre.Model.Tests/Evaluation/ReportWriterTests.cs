using System.Text;
using System.Text.Json;
using MelGenre.Model.Evaluation;

namespace MelGenre.Model.Tests.Evaluation;

public sealed class ReportWriterTests
{
    private static CrossValidationReport TwoFolds() => new(
    [
        new ClassificationReport(Matrices.ThreeGenres()),
        new ClassificationReport(new ConfusionMatrix(["blues", "jazz", "rock"], [4, 0, 0, 0, 4, 0, 1, 1, 2])),
    ]);

    private static string Text(Action<TextWriter> write)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        write(writer);
        return writer.ToString();
    }

    private static string[] Tokens(string text, string firstWord)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(firstWord + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no line starts with \"{firstWord}\" in:\n{text}");
        return line[firstWord.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Text_report_has_a_row_per_class_then_the_summary_scores()
    {
        var text = Text(w => ReportWriter.WriteText(w, new ClassificationReport(Matrices.ThreeGenres())));
        // 5/7, 5/6, 10/13 and support 6; 1/2, 1/2, 1/2, 6; 6/7, 3/4, 4/5, 8.
        Assert.Equal(["0.714", "0.833", "0.769", "6"], Tokens(text, "blues"));
        Assert.Equal(["0.500", "0.500", "0.500", "6"], Tokens(text, "jazz"));
        Assert.Equal(["0.857", "0.750", "0.800", "8"], Tokens(text, "rock"));
        Assert.Equal(["0.700", "20"], Tokens(text, "accuracy"));
        Assert.Equal(["0.694", "20"], Tokens(text, "balanced accuracy")); // 25/36
        Assert.Equal(["0.690", "20"], Tokens(text, "macro f1"));
    }

    [Fact]
    public void Text_columns_are_right_aligned_under_their_headers()
    {
        var lines = Text(w => ReportWriter.WriteText(w, new ClassificationReport(Matrices.ThreeGenres()))).Split('\n');
        var header = lines[0];
        var blues = lines.First(l => l.StartsWith("blues ", StringComparison.Ordinal));
        foreach (var (heading, value) in new[] { ("precision", "0.714"), ("recall", "0.833"), ("support", "6") })
        {
            var headingEnd = header.IndexOf(heading, StringComparison.Ordinal) + heading.Length;
            var valueEnd = blues.IndexOf(" " + value, StringComparison.Ordinal) + 1 + value.Length;
            Assert.True(headingEnd == valueEnd, $"\"{heading}\" ends at column {headingEnd} but blues' {value} at {valueEnd}:\n{header}\n{blues}");
        }
    }

    [Fact]
    public void Text_confusion_matrix_has_true_labels_down_and_predicted_labels_across()
    {
        var text = Text(w => ReportWriter.WriteText(w, new ClassificationReport(Matrices.ThreeGenres())));
        var matrix = text[text.IndexOf("confusion matrix", StringComparison.Ordinal)..];
        Assert.Equal(["\\", "predicted", "blues", "jazz", "rock"], Tokens(matrix, "true"));
        Assert.Equal(["2", "3", "1"], Tokens(matrix, "jazz"));
        Assert.Equal(["0", "2", "6"], Tokens(matrix, "rock"));
    }

    [Fact]
    public void Cross_validation_text_gives_mean_plus_minus_sd_then_each_fold_then_the_pooled_report()
    {
        var cv = TwoFolds();
        var text = Text(w => ReportWriter.WriteText(w, cv));
        // Fold accuracies 0.7 and 10/12: mean 0.7667, sample SD |0.7 − 0.8333| / sqrt 2 = 0.0943.
        Assert.Equal(["0.767", "±", "0.094", "over", "2", "folds"], Tokens(text, "accuracy"));
        Assert.Equal(["0.700", "0.694", "0.690", "20"], Tokens(text, "0"));
        Assert.Equal(["0.833", "0.833", "0.815", "12"], Tokens(text, "1")); // F1 8/9, 8/9, 2/3
        Assert.Contains("pooled over all 2 folds", text, StringComparison.Ordinal);
        Assert.Equal(["0.750", "32"], Tokens(text[text.IndexOf("pooled", StringComparison.Ordinal)..], "accuracy"));
    }

    [Fact]
    public void Json_report_has_camel_case_properties_in_a_fixed_order_and_full_precision_values()
    {
        using var stream = new MemoryStream();
        ReportWriter.WriteJson(stream, new ClassificationReport(Matrices.OnlyPredictedAndNeverPredicted()));
        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal(["accuracy", "balancedAccuracy", "macroF1", "total", "labels", "perClass", "confusionMatrix"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.5, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(5.0 / 12, root.GetProperty("balancedAccuracy").GetDouble());
        Assert.Equal(19.0 / 45, root.GetProperty("macroF1").GetDouble());
        Assert.Equal(10, root.GetProperty("total").GetInt32());
        Assert.Equal(["blues", "classical", "country", "disco"], root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));

        var classical = root.GetProperty("perClass")[1];
        Assert.Equal(["label", "precision", "recall", "f1", "support"], classical.EnumerateObject().Select(p => p.Name));
        Assert.Equal("classical", classical.GetProperty("label").GetString());
        Assert.Equal(2.0 / 3, classical.GetProperty("f1").GetDouble());
        Assert.Equal(4, classical.GetProperty("support").GetInt32());

        // confusionMatrix[true][predicted]: the two disco examples were predicted as blues.
        var rows = root.GetProperty("confusionMatrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        Assert.Equal([[3, 0, 1, 0], [1, 2, 1, 0], [0, 0, 0, 0], [2, 0, 0, 0]], rows);
    }

    [Fact]
    public void Cross_validation_json_holds_spreads_folds_and_pooled_report()
    {
        var text = Text(w => ReportWriter.WriteJson(w, TwoFolds()));
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(["foldCount", "accuracy", "balancedAccuracy", "macroF1", "folds", "pooled"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("foldCount").GetInt32());
        var accuracy = root.GetProperty("accuracy");
        Assert.Equal(["mean", "standardDeviation"], accuracy.EnumerateObject().Select(p => p.Name));
        Assert.Equal((0.7 + 10.0 / 12) / 2, accuracy.GetProperty("mean").GetDouble(), Matrices.Tolerance);
        Assert.Equal((10.0 / 12 - 0.7) / Math.Sqrt(2), accuracy.GetProperty("standardDeviation").GetDouble(), Matrices.Tolerance);
        Assert.Equal(2, root.GetProperty("folds").GetArrayLength());
        Assert.Equal(20, root.GetProperty("folds")[0].GetProperty("total").GetInt32());
        Assert.Equal(32, root.GetProperty("pooled").GetProperty("total").GetInt32());
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_to_a_stream_and_to_a_text_writer_are_the_same_text()
    {
        var report = new ClassificationReport(Matrices.ThreeGenres());
        using var stream = new MemoryStream();
        ReportWriter.WriteJson(stream, report);
        var text = Text(w => ReportWriter.WriteJson(w, report));
        Assert.Equal(Encoding.UTF8.GetString(stream.ToArray()) + "\n", text);
    }
}
