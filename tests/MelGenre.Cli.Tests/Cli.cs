namespace MelGenre.Cli.Tests;

/// <summary>What one in-process <c>melgenre</c> run returned and printed.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines printed on stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}; stdout: {Output}; stderr: {Error}";
}

/// <summary>Runs the command line the executable runs, with stdout and stderr captured.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs with <paramref name="standardInput"/> as the text on stdin (for <c>classify -</c>).</summary>
    public static CliResult RunWithInput(string? standardInput, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(standardInput ?? "");
        var exitCode = MelGenreCli.Run(args, output, error, input);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts success with nothing on stderr.</summary>
    public static CliResult Succeed(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == ExitCodes.Success && result.Error.Length == 0, $"melgenre {string.Join(' ', args)}: {result}");
        return result;
    }
}
