using System.CommandLine;
using System.Globalization;
using System.Text;
using MelGenre.Cli.Output;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Prediction;

namespace MelGenre.Cli.Commands;

/// <summary>
/// <c>melgenre classify FILE... [--model DIR] [--format table|json] [--out FILE] [--segments] [--top K] [--threads N]</c>:
/// the genre of each file, as a readable table or as <see cref="PredictionJson"/>.
/// </summary>
internal static class ClassifyCommand
{
    private enum Format { Table, Json }

    public static Command Create()
    {
        var inputs = new Argument<string[]>("input") { Arity = ArgumentArity.OneOrMore, Description = "Audio files (WAV, FLAC, MP3, Ogg Vorbis/Opus; others through ffmpeg)." };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder (manifest.json + weights); default: the model shipped with melgenre." };
        var format = new Option<Format>("--format") { Description = "table: the top genres of each file; json: every probability, one object per file.", DefaultValueFactory = _ => Format.Table };
        var output = new Option<string?>("--out", "-o") { Description = "Write the result to this file (atomically) instead of stdout." };
        var segments = new Option<bool>("--segments") { Description = "Also give the answer of every ~3 s patch." };
        var top = CommandOptions.PositiveInt("--top", 3, "Number of most probable genres the table lists.");
        var threads = CommandOptions.PositiveInt("--threads", 1, "Threads libtorch may use (1 suits a shared machine).");

        var command = new Command("classify", "Tell the genre of audio files with a trained model.") { inputs, model, format, output, segments, top, threads };
        command.Validators.Add(result =>
        {
            if (CommandOptions.UnknownOptionError(result.GetValue(inputs)) is { } unknownOption)
                result.AddError(unknownOption);
        });

        command.SetAction(parsed =>
        {
            var errors = parsed.InvocationConfiguration.Error;
            var folder = parsed.GetValue(model);
            TorchRuntime.Initialize(parsed.GetValue(threads));
            Classifier classifier;
            try
            {
                classifier = Classifier.Load(folder);
            }
            catch (ModelLoadException e)
            {
                // The model is part of the command line: one that cannot load is a usage problem, not a failed input.
                errors.WriteLine($"melgenre: {e.Message}");
                if (folder is null)
                    errors.WriteLine("Give a model folder with --model DIR.");
                return ExitCodes.UsageError;
            }
            using (classifier)
            {
                var settings = new Settings(parsed.GetValue(format), parsed.GetValue(output),
                    new ClassifyOptions { IncludeSegments = parsed.GetValue(segments), Top = parsed.GetValue(top) });
                return Run(classifier, parsed.GetValue(inputs)!, settings, parsed.InvocationConfiguration.Output, errors);
            }
        });
        return command;
    }

    private sealed record Settings(Format Format, string? Output, ClassifyOptions Options);

    private static int Run(Classifier classifier, string[] inputs, Settings settings, TextWriter output, TextWriter errors)
    {
        var results = new List<FileClassification>(inputs.Length);
        // A table on the terminal appears file by file; a file or JSON is written whole at the end.
        var streamTable = settings.Format == Format.Table && settings.Output is null;
        var exitCode = InputBatch.Run(inputs, input =>
        {
            var result = FileClassification.Succeeded(input, classifier.Classify(input, settings.Options));
            results.Add(result);
            if (streamTable)
                WriteTableBlock(output, result, settings.Options.Top);
        }, errors, (input, reason) => results.Add(FileClassification.Failed(input, reason)));

        if (settings.Format == Format.Json)
        {
            if (settings.Output is { } target)
                return Save(target, stream => PredictionJson.Write(stream, results, settings.Options.IncludeSegments), errors) ?? exitCode;
            output.WriteLine(PredictionJson.Serialize(results, settings.Options.IncludeSegments));
        }
        else if (settings.Output is { } target)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            foreach (var result in results.Where(r => r.Prediction is not null))
                WriteTableBlock(text, result, settings.Options.Top);
            return Save(target, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())), errors) ?? exitCode;
        }
        return exitCode;
    }

    /// <summary>Writes <paramref name="target"/> atomically; on failure reports it and returns exit code 1, else null.</summary>
    private static int? Save(string target, Action<Stream> write, TextWriter errors)
    {
        try
        {
            AtomicFile.Write(target, write);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"melgenre: {target}: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.SomeInputsFailed;
        }
    }

    /// <summary>
    /// One block per file: the file and its length, the top genres with percentages, every genre in label order when
    /// the top list leaves some out, and each segment's answer when asked for.
    /// </summary>
    private static void WriteTableBlock(TextWriter writer, FileClassification result, int top)
    {
        var prediction = result.Prediction!;
        var invariant = CultureInfo.InvariantCulture;
        var ranked = prediction.TopGenres(top);
        var width = prediction.Labels.Max(l => l.Length);
        writer.WriteLine(string.Create(invariant, $"{result.File}  ({prediction.Duration:0.00} s)"));
        foreach (var genre in ranked)
            writer.WriteLine(string.Create(invariant, $"  {genre.Genre.PadRight(width)}  {Percent(genre.Probability),6}"));
        if (ranked.Count < prediction.Labels.Count)
            writer.WriteLine("  all: " + string.Join(", ", prediction.Probabilities.Select(p => $"{p.Key} {Percent(p.Value)}")));
        foreach (var segment in prediction.Segments)
            writer.WriteLine(string.Create(invariant,
                $"  {segment.Start,7:0.00} - {segment.End,7:0.00} s  {segment.Top.PadRight(width)}  {Percent(segment.Probabilities[segment.Top]),6}"));
        writer.WriteLine();
    }

    private static string Percent(double probability) => probability.ToString("0.0%", CultureInfo.InvariantCulture);
}
