using System.CommandLine;

namespace MelGenre.Cli.Commands;

/// <summary>Option and argument checks several verbs share.</summary>
internal static class CommandOptions
{
    /// <summary>An integer option that refuses zero and negative values.</summary>
    public static Option<int> PositiveInt(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
                result.AddError($"{name} must be a positive integer.");
        });
        return option;
    }

    /// <summary>
    /// The error for the first input that looks like an option, or null. System.CommandLine hands unknown options to a
    /// one-or-more argument as values: refuse them as typos, not files.
    /// </summary>
    public static string? UnknownOptionError(IEnumerable<string>? inputs) =>
        inputs?.FirstOrDefault(input => input.Length > 1 && input[0] == '-') is { } unknownOption
            ? $"{unknownOption}: unknown option (write ./{unknownOption} for a file of that name)."
            : null;
}
