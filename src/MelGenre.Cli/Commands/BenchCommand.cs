using System.CommandLine;
using MelGenre.Cli.Benchmarking;
using MelGenre.Cli.Classification;

namespace MelGenre.Cli.Commands;

/// <summary>
/// <c>melgenre bench [--data DIR] [--clips N] [--long-minutes M] [--threads N...] [--jobs N...] [--model DIR]</c>:
/// measures the classification pipeline on this machine and prints a Markdown table (see <see cref="PipelineBench"/>).
/// </summary>
internal static class BenchCommand
{
    /// <summary>Where the GTZAN clips are when the command runs from the repository root beside ../shared.</summary>
    private const string DefaultData = "../shared/data/gtzan/genres";

    /// <summary>A 30 s GTZAN clip in the original project's format (WAV), when run from the repository root.</summary>
    private const string DefaultClip = "../shared/data/gtzan/wav/jazz.00005.wav";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = $"Folder of ~30 s audio clips (searched recursively); default {DefaultData}.", DefaultValueFactory = _ => DefaultData };
        var clips = CommandOptions.PositiveInt("--clips", 200, "Clips in the folder measurement (the first N in path order).");
        var longMinutes = new Option<double>("--long-minutes") { Description = "Length of the long recording built from the clips; 0 skips it.", DefaultValueFactory = _ => 120 };
        var threads = new Option<int[]>("--threads") { Description = "libtorch thread counts to measure.", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var jobs = new Option<int[]>("--jobs") { Description = "Job counts to measure on the folder.", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder; default: the shipped model." };
        var work = new Option<string?>("--work") { Description = "Folder for the long recording (deleted after); default: the system's temporary folder." };

        var command = new Command("bench", "Measure the classification pipeline on this machine (prints a Markdown table).")
        {
            data, clips, longMinutes, threads, jobs, model, work, CreateWeb(),
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(threads)!.Concat(result.GetValue(jobs)!).Any(n => n < 1))
                result.AddError("--threads and --jobs take positive integers.");
            if (result.GetValue(longMinutes) is var minutes && (minutes < 0 || minutes > 24 * 60))
                result.AddError("--long-minutes must be between 0 and 1440.");
        });
        command.SetAction(parsed =>
        {
            var folder = parsed.GetValue(data)!;
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"No clip folder {folder}: give one with --data DIR.");
            var found = InputList.Expand([folder], TextReader.Null).Files.Take(parsed.GetValue(clips)).ToList();
            if (found.Count == 0)
                throw new FileNotFoundException($"No audio files under {folder}.");
            var settings = new PipelineBench.Settings(found, parsed.GetValue(model), parsed.GetValue(threads)!, parsed.GetValue(jobs)!,
                parsed.GetValue(longMinutes) * 60, parsed.GetValue(work) ?? Path.GetTempPath());
            new PipelineBench(parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error).Run(settings);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>melgenre bench web [--clip FILE] [--requests N] [--concurrency N] [--model DIR]</c>: a load test of the
    /// web API (see <see cref="WebLoadBench"/>).</summary>
    private static Command CreateWeb()
    {
        var clip = new Option<string>("--clip") { Description = $"Audio file to upload; default {DefaultClip}.", DefaultValueFactory = _ => DefaultClip };
        var requests = CommandOptions.PositiveInt("--requests", 300, "Requests to send after 10 warm-up requests.");
        var concurrency = CommandOptions.PositiveInt("--concurrency", 8, "Requests in flight at once.");
        var model = new Option<string?>("--model", "-m") { Description = "Model folder for the server; default: the shipped model." };
        var command = new Command("web", "Load-test the web API on loopback: latency percentiles, throughput, status codes, server memory.")
        {
            clip, requests, concurrency, model,
        };
        command.SetAction(parsed =>
        {
            var file = parsed.GetValue(clip)!;
            if (!File.Exists(file))
                throw new FileNotFoundException($"No clip {file}: give one with --clip FILE.");
            var settings = new WebLoadBench.Settings(file, parsed.GetValue(requests), parsed.GetValue(concurrency), parsed.GetValue(model));
            new WebLoadBench(parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error).RunAsync(settings).GetAwaiter().GetResult();
            return ExitCodes.Success;
        });
        return command;
    }
}
