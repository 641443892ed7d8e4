using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace MelGenre.Audio.Tests.Decoding;

/// <summary>
/// A reference command-line tool (flac, lame…) run in a private temporary folder that is deleted on dispose.
/// Tests that need one skip, with the reason, when it is not installed.
/// </summary>
internal abstract class ExternalTool : IDisposable
{
    private static readonly ConcurrentDictionary<string, bool> Installed = new();
    private int _fileCount;

    protected ExternalTool(string command)
    {
        Command = command;
        Folder = Directory.CreateTempSubdirectory($"melgenre-{command}-").FullName;
    }

    /// <summary>The executable, looked up on PATH.</summary>
    public string Command { get; }

    /// <summary>The temporary folder, deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>Whether <paramref name="command"/> runs (answers <c>--version</c>).</summary>
    public static bool IsInstalled(string command) => Installed.GetOrAdd(command, static name =>
    {
        try
        {
            return Run(name, ["--version"]).ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    });

    /// <summary>Skips the calling test with <paramref name="reason"/> when <paramref name="command"/> is not installed.</summary>
    public static void SkipUnlessInstalled(string command, string reason)
    {
        if (!IsInstalled(command))
            Assert.Skip(reason);
    }

    /// <summary>A fresh file path in the temporary folder.</summary>
    public string NewPath(string extension) => Path.Combine(Folder, $"f{Interlocked.Increment(ref _fileCount)}{extension}");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>Runs the tool and fails with its error output when it does not exit 0.</summary>
    protected void RunChecked(IEnumerable<string> arguments, string what)
    {
        var (exitCode, errors) = Run(arguments);
        if (exitCode != 0)
            throw new InvalidOperationException($"{Command} {what} failed ({exitCode}): {errors}");
    }

    /// <summary>Runs the tool; returns its exit code and error output.</summary>
    protected (int ExitCode, string Errors) Run(IEnumerable<string> arguments) => Run(Command, arguments);

    private static (int ExitCode, string Errors) Run(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors.Result);
    }
}
