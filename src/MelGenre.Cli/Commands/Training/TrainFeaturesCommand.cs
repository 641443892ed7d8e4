using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Model.Data;
using MelGenre.Model.Tabular;

namespace MelGenre.Cli.Commands.Training;

/// <summary>
/// <c>melgenre train-features --table FILE --index FILE [--train-list F] [--valid-list F] [--refit-all] --out DIR</c>:
/// a standardised logistic regression on feature-table rows (no audio), its L2 penalty chosen by artist-grouped
/// cross-validation on the training rows; with a validation list, the figures on its rows are printed and recorded.
/// </summary>
internal static class TrainFeaturesCommand
{
    public static Command Create()
    {
        var table = new Option<string>("--table") { Description = "Feature table (features_30_sec.csv format, with a label column).", Required = true };
        var index = new Option<string>("--index") { Description = "Artist index (GTZANindex.txt): folds never split an artist.", Required = true };
        var trainList = new Option<string?>("--train-list") { Description = "Clips to train on (e.g. train_filtered.txt); default: every row not in --valid-list." };
        var validList = new Option<string?>("--valid-list") { Description = "Clips to validate on (e.g. valid_filtered.txt): figures printed and stored in the manifest." };
        var refitAll = new Option<bool>("--refit-all") { Description = "After validating, train the chosen penalty again on every row of the table (the model to ship)." };
        var output = new Option<string>("--out", "-o") { Description = "Model folder to write (features-manifest.json).", Required = true };
        var name = new Option<string?>("--name") { Description = "Model name recorded in the manifest (default: the output folder's name)." };
        var folds = CommandOptions.PositiveInt("--folds", FeatureModelTrainer.DefaultFolds, "Artist-grouped folds for choosing the penalty.");
        var l2 = new Option<double?>("--l2") { Description = "Use this L2 penalty (on the mean loss) instead of choosing one by cross-validation." };
        var compareMlp = new Option<bool>("--compare-mlp") { Description = "Also score a one-hidden-layer TorchSharp MLP (weight decay by the same grouped CV; on the validation list) for comparison; the saved model stays the logistic regression." };
        var seed = new Option<int>("--seed") { Description = "Seed of the folds' tie-breaking.", DefaultValueFactory = _ => 0 };
        var command = new Command("train-features", "Train a genre model on feature-table rows (standardised logistic regression) and save it.")
        {
            table, index, trainList, validList, refitAll, output, name, folds, seed, l2, compareMlp,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(l2) is { } value && !(value > 0))
                result.AddError("--l2 must be a positive number.");
        });
        command.SetAction(parsed =>
        {
            var log = parsed.InvocationConfiguration.Error;
            var all = FeatureTable.Load(parsed.GetValue(table)!);
            if (!all.HasLabels)
            {
                log.WriteLine($"melgenre: {parsed.GetValue(table)} has no label column.");
                return ExitCodes.UsageError;
            }
            var artists = ArtistIndex.Load(parsed.GetValue(index)!);
            var valid = Select(all.Rows, parsed.GetValue(validList));
            IReadOnlyList<FeatureRow> train = parsed.GetValue(trainList) is { } list ? Select(all.Rows, list)
                : [.. all.Rows.Except(valid)];
            var labels = all.Rows.Select(r => r.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var outputFolder = parsed.GetValue(output)!;
            log.WriteLine($"training rows {train.Count}, validation rows {valid.Count}, {labels.Count} genres");

            var k = parsed.GetValue(folds);
            IReadOnlyList<double> penalties = parsed.GetValue(l2) is { } fixedL2 ? [fixedL2] : FeatureModelTrainer.DefaultPenalties;
            var scores = FeatureModelTrainer.CrossValidate(train, all.Columns, labels, r => artists.GroupOf(ArtistIndex.ClipIdOf(r.File)),
                penalties, k, parsed.GetValue(seed));
            foreach (var s in scores)
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  L2 {s.L2,-8:g3} {k}-fold grouped CV: accuracy {s.Accuracy:P1}, balanced accuracy {s.BalancedAccuracy:P1}"));
            var best = FeatureModelTrainer.Best(scores);
            var model = FeatureModelTrainer.Train(train, all.Columns, labels, best.L2);
            var metrics = new List<ModelMetric>
            {
                new(string.Create(CultureInfo.InvariantCulture, $"{k}-fold artist-grouped CV on the {train.Count} training rows, L2 {best.L2:g3}"),
                    best.Accuracy, best.BalancedAccuracy),
            };
            if (valid.Count > 0)
            {
                var score = FeatureModelTrainer.Evaluate(model, valid);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"validation ({Path.GetFileName(parsed.GetValue(validList))}, {valid.Count} rows), L2 {best.L2:g3}: accuracy {score.Accuracy:P1}, balanced accuracy {score.BalancedAccuracy:P1}"));
                metrics.Add(new ModelMetric($"{valid.Count} rows of {Path.GetFileName(parsed.GetValue(validList))}, trained on the {train.Count} training rows only",
                    score.Accuracy, score.BalancedAccuracy));
            }
            if (parsed.GetValue(compareMlp))
                CompareMlp(train, valid, labels, r => artists.GroupOf(ArtistIndex.ClipIdOf(r.File)), k, parsed.GetValue(seed), log);
            if (parsed.GetValue(refitAll))
            {
                train = all.Rows;
                model = FeatureModelTrainer.Train(train, all.Columns, labels, best.L2);
                log.WriteLine($"refitted on all {train.Count} rows");
            }
            var files = train.Select(r => r.File).Order(StringComparer.Ordinal);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', files))));
            var commandLine = "melgenre " + string.Join(' ', parsed.Tokens.Select(t => t.Value.Contains(' ') ? $"'{t.Value}'" : t.Value));
            var final = new FeatureModel(model.Manifest with
            {
                Name = parsed.GetValue(name) ?? Path.GetFileName(Path.GetFullPath(outputFolder)),
                Training = new FeatureTrainingRecord(commandLine, train.Count, hash, best.L2, FeatureModelTrainer.Describe(scores, k)),
                Metrics = metrics,
            });
            final.Save(outputFolder);
            log.WriteLine($"saved {outputFolder}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Prints the MLP candidate's grouped-CV figures per weight decay and, with validation rows, its score there.</summary>
    private static void CompareMlp(IReadOnlyList<FeatureRow> train, IReadOnlyList<FeatureRow> valid, IReadOnlyList<string> labels,
        Func<FeatureRow, string> groupOf, int folds, int seed, TextWriter log)
    {
        TorchRuntime.Initialize(1);
        var options = new FeatureMlpOptions();
        var scores = FeatureModelTrainer.CrossValidateMlp(train, labels, groupOf, options, [1e-3, 1e-2, 1e-1], folds, seed);
        foreach (var s in scores)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  MLP {options.Hidden} hidden, dropout {options.Dropout}, weight decay {s.L2,-6:g3} {folds}-fold grouped CV: accuracy {s.Accuracy:P1}, balanced accuracy {s.BalancedAccuracy:P1}"));
        if (valid.Count == 0)
            return;
        var best = FeatureModelTrainer.Best(scores);
        var score = FeatureModelTrainer.EvaluateMlp(train, valid, labels, options with { WeightDecay = best.L2 });
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MLP validation ({valid.Count} rows), weight decay {best.L2:g3}: accuracy {score.Accuracy:P1}, balanced accuracy {score.BalancedAccuracy:P1} (not saved)"));
    }

    /// <summary>The rows whose clip id a list names (<c>genre/genre.NNNNN.wav</c> lines); none for no list.</summary>
    private static List<FeatureRow> Select(IReadOnlyList<FeatureRow> rows, string? listFile)
    {
        if (listFile is null)
            return [];
        var ids = File.ReadLines(listFile).Where(l => !string.IsNullOrWhiteSpace(l)).Select(ArtistIndex.ClipIdOf).ToHashSet(StringComparer.Ordinal);
        return [.. rows.Where(r => ids.Contains(ArtistIndex.ClipIdOf(r.File)))];
    }
}
