using System.CommandLine;
using MelGenre.Cli;
using MelGenre.Cli.Commands;

var root = new RootCommand("MelGenre: tell the genre of music from its sound.")
{
    SpectrogramCommand.Create(),
    WaveformCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"melgenre: {error.Message}");
    Console.Error.WriteLine("Try 'melgenre --help'.");
    return ExitCodes.UsageError;
}
return parsed.Invoke();
