using MelGenre.Audio.Processing;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MelGenre.Cli.Output;
using MelGenre.Features.Descriptors;

namespace MelGenre.Cli.Commands;

/// <summary>
/// <c>melgenre features IN... [--format csv|json] [--out FILE] [--kaggle]</c>: the classic descriptors of the Kaggle GTZAN
/// table (<see cref="MusicFeatures"/>) per input, with the table's own column names and order: <c>filename</c>,
/// <c>length</c> (samples at 22050 Hz), then the 57 values (no <c>label</c>). CSV: a header and a row per input;
/// JSON: an array of objects with the same keys. Inputs that fail are left out and reported on stderr.
/// </summary>
internal static class FeaturesCommand
{
    private enum Format { Csv, Json }

    public static Command Create()
    {
        var inputs = new Argument<string[]>("input") { Arity = ArgumentArity.OneOrMore, Description = "Audio files (WAV, FLAC, MP3, Ogg Vorbis/Opus; others through ffmpeg)." };
        var format = new Option<Format?>("--format") { Description = "csv (the table's layout) or json; default from the --out extension, else csv." };
        var output = new Option<string?>("--out", "-o") { Description = "The file to write (atomically); default stdout." };
        var kaggle = new Option<bool>("--kaggle") { Description = "Compute as the Kaggle table was (librosa <= 0.9: reflect padding, truncated HPSS, beat_track tempo) instead of librosa 0.10.2's defaults." };
        var command = new Command("features", "Compute the GTZAN table's classic features (chroma, RMS, spectral shape, ZCR, HPSS, tempo, 20 MFCCs).")
        {
            inputs, format, output, kaggle,
        };
        command.Validators.Add(result =>
        {
            if (CommandOptions.UnknownOptionError(result.GetValue(inputs)) is { } unknownOption)
                result.AddError(unknownOption);
            else if (result.GetValue(format) is null && result.GetValue(output) is { } path && FormatOf(path) is null)
                result.AddError($"--out {path}: unknown extension; use .csv or .json, or give --format.");
        });
        command.SetAction(parsed =>
        {
            var target = parsed.GetValue(output);
            var chosen = parsed.GetValue(format) ?? (target is null ? Format.Csv : FormatOf(target)!.Value);
            var features = new MusicFeatures(parsed.GetValue(kaggle) ? MusicFeatureOptions.KaggleGtzan : MusicFeatureOptions.Librosa010);
            var rows = new List<(string File, MusicFeatureSummary Summary)>();
            var exitCode = InputBatch.Run(parsed.GetValue(inputs)!, path =>
            {
                var clip = MonoAudioStream.Load(path, MusicFeatures.SampleRate);
                rows.Add((Path.GetFileName(path), features.Compute(clip.Samples.Span)));
            }, parsed.InvocationConfiguration.Error);
            var text = chosen == Format.Csv ? ToCsv(rows) : ToJson(rows);
            if (target is null)
                parsed.InvocationConfiguration.Output.Write(text);
            else
                AtomicFile.WriteAllBytes(target, Encoding.UTF8.GetBytes(text));
            return exitCode;
        });
        return command;
    }

    private static Format? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => Format.Csv,
        ".json" => Format.Json,
        _ => null,
    };

    private static string ToCsv(IEnumerable<(string File, MusicFeatureSummary Summary)> rows)
    {
        var text = new StringBuilder();
        text.Append("filename,length,").AppendJoin(',', MusicFeatureSummary.ColumnNames).Append('\n');
        foreach (var (file, summary) in rows)
        {
            text.Append(CsvField(file)).Append(',').Append(summary.Length.ToString(CultureInfo.InvariantCulture));
            foreach (var value in summary.ToValues())
                text.Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string ToJson(IEnumerable<(string File, MusicFeatureSummary Summary)> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var (file, summary) in rows)
            {
                json.WriteStartObject();
                json.WriteString("filename", file);
                json.WriteNumber("length", summary.Length);
                var values = summary.ToValues();
                for (var i = 0; i < values.Length; i++)
                    json.WriteNumber(MusicFeatureSummary.ColumnNames[i], values[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // RFC 4180: quote a file name holding a comma, quote or line break.
    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
