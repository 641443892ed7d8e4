using System.CommandLine;
using MelGenre.Cli.Output;
using MelGenre.Model;
using MelGenre.Model.Evaluation;
using MelGenre.Plots;

namespace MelGenre.Cli.Commands.Training;

/// <summary>
/// <c>melgenre evaluate --data DIR [--list F] [--model DIR] [--format text|json] [--plot FILE]</c>: accuracy, balanced
/// accuracy, per-genre precision/recall/F1 and the confusion matrix of a model on labelled clips.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = DatasetFeatures.DataOption();
        var list = new Option<string?>("--list") { Description = "File listing the clips to evaluate (one path relative to --data per line); default: every clip." };
        var model = ModelOption.Create();
        var format = new Option<ReportFormat>("--format") { Description = "text or json.", DefaultValueFactory = _ => ReportFormat.Text };
        var plot = new Option<string?>("--plot") { Description = "Also draw the confusion matrix to this PNG file." };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var command = new Command("evaluate", "Measure a model on labelled audio: accuracy, balanced accuracy, per-genre scores, confusion matrix.")
        {
            data, list, model, format, plot, threads,
        };
        command.SetAction(parsed =>
        {
            var log = parsed.InvocationConfiguration.Error;
            TorchRuntime.Initialize(Math.Max(1, parsed.GetValue(threads)));
            using var loaded = ModelOption.Load(parsed.GetValue(model), log);
            if (loaded is null)
                return ExitCodes.UsageError;
            var dataset = DatasetFeatures.Scan(parsed.GetValue(data)!, parsed.GetValue(list), log);
            var clips = DatasetFeatures.Load(dataset.Clips, loaded.Features, log);
            if (clips.Count == 0)
            {
                log.WriteLine("melgenre: no usable clips to evaluate.");
                return ExitCodes.UsageError;
            }
            var report = new ClassificationReport(ModelEvaluation.Evaluate(loaded, dataset.Labels, clips));
            var output = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(format) == ReportFormat.Json)
                ReportWriter.WriteJson(output, report);
            else
                ReportWriter.WriteText(output, report);
            if (parsed.GetValue(plot) is { } png)
                AtomicFile.WriteAllBytes(png, ConfusionMatrixPlot.RenderPng(new ConfusionCounts(report.Labels, report.Matrix.Counts)));
            return ExitCodes.Success;
        });
        return command;
    }
}
