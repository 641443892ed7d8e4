using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MelGenre.Cli.Benchmarking;

/// <summary>
/// Runs <c>melgenre</c> itself as a child process, to measure what a user sees: start-up included, and the peak
/// memory of a whole process (its maximum resident set, from <c>getrusage(RUSAGE_CHILDREN)</c>).
/// </summary>
internal static class ChildProcess
{
    /// <summary>What one run took.</summary>
    /// <param name="ExitCode">The child's exit code.</param>
    /// <param name="Elapsed">Wall time from start to exit.</param>
    /// <param name="PeakChildMegabytes">The largest resident set of any child waited for so far, in MiB (Linux
    /// keeps the maximum over all of them, so measure the biggest run first).</param>
    /// <param name="Error">What the child printed on stderr.</param>
    public sealed record Result(int ExitCode, TimeSpan Elapsed, double PeakChildMegabytes, string Error);

    /// <summary>Runs <c>melgenre ARGS</c> (the same build as this process) and waits for it.</summary>
    public static Result RunMelGenre(params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        using var process = StartMelGenre(arguments);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        return new Result(process.ExitCode, clock.Elapsed, PeakChildMegabytes(), error.Result);
    }

    /// <summary>Starts <c>melgenre ARGS</c> (the same build as this process) with stdout and stderr redirected; the
    /// caller reads them (or they may fill up) and stops the process.</summary>
    public static Process StartMelGenre(params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var host = Environment.ProcessPath ?? "dotnet";
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "melgenre.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
    }

    /// <summary>The current resident set of process <paramref name="id"/> in MiB (Linux <c>/proc/ID/status</c> VmRSS).</summary>
    public static double ResidentMegabytes(int id)
    {
        var line = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    private static double PeakChildMegabytes()
    {
        if (!OperatingSystem.IsLinux() || GetResourceUsage(ResourceUsageChildren, out var usage) != 0)
            return double.NaN;
        return usage.MaxResidentSetKilobytes / 1024.0;
    }

    private const int ResourceUsageChildren = -1;

    /// <summary>The head of Linux's <c>struct rusage</c> (x86-64/arm64: two timevals, then longs), padded to its size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResidentSetKilobytes;
        private readonly long _rest0, _rest1, _rest2, _rest3, _rest4, _rest5, _rest6, _rest7, _rest8, _rest9, _rest10, _rest11, _rest12;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);
}
