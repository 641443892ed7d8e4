using System.Globalization;
using MelGenre.Model.Data;

namespace MelGenre.Model.Tabular;

/// <summary>Accuracy and balanced accuracy (mean recall over the labels present) of predictions on labelled rows.</summary>
/// <param name="Accuracy">Fraction of rows whose top label was right.</param>
/// <param name="BalancedAccuracy">Mean per-label recall over the labels that have rows.</param>
/// <param name="Rows">Number of rows scored.</param>
public sealed record FeatureScore(double Accuracy, double BalancedAccuracy, int Rows);

/// <summary>One penalty of the grid and its artist-grouped cross-validation figures.</summary>
/// <param name="L2">The penalty.</param>
/// <param name="Accuracy">Out-of-fold accuracy over all rows.</param>
/// <param name="BalancedAccuracy">Out-of-fold balanced accuracy over all rows.</param>
public sealed record PenaltyScore(double L2, double Accuracy, double BalancedAccuracy);

/// <summary>Trains <see cref="FeatureModel"/>s: standardisation from the training rows, L2 chosen by artist-grouped
/// cross-validation.</summary>
public static class FeatureModelTrainer
{
    /// <summary>Default penalties tried, on the mean loss (scikit-learn's C = 1 / (L2 · n)).</summary>
    public static IReadOnlyList<double> DefaultPenalties { get; } = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1];

    /// <summary>Default number of artist-grouped folds.</summary>
    public const int DefaultFolds = 5;

    /// <summary>Fits a model on <paramref name="rows"/> with penalty <paramref name="l2"/>.</summary>
    /// <param name="rows">Labelled training rows.</param>
    /// <param name="columns">Their feature columns.</param>
    /// <param name="labels">Output order of the genres; every row's label must be one of them.</param>
    /// <param name="l2">Penalty on the mean loss.</param>
    /// <param name="name">Model name for the manifest.</param>
    /// <exception cref="ArgumentException">A row without a label or with one not in <paramref name="labels"/>.</exception>
    public static FeatureModel Train(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> columns, IReadOnlyList<string> labels,
        double l2, string name = "melgenre-gtzan-features")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var classes = ClassesOf(rows, labels);
        var standardisation = Standardisation.Fit([.. rows.Select(r => r.Values)]);
        var inputs = rows.Select(r => standardisation.Apply(r.Values)).ToList();
        var classifier = SoftmaxRegression.Fit(inputs, classes, labels.Count, l2);
        return new FeatureModel(new FeatureManifest
        {
            Name = name,
            Created = DateTimeOffset.UtcNow,
            Labels = [.. labels],
            Columns = [.. columns],
            Standardisation = standardisation,
            Classifier = classifier,
        });
    }

    /// <summary>Each penalty's out-of-fold figures under artist-grouped K-fold cross-validation on <paramref name="rows"/>.</summary>
    /// <param name="rows">Labelled rows.</param>
    /// <param name="columns">Their feature columns.</param>
    /// <param name="labels">The genres.</param>
    /// <param name="groupOf">A row's group (its artist, <see cref="ArtistIndex.GroupOf"/>).</param>
    /// <param name="penalties">Penalties to try.</param>
    /// <param name="folds">Number of folds.</param>
    /// <param name="seed">Seed of <see cref="GroupedFolds"/>'s tie-breaking.</param>
    public static IReadOnlyList<PenaltyScore> CrossValidate(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> columns,
        IReadOnlyList<string> labels, Func<FeatureRow, string> groupOf, IReadOnlyList<double> penalties, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(penalties);
        var assignment = GroupedFolds.Create(rows, groupOf, folds, seed, r => r.Label ?? "");
        return [.. penalties.Select(l2 =>
        {
            var score = OutOfFold(rows, labels, assignment, (training, validation) =>
            {
                var model = Train(training, columns, labels, l2);
                return [.. validation.Select(r => ArgMax(model.Predict(r.Values)))];
            });
            return new PenaltyScore(l2, score.Accuracy, score.BalancedAccuracy);
        })];
    }

    /// <summary>Like <see cref="CrossValidate"/> for <see cref="FeatureMlp"/>: each weight decay's out-of-fold figures
    /// (reported as <see cref="PenaltyScore.L2"/>). Call <see cref="TorchRuntime.Initialize"/> first.</summary>
    public static IReadOnlyList<PenaltyScore> CrossValidateMlp(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> labels,
        Func<FeatureRow, string> groupOf, FeatureMlpOptions options, IReadOnlyList<double> weightDecays, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(weightDecays);
        var assignment = GroupedFolds.Create(rows, groupOf, folds, seed, r => r.Label ?? "");
        return [.. weightDecays.Select(decay =>
        {
            var score = OutOfFold(rows, labels, assignment, (training, validation) => PredictMlp(training, validation, labels, options with { WeightDecay = decay }));
            return new PenaltyScore(decay, score.Accuracy, score.BalancedAccuracy);
        })];
    }

    /// <summary>Trains a <see cref="FeatureMlp"/> on <paramref name="training"/> (standardised by its own statistics) and
    /// scores it on <paramref name="validation"/>.</summary>
    public static FeatureScore EvaluateMlp(IReadOnlyList<FeatureRow> training, IReadOnlyList<FeatureRow> validation,
        IReadOnlyList<string> labels, FeatureMlpOptions options) =>
        Score(ClassesOf(validation, labels), PredictMlp(training, validation, labels, options), labels.Count);

    private static int[] PredictMlp(IReadOnlyList<FeatureRow> training, IReadOnlyList<FeatureRow> queries, IReadOnlyList<string> labels,
        FeatureMlpOptions options)
    {
        var standardisation = Standardisation.Fit([.. training.Select(r => r.Values)]);
        return FeatureMlp.FitAndPredict([.. training.Select(r => standardisation.Apply(r.Values))], ClassesOf(training, labels), labels.Count,
            options, [.. queries.Select(r => standardisation.Apply(r.Values))]);
    }

    /// <summary>Out-of-fold figures of a fit-then-predict recipe over every fold of <paramref name="assignment"/>.</summary>
    private static FeatureScore OutOfFold(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> labels, FoldAssignment assignment,
        Func<IReadOnlyList<FeatureRow>, IReadOnlyList<FeatureRow>, int[]> fitPredict)
    {
        var predicted = new int[rows.Count];
        for (var f = 0; f < assignment.FoldCount; f++)
        {
            var held = assignment.Validation(f);
            var answers = fitPredict([.. assignment.Training(f).Select(i => rows[i])], [.. held.Select(i => rows[i])]);
            for (var i = 0; i < held.Count; i++)
                predicted[held[i]] = answers[i];
        }
        return Score(ClassesOf(rows, labels), predicted, labels.Count);
    }

    /// <summary>The best of <paramref name="scores"/>: highest balanced accuracy, then accuracy, then the larger
    /// (simpler) penalty.</summary>
    public static PenaltyScore Best(IReadOnlyList<PenaltyScore> scores) =>
        scores.OrderByDescending(s => Math.Round(s.BalancedAccuracy, 9)).ThenByDescending(s => Math.Round(s.Accuracy, 9))
            .ThenByDescending(s => s.L2).First();

    /// <summary>The model's figures on labelled <paramref name="rows"/>.</summary>
    public static FeatureScore Evaluate(FeatureModel model, IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var predicted = rows.Select(r => ArgMax(model.Predict(r.Values))).ToArray();
        return Score(ClassesOf(rows, model.Labels), predicted, model.Labels.Count);
    }

    /// <summary>Describes a grid search for the manifest, e.g. <c>best of 8 penalties by 5-fold artist-grouped CV …</c>.</summary>
    public static string Describe(IReadOnlyList<PenaltyScore> scores, int folds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"highest out-of-fold balanced accuracy of {folds}-fold artist-grouped CV on the training rows over L2 ∈ {{{string.Join(", ", scores.Select(s => s.L2.ToString("g3", CultureInfo.InvariantCulture)))}}}");

    private static int[] ClassesOf(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return [.. rows.Select(r => r.Label is { } label && index.TryGetValue(label, out var c)
            ? c
            : throw new ArgumentException($"{r.File}: label '{r.Label}' is not one of the model's ({string.Join(", ", labels)}).", nameof(rows)))];
    }

    private static FeatureScore Score(int[] truth, int[] predicted, int classCount)
    {
        var right = new int[classCount];
        var total = new int[classCount];
        for (var i = 0; i < truth.Length; i++)
        {
            total[truth[i]]++;
            if (predicted[i] == truth[i])
                right[truth[i]]++;
        }
        var present = Enumerable.Range(0, classCount).Where(c => total[c] > 0).ToList();
        return new FeatureScore((double)right.Sum() / truth.Length, present.Average(c => (double)right[c] / total[c]), truth.Length);
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best])
                best = i;
        return best;
    }
}
