using System.CommandLine;
using System.Globalization;
using MelGenre.Features.Mel;
using MelGenre.Model;
using MelGenre.Model.Data;
using MelGenre.Model.Evaluation;
using MelGenre.Model.Training;

namespace MelGenre.Cli.Commands.Training;

/// <summary>
/// <c>melgenre cv --data DIR --groups FILE --folds K</c>: group-aware K-fold cross-validation. Each artist's clips
/// land in one fold, so no fold is scored by a network that heard its artists; every fold trains a fresh network for
/// the full number of epochs (no early stopping: there is no data left to stop on honestly).
/// </summary>
internal static class CrossValidateCommand
{
    public static Command Create()
    {
        var data = DatasetFeatures.DataOption();
        var list = new Option<string?>("--list") { Description = "File listing the clips to use (one path relative to --data per line); default: every clip." };
        var groups = new Option<string>("--groups") { Description = "Artist index (GTZANindex.txt format: 'clip ::: artist ::: title' per line): clips of one artist stay in one fold.", Required = true };
        var folds = new Option<int>("--folds") { Description = "Number of folds.", DefaultValueFactory = _ => 5 };
        var format = new Option<ReportFormat>("--format") { Description = "text or json.", DefaultValueFactory = _ => ReportFormat.Text };
        var training = new TrainingOptionSet();
        var command = new Command("cv", "Artist-grouped cross-validation: accuracy and balanced accuracy as mean ± sd over folds.")
        {
            data, list, groups, folds, format,
        };
        training.AddTo(command);
        folds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 2)
                result.AddError("--folds must be at least 2.");
        });
        command.SetAction(parsed =>
        {
            var log = parsed.InvocationConfiguration.Error;
            if (training.Problem(parsed) is { } problem)
            {
                log.WriteLine($"melgenre: {problem}");
                return ExitCodes.UsageError;
            }
            TorchRuntime.Initialize(parsed.GetValue(training.Threads));
            var artists = ArtistIndex.Load(parsed.GetValue(groups)!);
            var dataset = DatasetFeatures.Scan(parsed.GetValue(data)!, parsed.GetValue(list), log);
            var features = new LogMelOptions();
            var clips = DatasetFeatures.Load(dataset.Clips, features, log);
            if (MemberTraining.Prepare(parsed.GetValue(training.Architecture), features, clips, log) is not { } trainer)
                return ExitCodes.UsageError;
            var k = parsed.GetValue(folds);
            var assignment = GroupedFolds.Create(clips, c => artists.GroupOf(c.Clip.ClipId), k, parsed.GetValue(training.Seed), c => c.Clip.Label);

            var reports = new List<ClassificationReport>();
            for (var fold = 0; fold < k; fold++)
            {
                var train = assignment.Training(fold).Select(i => clips[i]).ToArray();
                var test = assignment.Validation(fold).Select(i => clips[i]).ToArray();
                var members = new List<TrainingResult>();
                for (var m = 0; m < parsed.GetValue(training.Members); m++)
                    members.Add(trainer.Train(training.Read(parsed, m), dataset.Labels, train, [], TrainingLog.Epochs(log, $"fold {fold + 1}/{k}  ")));
                using var model = GenreModel.FromTraining($"cv-fold-{fold}", dataset.Labels, features, members);
                var report = new ClassificationReport(ModelEvaluation.Evaluate(model, dataset.Labels, test));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"fold {fold + 1}/{k}: {test.Length} clips, accuracy {report.Accuracy:P1}, balanced accuracy {report.BalancedAccuracy:P1}"));
                reports.Add(report);
            }
            var summary = new CrossValidationReport(reports);
            var output = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(format) == ReportFormat.Json)
                ReportWriter.WriteJson(output, summary);
            else
                ReportWriter.WriteText(output, summary);
            return ExitCodes.Success;
        });
        return command;
    }
}
