using System.CommandLine;
using MelGenre.Cli.Commands;
using MelGenre.Cli.Commands.Training;
using MelGenre.Model.Training;

namespace MelGenre.Cli;

/// <summary>
/// The whole <c>melgenre</c> command line as one call, so the executable and in-process tests run the same code:
/// parse, report usage errors, invoke the verb.
/// </summary>
public static class MelGenreCli
{
    /// <summary>Parses <paramref name="args"/> and runs the verb they name.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="output">Where help and other normal output go (the console's stdout for the executable).</param>
    /// <param name="error">
    /// Where errors go: each usage error as <c>melgenre: MESSAGE</c> followed by a hint, each failed input as
    /// <c>melgenre: FILE: REASON</c>.
    /// </param>
    /// <param name="input">Where <c>classify -</c> reads paths from; null: the console's stdin.</param>
    /// <returns>An <see cref="ExitCodes"/> value: 0 success, 1 some inputs failed, 2 usage error,
    /// 3 internal error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        // Tables and progress bars are for a person at a terminal; redirected or captured output gets lines.
        var stdoutIsTerminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var stderrIsTerminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        var parsed = CreateRootCommand(input ?? Console.In, stdoutIsTerminal, stderrIsTerminal).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line per error: System.CommandLine lists an enum's values on lines of their own.
            foreach (var parseError in parsed.Errors)
                error.WriteLine($"melgenre: {string.Join(' ', parseError.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            error.WriteLine("Try 'melgenre --help'.");
            return ExitCodes.UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            // A data folder, list or index named on the command line that is not there.
            error.WriteLine($"melgenre: {missing.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or TrainingDivergedException)
        {
            // A whole-command failure with a message that says what to fix (unreadable list, genres the model does not
            // know, training that diverged).
            error.WriteLine($"melgenre: {failed.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.SomeInputsFailed;
        }
        catch (Exception unexpected)
        {
            // Never a stack trace on the terminal: one line, with the type name for a bug report.
            error.WriteLine($"melgenre: internal error ({unexpected.GetType().Name}): {unexpected.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The root command with every verb.</summary>
    private static RootCommand CreateRootCommand(TextReader input, bool stdoutIsTerminal, bool stderrIsTerminal) => new("MelGenre: tell the genre of music from its sound.")
    {
        SpectrogramCommand.Create(),
        WaveformCommand.Create(),
        ClassifyCommand.Create(input, stdoutIsTerminal, stderrIsTerminal),
        TrainCommand.Create(),
        TrainFeaturesCommand.Create(),
        EvaluateCommand.Create(),
        CrossValidateCommand.Create(),
        FeaturesCommand.Create(),
        BenchCommand.Create(),
        ServeCommand.Create(),
    };
}
