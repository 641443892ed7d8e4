using System.CommandLine;
using MelGenre.Model.Training;

namespace MelGenre.Cli.Commands.Training;

/// <summary>The trainer's command-line options, shared by <c>train</c> and <c>cv</c>; defaults are <see cref="TrainingOptions"/>'s.</summary>
internal sealed class TrainingOptionSet
{
    private static readonly TrainingOptions Defaults = new();

    public Option<int> Epochs { get; } = CommandOptions.PositiveInt("--epochs", Defaults.Epochs, "Passes over the training clips.");

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed (weights, crops, masks; the ensemble's members use seed, seed+1, ...).", DefaultValueFactory = _ => Defaults.Seed };

    public Option<int> Members { get; } = CommandOptions.PositiveInt("--members", 1, "Networks trained with consecutive seeds and averaged (an ensemble).");

    public Option<int> BatchSize { get; } = CommandOptions.PositiveInt("--batch-size", Defaults.BatchSize, "Patches per step (at least 2: batch norm needs two).");

    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "Peak learning rate (one-cycle AdamW).", DefaultValueFactory = _ => Defaults.LearningRate };

    public Option<double> Mixup { get; } = new("--mixup") { Description = "Mixup's alpha; 0 turns mixup off.", DefaultValueFactory = _ => Defaults.MixupAlpha };

    public Option<double> ClassWeightPower { get; } = new("--class-weight-power") { Description = "Inverse-frequency class weights to this power: 0 none, 1 fully balanced.", DefaultValueFactory = _ => Defaults.ClassWeightPower };

    public Option<int> Threads { get; } = CommandOptions.PositiveInt("--threads", 1, "libtorch threads (1 on a busy or small machine; the number of physical cores on a dedicated one).");

    public IEnumerable<Option> All => [Epochs, Seed, Members, BatchSize, LearningRate, Mixup, ClassWeightPower, Threads];

    /// <summary>Adds the options to <paramref name="command"/>. Ranges are checked in the action (<see cref="Read"/>'s
    /// caller), where the options' default values are known.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
    }

    /// <summary>Why the given values cannot train, or null.</summary>
    public string? Problem(ParseResult parsed) =>
        parsed.GetValue(BatchSize) < 2 ? "--batch-size must be at least 2."
        : !(parsed.GetValue(LearningRate) > 0) ? "--learning-rate must be positive."
        : parsed.GetValue(Mixup) < 0 || parsed.GetValue(ClassWeightPower) < 0 ? "--mixup and --class-weight-power must not be negative."
        : null;

    /// <summary>The trainer settings for member <paramref name="member"/> (0-based) of the ensemble.</summary>
    public TrainingOptions Read(ParseResult parsed, int member = 0) => Defaults with
    {
        Epochs = parsed.GetValue(Epochs),
        Seed = parsed.GetValue(Seed) + member,
        BatchSize = parsed.GetValue(BatchSize),
        LearningRate = parsed.GetValue(LearningRate),
        MixupAlpha = parsed.GetValue(Mixup),
        ClassWeightPower = parsed.GetValue(ClassWeightPower),
    };
}
