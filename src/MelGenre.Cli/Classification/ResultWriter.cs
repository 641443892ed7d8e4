using System.Globalization;
using System.Text;
using MelGenre.Prediction;

namespace MelGenre.Cli.Classification;

/// <summary>Writes classify results, one file at a time in input order, in one <see cref="ResultFormat"/>.</summary>
internal abstract class ResultWriter
{
    /// <summary>A writer of <paramref name="format"/> onto <paramref name="target"/>.</summary>
    /// <param name="format">The format.</param>
    /// <param name="target">Where the text goes.</param>
    /// <param name="labels">The model's genres (the CSV's columns).</param>
    /// <param name="options">What was asked: segments, number of top genres.</param>
    public static ResultWriter Create(ResultFormat format, TextWriter target, IReadOnlyList<string> labels, ClassifyOptions options) => format switch
    {
        ResultFormat.Table => new TableWriter(target, options),
        ResultFormat.Json => new JsonArrayWriter(target, options),
        ResultFormat.Jsonl => new JsonLinesWriter(target, options),
        ResultFormat.Csv => new CsvResultWriter(target, labels, options),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Writes one file's result (a failure included, in the formats that carry failures).</summary>
    public abstract void Write(FileClassification result);

    /// <summary>Writes what only the end can write (the JSON array).</summary>
    public virtual void Finish()
    {
    }

    /// <summary>Percent with one decimal, invariant.</summary>
    protected static string Percent(double probability) => probability.ToString("0.0%", CultureInfo.InvariantCulture);

    private sealed class TableWriter(TextWriter target, ClassifyOptions options) : ResultWriter
    {
        /// <summary>
        /// One block per classified file: the file and its length, the top genres with percentages, every genre in
        /// label order when the top list leaves some out, and each segment's answer when asked for. Failures are on
        /// stderr already.
        /// </summary>
        public override void Write(FileClassification result)
        {
            if (result.Prediction is not { } prediction)
                return;
            var invariant = CultureInfo.InvariantCulture;
            var ranked = prediction.TopGenres(options.Top);
            var width = prediction.Labels.Max(l => l.Length);
            target.WriteLine(string.Create(invariant, $"{result.File}  ({prediction.Duration:0.00} s)"));
            foreach (var genre in ranked)
                target.WriteLine(string.Create(invariant, $"  {genre.Genre.PadRight(width)}  {Percent(genre.Probability),6}"));
            if (ranked.Count < prediction.Labels.Count)
                target.WriteLine("  all: " + string.Join(", ", prediction.Probabilities.Select(p => $"{p.Key} {Percent(p.Value)}")));
            foreach (var segment in prediction.Segments)
                target.WriteLine(string.Create(invariant,
                    $"  {segment.Start,7:0.00} - {segment.End,7:0.00} s  {segment.Top.PadRight(width)}  {Percent(segment.Probabilities[segment.Top]),6}"));
            target.WriteLine();
        }
    }

    private sealed class JsonArrayWriter(TextWriter target, ClassifyOptions options) : ResultWriter
    {
        private readonly List<FileClassification> _results = [];

        public override void Write(FileClassification result) => _results.Add(result);

        public override void Finish() => target.WriteLine(PredictionJson.Serialize(_results, options.IncludeSegments));
    }

    private sealed class JsonLinesWriter(TextWriter target, ClassifyOptions options) : ResultWriter
    {
        public override void Write(FileClassification result) =>
            target.WriteLine(PredictionJson.SerializeLine(result, options.IncludeSegments));
    }

    /// <summary>
    /// <c>file,segment,start,end,top,&lt;genre…&gt;,error</c>: a row per file with an empty <c>segment</c> (start 0, end
    /// its duration), then with <c>--segments</c> a row per segment numbered from 0; a failed file has only its
    /// <c>error</c>. Probabilities and times rounded as in the JSON; RFC 4180 quoting.
    /// </summary>
    private sealed class CsvResultWriter : ResultWriter
    {
        private readonly TextWriter _target;
        private readonly IReadOnlyList<string> _labels;
        private readonly ClassifyOptions _options;

        public CsvResultWriter(TextWriter target, IReadOnlyList<string> labels, ClassifyOptions options)
        {
            _target = target;
            _labels = labels;
            _options = options;
            _target.WriteLine(string.Join(',', new[] { "file", "segment", "start", "end", "top" }.Concat(labels).Append("error").Select(Quote)));
        }

        public override void Write(FileClassification result)
        {
            if (result.Prediction is not { } prediction)
            {
                Row(result.File, "", null, null, null, null, result.Error);
                return;
            }
            Row(result.File, "", 0, prediction.Duration, prediction.Top, prediction.Probabilities, null);
            if (!_options.IncludeSegments)
                return;
            for (var s = 0; s < prediction.Segments.Count; s++)
            {
                var segment = prediction.Segments[s];
                Row(result.File, s.ToString(CultureInfo.InvariantCulture), segment.Start, segment.End, segment.Top, segment.Probabilities, null);
            }
        }

        private void Row(string file, string segment, double? start, double? end, string? top, IReadOnlyDictionary<string, double>? probabilities, string? error)
        {
            var line = new StringBuilder();
            line.Append(Quote(file)).Append(',').Append(segment).Append(',')
                .Append(Number(start, PredictionJson.SecondsDecimals)).Append(',')
                .Append(Number(end, PredictionJson.SecondsDecimals)).Append(',')
                .Append(Quote(top ?? ""));
            foreach (var label in _labels)
                line.Append(',').Append(Number(probabilities?[label], PredictionJson.ProbabilityDecimals));
            line.Append(',').Append(Quote(error ?? ""));
            _target.WriteLine(line.ToString());
        }

        private static string Number(double? value, int decimals) =>
            value is { } v ? Math.Round(v, decimals).ToString("R", CultureInfo.InvariantCulture) : "";

        private static string Quote(string field) =>
            field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
