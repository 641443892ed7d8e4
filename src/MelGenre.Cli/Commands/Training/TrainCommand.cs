using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MelGenre.Features.Mel;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Model.Data;
using MelGenre.Model.Evaluation;
using MelGenre.Model.Training;

namespace MelGenre.Cli.Commands.Training;

/// <summary>
/// <c>melgenre train --data DIR [--train-list F] [--valid-list F] [--arch cnn|resnet18] --out DIR</c>: trains a genre model on a folder per
/// label and saves it (weights + manifest.json). With a validation list it stops early and keeps the best epoch, and
/// the manifest records the validation figures.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = DatasetFeatures.DataOption();
        var trainList = new Option<string?>("--train-list") { Description = "File listing the training clips (one path relative to --data per line); default: every clip." };
        var validList = new Option<string?>("--valid-list") { Description = "File listing validation clips: early stopping, best epoch kept, figures in the manifest." };
        var output = new Option<string>("--out", "-o") { Description = "Model folder to write.", Required = true };
        var name = new Option<string?>("--name") { Description = "Model name recorded in the manifest (default: the output folder's name)." };
        var training = new TrainingOptionSet();
        var command = new Command("train", "Train a genre model on labelled audio and save it with its manifest.")
        {
            data, trainList, validList, output, name,
        };
        training.AddTo(command);
        command.SetAction(parsed =>
        {
            var log = parsed.InvocationConfiguration.Error;
            if (training.Problem(parsed) is { } problem)
            {
                log.WriteLine($"melgenre: {problem}");
                return ExitCodes.UsageError;
            }
            var dataFolder = parsed.GetValue(data)!;
            var outputFolder = parsed.GetValue(output)!;
            var validListFile = parsed.GetValue(validList);
            TorchRuntime.Initialize(parsed.GetValue(training.Threads));

            var features = new LogMelOptions();
            var trainSet = DatasetFeatures.Scan(dataFolder, parsed.GetValue(trainList), log);
            var trainClips = DatasetFeatures.Load(trainSet.Clips, features, log);
            var validClips = validListFile is null ? [] : DatasetFeatures.Load(DatasetFeatures.Scan(dataFolder, validListFile, log).Clips, features, log);
            if (trainClips.Count == 0)
            {
                log.WriteLine($"melgenre: no usable training clips in {dataFolder}.");
                return ExitCodes.UsageError;
            }
            if (MemberTraining.Prepare(parsed.GetValue(training.Architecture), features, [.. trainClips, .. validClips], log) is not { } trainer)
                return ExitCodes.UsageError;
            log.WriteLine($"training on {trainClips.Count} clips, {trainSet.Labels.Count} genres ({string.Join(", ", trainSet.Labels)}); validating on {validClips.Count}");

            var members = new List<TrainingResult>();
            var memberCount = parsed.GetValue(training.Members);
            for (var m = 0; m < memberCount; m++)
            {
                var prefix = memberCount > 1 ? $"member {m + 1}/{memberCount}  " : "";
                var result = trainer.Train(training.Read(parsed, m), trainSet.Labels, trainClips, validClips, TrainingLog.Epochs(log, prefix));
                log.WriteLine($"{prefix}kept epoch {result.KeptEpoch} of {result.History.Count}, {TrainingLog.Duration(result.Seconds)}");
                members.Add(result);
            }

            var record = Record(parsed, trainClips, training.Read(parsed), members, parsed.GetValue(training.Threads));
            using var model = GenreModel.FromTraining(parsed.GetValue(name) ?? Path.GetFileName(Path.GetFullPath(outputFolder)),
                trainSet.Labels, features, members, record);
            IReadOnlyList<ModelMetric>? metrics = null;
            if (validClips.Count > 0)
            {
                var report = new ClassificationReport(ModelEvaluation.Evaluate(model, trainSet.Labels, validClips));
                metrics = [new ModelMetric($"{validClips.Count} clips of {Path.GetFileName(validListFile)} (the early-stopping set)", report.Accuracy, report.BalancedAccuracy)];
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"validation: accuracy {report.Accuracy:P1}, balanced accuracy {report.BalancedAccuracy:P1} on {validClips.Count} clips"));
            }
            model.Save(outputFolder, metrics);
            log.WriteLine($"saved {outputFolder} in {TrainingLog.Duration(record.Seconds)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static TrainingRecord Record(ParseResult parsed, IReadOnlyList<ClipFeatures> clips, TrainingOptions options,
        IReadOnlyList<TrainingResult> members, int threads)
    {
        var paths = clips.Select(c => c.Clip.RelativePath).Order(StringComparer.Ordinal).ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', paths))));
        var command = "melgenre " + string.Join(' ', parsed.Tokens.Select(t => t.Value.Contains(' ') ? $"'{t.Value}'" : t.Value));
        return new TrainingRecord(command, paths, hash, options, members.Max(m => m.History.Count), members.Sum(m => m.Seconds),
            members.Average(m => m.PatchesPerSecond), threads);
    }
}
