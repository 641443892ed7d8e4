using System.Globalization;
using MelGenre.Model.Training;

namespace MelGenre.Cli.Commands.Training;

/// <summary>One plain line per epoch on stderr: readable in a terminal, a CI log or a file alike.</summary>
internal static class TrainingLog
{
    public static IProgress<EpochReport> Epochs(TextWriter log, string prefix) => new SynchronousProgress<EpochReport>(e =>
    {
        var validation = e.Validation is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"  valid loss {v.Loss:F3} acc {v.Accuracy:P1} balanced {v.BalancedAccuracy:P1}")
            : "";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{prefix}epoch {e.Epoch,3}/{e.Epochs}  loss {e.TrainLoss:F3} acc {e.TrainAccuracy:P1}{validation}  {e.Seconds:F1} s  {e.PatchesPerSecond:F0} patches/s  ETA {Duration(e.RemainingSeconds)}{(e.IsBest ? "  *" : "")}"));
    });

    public static string Duration(double seconds) =>
        TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
