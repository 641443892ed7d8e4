using MelGenre.Audio;

namespace MelGenre.Cli;

/// <summary>
/// Runs one action per input file so that a bad file never stops the batch: each failure becomes one line on
/// stderr, <c>melgenre: FILE: REASON</c>, and the batch's exit code says whether any failed.
/// </summary>
public static class InputBatch
{
    /// <summary>Runs <paramref name="process"/> on each of <paramref name="inputs"/> in order.</summary>
    /// <param name="inputs">The input files.</param>
    /// <param name="process">The work for one input.</param>
    /// <param name="errors">Where each failure's line goes.</param>
    /// <param name="failed">Also told each failed input and its one-line reason (for machine-readable output).</param>
    /// <returns><see cref="ExitCodes.Success"/>, or <see cref="ExitCodes.SomeInputsFailed"/> when any input failed.</returns>
    public static int Run(IEnumerable<string> inputs, Action<string> process, TextWriter errors, Action<string, string>? failed = null)
    {
        var anyFailed = false;
        foreach (var input in inputs)
        {
            if (TryRun(input, process) is { } reason)
            {
                errors.WriteLine($"melgenre: {input}: {reason}");
                failed?.Invoke(input, reason);
                anyFailed = true;
            }
        }
        return anyFailed ? ExitCodes.SomeInputsFailed : ExitCodes.Success;
    }

    /// <summary>The one-line reason <paramref name="process"/> failed on <paramref name="input"/>, or null when it succeeded.</summary>
    internal static string? TryRun(string input, Action<string> process)
    {
        try
        {
            process(input);
            return null;
        }
        catch (AudioDecodeException error)
        {
            return error.Reason;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Output folders, permissions and parameter combinations the library refuses: the message says which.
            return OneLine(error.Message);
        }
        catch (Exception error)
        {
            // A bug of ours must not stop the batch or print a stack trace; the type name helps a bug report.
            return $"internal error ({error.GetType().Name}): {OneLine(error.Message)}";
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
