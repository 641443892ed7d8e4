using System.CommandLine;
using MelGenre.Model.Training;

namespace MelGenre.Cli.Commands.Training;

/// <summary>The trainer's command-line options, shared by <c>train</c> and <c>cv</c>; defaults are <see cref="TrainingOptions"/>'s.</summary>
internal sealed class TrainingOptionSet
{
    private static readonly TrainingOptions Defaults = new();

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the training clips.", DefaultValueFactory = _ => Defaults.Epochs };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed (weights, crops, masks; the ensemble's members use seed, seed+1, ...).", DefaultValueFactory = _ => Defaults.Seed };

    public Option<int> Members { get; } = new("--members") { Description = "Networks trained with consecutive seeds and averaged (an ensemble).", DefaultValueFactory = _ => 1 };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Patches per step.", DefaultValueFactory = _ => Defaults.BatchSize };

    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "Peak learning rate (one-cycle AdamW).", DefaultValueFactory = _ => Defaults.LearningRate };

    public Option<double> Mixup { get; } = new("--mixup") { Description = "Mixup's alpha; 0 turns mixup off.", DefaultValueFactory = _ => Defaults.MixupAlpha };

    public Option<double> ClassWeightPower { get; } = new("--class-weight-power") { Description = "Inverse-frequency class weights to this power: 0 none, 1 fully balanced.", DefaultValueFactory = _ => Defaults.ClassWeightPower };

    public Option<int> Threads { get; } = new("--threads") { Description = "libtorch threads (1 on a busy or small machine; the number of physical cores on a dedicated one).", DefaultValueFactory = _ => 1 };

    public IEnumerable<Option> All => [Epochs, Seed, Members, BatchSize, LearningRate, Mixup, ClassWeightPower, Threads];

    /// <summary>Adds the options and a validator of their ranges to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Epochs) < 1 || result.GetValue(Members) < 1 || result.GetValue(BatchSize) < 2 || result.GetValue(Threads) < 1)
                result.AddError("--epochs, --members and --threads must be at least 1, --batch-size at least 2.");
            else if (!(result.GetValue(LearningRate) > 0) || result.GetValue(Mixup) < 0 || result.GetValue(ClassWeightPower) < 0)
                result.AddError("--learning-rate must be positive; --mixup and --class-weight-power not negative.");
        });
    }

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
