using System.CommandLine;
using System.Runtime.InteropServices;
using MelGenre.Cli.Classification;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Model.Tabular;
using MelGenre.Prediction;

namespace MelGenre.Cli.Commands;

/// <summary>
/// <c>melgenre classify PATH... [--model DIR] [--top K] [--hop-seconds S] [--segment-seconds S] [--segments]
/// [--format table|json|jsonl|csv] [--out FILE] [--resume] [--shard I/N] [--jobs N] [--threads N]</c>: the genre of
/// files, folders (recursively) or the paths read from stdin (<c>-</c>), one result per file in input order; or, with
/// <c>--features-csv FILE</c> instead of paths, of each row of a feature table, by a feature model.
/// </summary>
internal static class ClassifyCommand
{
    /// <summary>Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT, the shell's convention).</summary>
    private const int Interrupted = 130;

    public static Command Create(TextReader standardInput, bool stdoutIsTerminal, bool stderrIsTerminal)
    {
        var inputs = new Argument<string[]>("input") { Arity = ArgumentArity.ZeroOrMore, Description = "Audio files, folders (searched recursively for audio files), or - to read paths from stdin, one per line." };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder (manifest.json + weights); default: the model shipped with melgenre." };
        var top = CommandOptions.PositiveInt("--top", 3, "Number of most probable genres the table lists.");
        var hop = new Option<double?>("--hop-seconds") { Description = "Seconds between the ~3 s patches the network scores; default: the model's (1.51 s)." };
        var segmentSeconds = new Option<double?>("--segment-seconds") { Description = "Length of the timeline's segments (each averages the patches starting in it); default: one segment per patch." };
        var segments = new Option<bool>("--segments") { Description = "Include the timeline: each segment's time span and probabilities." };
        var format = new Option<ResultFormat?>("--format") { Description = "table (default on a terminal), json (one array), jsonl (one object per line; default otherwise) or csv. With --out, the default follows the file's extension." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the results to this file: atomically, or appended to line by line with --resume." };
        var resume = new Option<bool>("--resume") { Description = "With --format jsonl --out FILE: skip the files FILE already holds and append the others." };
        var shard = new Option<string?>("--shard") { Description = "I/N: process only share I (0 ≤ I < N) of the inputs, chosen by a hash of each path (for job arrays)." };
        var jobs = CommandOptions.PositiveInt("--jobs", Environment.ProcessorCount, "Files decoded and analysed at once (the network runs on its own thread).");
        var threads = CommandOptions.PositiveInt("--threads", 1, "Threads libtorch may use for the network (1 suits a busy or shared machine).");
        var featuresCsv = new Option<string?>("--features-csv") { Description = "Classify the rows of a feature table (features_30_sec.csv format) with a feature model instead of audio; default model: models/features." };

        var command = new Command("classify", "Tell the genre of audio files with a trained model.")
        {
            inputs, model, top, hop, segmentSeconds, segments, format, output, resume, shard, jobs, threads, featuresCsv,
        };
        command.Validators.Add(result =>
        {
            if (CommandOptions.UnknownOptionError(result.GetValue(inputs)?.Where(i => i != InputList.StandardInput)) is { } unknownOption)
                result.AddError(unknownOption);
            if (result.GetValue(shard) is { } text && Shard.Parse(text, out var shardError) is null)
                result.AddError(shardError!);
            if (result.GetValue(resume) && (result.GetValue(output) is not { } target || ChooseFormat(result.GetValue(format), target, stdoutIsTerminal) != ResultFormat.Jsonl))
                result.AddError("--resume needs --out FILE with --format jsonl (one result per line, so a run can continue where it stopped).");
            var inputCount = result.GetValue(inputs)?.Length ?? 0;
            if (result.GetValue(featuresCsv) is not null && (inputCount > 0 || result.GetValue(resume) || result.GetValue(shard) is not null || result.GetValue(segments)))
                result.AddError("--features-csv classifies the table's rows: give no audio PATH, and no --resume, --shard or --segments.");
            else if (result.GetValue(featuresCsv) is null && inputCount == 0)
                result.AddError("Required argument missing for command: 'classify' (give audio files or folders, or --features-csv FILE).");
            if (result.GetValue(inputs)?.Count(i => i == InputList.StandardInput) > 1)
                result.AddError("- (paths from stdin) can be given once.");
        });

        command.SetAction(parsed =>
        {
            var errors = parsed.InvocationConfiguration.Error;
            var options = new ClassifyOptions
            {
                Top = parsed.GetValue(top),
                HopSeconds = parsed.GetValue(hop),
                SegmentSeconds = parsed.GetValue(segmentSeconds),
                IncludeSegments = parsed.GetValue(segments),
            };
            var folder = parsed.GetValue(model);
            if (parsed.GetValue(featuresCsv) is { } table)
                return ClassifyRows(table, folder, options, ChooseFormat(parsed.GetValue(format), parsed.GetValue(output), stdoutIsTerminal),
                    parsed.GetValue(output), parsed.InvocationConfiguration.Output, errors);
            TorchRuntime.Initialize(parsed.GetValue(threads));
            Classifier classifier;
            try
            {
                classifier = Classifier.Load(folder);
                classifier.CheckOptions(options);
            }
            catch (Exception e) when (e is ModelLoadException or ArgumentOutOfRangeException)
            {
                // The model and the options are part of the command line: a problem with them is a usage error.
                errors.WriteLine($"melgenre: {(e is ArgumentOutOfRangeException range ? range.Message.Split(" (Parameter")[0] : e.Message)}");
                if (e is ModelLoadException && folder is null)
                    errors.WriteLine("Give a model folder with --model DIR.");
                return ExitCodes.UsageError;
            }
            using (classifier)
            {
                var target = parsed.GetValue(output);
                var run = new Run(
                    parsed.GetValue(inputs)!, options, ChooseFormat(parsed.GetValue(format), target, stdoutIsTerminal), target,
                    parsed.GetValue(resume), parsed.GetValue(shard) is { } text ? Shard.Parse(text, out _) : null, parsed.GetValue(jobs));
                return Execute(classifier, run, standardInput, parsed.InvocationConfiguration.Output, errors, stdoutIsTerminal, stderrIsTerminal);
            }
        });
        return command;
    }

    /// <summary>Classifies the rows of a feature table with a feature model: one result per row, written at once.</summary>
    private static int ClassifyRows(string tablePath, string? folder, ClassifyOptions options, ResultFormat format, string? outputPath,
        TextWriter output, TextWriter errors)
    {
        var table = FeatureTable.Load(tablePath);
        IReadOnlyList<FileClassification> results;
        IReadOnlyList<string> labels;
        try
        {
            (var featureModel, results) = FeatureRowClassification.Classify(folder, table);
            labels = featureModel.Labels;
        }
        catch (ModelLoadException e)
        {
            errors.WriteLine($"melgenre: {e.Message}");
            if (folder is null)
                errors.WriteLine("Give a feature model folder with --model DIR (train one with melgenre train-features).");
            return ExitCodes.UsageError;
        }
        using var target = outputPath is null ? OutputTarget.Standard(output) : OutputTarget.Atomic(outputPath);
        var writer = ResultWriter.Create(format, target.Writer, labels, options);
        foreach (var result in results)
            writer.Write(result);
        writer.Finish();
        target.Commit();
        return ExitCodes.Success;
    }

    private sealed record Run(string[] Inputs, ClassifyOptions Options, ResultFormat Format, string? Output, bool Resume, Shard? Shard, int Jobs);

    /// <summary>An explicit format; else the output file's extension; else a table for a person at a terminal and
    /// JSON Lines for a program.</summary>
    private static ResultFormat ChooseFormat(ResultFormat? chosen, string? output, bool stdoutIsTerminal) =>
        chosen ?? (output is null
            ? (stdoutIsTerminal ? ResultFormat.Table : ResultFormat.Jsonl)
            : Path.GetExtension(output).ToLowerInvariant() switch
            {
                ".json" => ResultFormat.Json,
                ".csv" => ResultFormat.Csv,
                ".txt" => ResultFormat.Table,
                _ => ResultFormat.Jsonl,
            });

    private static int Execute(Classifier classifier, Run run, TextReader standardInput, TextWriter output, TextWriter errors,
        bool stdoutIsTerminal, bool stderrIsTerminal)
    {
        var inputs = InputList.Expand(run.Inputs, standardInput);
        if (inputs.Skipped.Count > 0)
            errors.WriteLine($"melgenre: skipped {inputs.Skipped.Count} file(s) in folders that are not audio by their extension: "
                + string.Join(", ", inputs.Skipped.Take(3)) + (inputs.Skipped.Count > 3 ? ", …" : ""));
        if (inputs.Files.Count == 0)
        {
            errors.WriteLine("melgenre: nothing to classify: the inputs hold no audio files.");
            return ExitCodes.SomeInputsFailed;
        }
        IReadOnlyList<string> files = inputs.Files;
        if (run.Shard is { } shard)
            files = [.. files.Where(shard.Contains)];
        if (run.Resume)
        {
            var done = ResumeFile.ReadDone(run.Output!);
            if (done.Count > 0)
            {
                var before = files.Count;
                files = [.. files.Where(f => !done.Contains(f))];
                errors.WriteLine($"melgenre: resuming: {before - files.Count} of {before} file(s) already in {run.Output}");
            }
        }

        using var target = run.Output is null ? OutputTarget.Standard(output)
            : run.Resume ? OutputTarget.Append(run.Output) : OutputTarget.Atomic(run.Output);
        var writer = ResultWriter.Create(run.Format, target.Writer, classifier.Labels, run.Options);
        var progress = new ProgressReport(errors, files.Count, stderrIsTerminal);
        var anyFailed = false;

        using var interruption = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        var consumed = OrderedBatch.Run(files, run.Jobs, file => SafeClassification.Classify(classifier, file, run.Options), result =>
        {
            if (result.Error is { } error)
            {
                progress.Error($"melgenre: {result.File}: {error}");
                anyFailed = true;
            }
            if (stdoutIsTerminal && run.Output is null)
                progress.ClearBar();
            writer.Write(result);
            // Line formats are pushed out file by file: a pipe sees each result, --resume keeps each one.
            if (run.Format != ResultFormat.Json)
                target.Flush();
            progress.Advance(result.Error is not null);
        }, interruption.Token);
        progress.Finish();

        if (consumed < files.Count)
        {
            // Interrupted: an atomic file is not written at all; an appended one keeps every whole line.
            errors.WriteLine($"melgenre: interrupted after {consumed} of {files.Count} file(s)"
                + (run.Resume ? $"; run the same command again to continue ({run.Output} keeps the results so far)." : "."));
            return Interrupted;
        }
        writer.Finish();
        target.Commit();
        return anyFailed ? ExitCodes.SomeInputsFailed : ExitCodes.Success;

        void Interrupt(PosixSignalContext context)
        {
            // The first signal stops taking new files and lets the running ones finish; the next one ends the process.
            if (interruption.IsCancellationRequested)
                return;
            context.Cancel = true;
            errors.WriteLine("melgenre: stopping after the files in progress (signal again to stop at once)…");
            interruption.Cancel();
        }
    }
}
