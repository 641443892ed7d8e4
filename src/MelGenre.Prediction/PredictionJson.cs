using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MelGenre.Prediction;

/// <summary>
/// The JSON that the CLI (<c>melgenre classify --format json</c>) and the web API write: an array with one object per
/// input, in input order.
/// </summary>
/// <remarks>
/// <code>
/// [
///   {
///     "file": "song.mp3",                     // the input as given
///     "duration": 30.013,                     // seconds of decoded audio, 3 decimals; null on error
///     "top": "jazz",                          // most probable genre; null on error
///     "probabilities": { "blues": 0.012, … }, // every label in the model's order, 6 decimals; null on error
///     "segments": [                           // only when segments were asked for, and only on success
///       { "start": 0.0, "end": 3.019, "top": "jazz", "probabilities": { … } }
///     ],
///     "error": null                           // a one-line reason when this input failed
///   }
/// ]
/// </code>
/// Property names are camelCase; genre keys are the model's labels unchanged. Probabilities are rounded to
/// <see cref="ProbabilityDecimals"/> decimals (finer than any decision needs, and short), so a rounded set sums to 1
/// within label count × 5e-7; times to <see cref="SecondsDecimals"/> decimals (a millisecond, finer than a frame).
/// </remarks>
public static class PredictionJson
{
    /// <summary>Decimals kept of every probability.</summary>
    public const int ProbabilityDecimals = 6;

    /// <summary>Decimals kept of every time in seconds.</summary>
    public const int SecondsDecimals = 3;

    /// <summary>One line per result (JSON Lines), same escaping as <see cref="WriterOptions"/>.</summary>
    private static readonly JsonSerializerOptions LineOptions = new(PredictionJsonContext.Default.Options)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Indented; only what JSON requires is escaped, so file names and error messages stay readable (the
    /// default encoder also escapes quotes as <c>\u0022</c> and every non-ASCII letter, for embedding in HTML, which
    /// this output is not meant for).</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="results"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="results">One entry per input, in order.</param>
    /// <param name="includeSegments">Whether successful entries carry <c>segments</c> (from
    /// <see cref="GenrePrediction.Segments"/>); when false the property is left out.</param>
    public static void Write(Stream stream, IReadOnlyList<FileClassification> results, bool includeSegments)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        JsonSerializer.Serialize(writer, ToJson(results, includeSegments), PredictionJsonContext.Default.IReadOnlyListFileClassificationJson);
    }

    /// <summary>The JSON text of <paramref name="results"/> (see <see cref="Write"/>).</summary>
    public static string Serialize(IReadOnlyList<FileClassification> results, bool includeSegments)
    {
        using var buffer = new MemoryStream();
        Write(buffer, results, includeSegments);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// One result as a single line of JSON (no line break inside or at the end): the object <see cref="Write"/> puts in
    /// its array, for JSON Lines output (<c>--format jsonl</c>), where each line stands alone and a run can be resumed.
    /// </summary>
    public static string SerializeLine(FileClassification result, bool includeSegments)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(FileClassificationJson.From(result, includeSegments), LineOptions.GetTypeInfo(typeof(FileClassificationJson)));
    }

    private static IReadOnlyList<FileClassificationJson> ToJson(IReadOnlyList<FileClassification> results, bool includeSegments)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Select(r => FileClassificationJson.From(r, includeSegments))];
    }

    internal static double Seconds(double value) => Math.Round(value, SecondsDecimals);

    internal static IReadOnlyDictionary<string, double> Rounded(IReadOnlyDictionary<string, double> probabilities)
    {
        var rounded = new OrderedDictionary<string, double>(probabilities.Count);
        foreach (var (label, p) in probabilities)
            rounded.Add(label, Math.Round(p, ProbabilityDecimals));
        return rounded;
    }
}

/// <summary>JSON shape of one <see cref="FileClassification"/>; property order is the schema's.</summary>
internal sealed record FileClassificationJson(
    string File,
    double? Duration,
    string? Top,
    IReadOnlyDictionary<string, double>? Probabilities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SegmentJson>? Segments,
    string? Error)
{
    public static FileClassificationJson From(FileClassification result, bool includeSegments)
    {
        if (result.Prediction is not { } prediction)
            return new FileClassificationJson(result.File, null, null, null, null, result.Error);
        var segments = includeSegments
            ? prediction.Segments.Select(s => new SegmentJson(
                PredictionJson.Seconds(s.Start), PredictionJson.Seconds(s.End), s.Top, PredictionJson.Rounded(s.Probabilities))).ToArray()
            : null;
        return new FileClassificationJson(result.File, PredictionJson.Seconds(prediction.Duration), prediction.Top,
            PredictionJson.Rounded(prediction.Probabilities), segments, null);
    }
}

/// <summary>JSON shape of one <see cref="SegmentPrediction"/>.</summary>
internal sealed record SegmentJson(double Start, double End, string Top, IReadOnlyDictionary<string, double> Probabilities);

/// <summary>Compile-time JSON for the prediction shapes: camelCase, usable in trimmed or AOT hosts (layout and escaping
/// come from <see cref="PredictionJson"/>'s writer).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<FileClassificationJson>))]
[JsonSerializable(typeof(FileClassificationJson))]
internal sealed partial class PredictionJsonContext : JsonSerializerContext;
