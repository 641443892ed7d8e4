using System.Globalization;
using MelGenre.Prediction;
using MelGenre.Web.Problems;

namespace MelGenre.Web.Uploads;

/// <summary>
/// The optional settings of an analysis, from the query string or form fields (a form field wins over the query):
/// <c>top</c>, <c>segments</c>, <c>segmentSeconds</c>. Names are matched ignoring case.
/// </summary>
/// <param name="Top">How many genres a listing shows (<see cref="ClassifyOptions.Top"/>); null: its default.</param>
/// <param name="Segments">Whether the timeline is included; null: included exactly when <paramref name="SegmentSeconds"/>
/// is given.</param>
/// <param name="SegmentSeconds">Timeline segment length in seconds; null: one per patch (or the endpoint's default).</param>
internal sealed record AnalysisParameters(int? Top, bool? Segments, double? SegmentSeconds)
{
    public const string TopName = "top";
    public const string SegmentsName = "segments";
    public const string SegmentSecondsName = "segmentSeconds";

    /// <summary>Whether the timeline is wanted.</summary>
    public bool IncludeSegments => Segments ?? SegmentSeconds is not null;

    /// <exception cref="ApiProblem">400: a value that does not parse or is out of range.</exception>
    public static AnalysisParameters Parse(IQueryCollection query, IReadOnlyDictionary<string, string> fields)
    {
        string? Value(string name) => fields.TryGetValue(name, out var field) ? field
            : query.FirstOrDefault(q => q.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.LastOrDefault();

        int? top = Value(TopName) is { } topText
            ? int.TryParse(topText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k >= 1 ? k
                : throw Invalid(TopName, topText, "a whole number, at least 1")
            : null;
        bool? segments = Value(SegmentsName) is { } segmentsText ? ParseSwitch(segmentsText) : null;
        double? segmentSeconds = Value(SegmentSecondsName) is { } secondsText
            ? double.TryParse(secondsText.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && double.IsFinite(s) ? s
                : throw Invalid(SegmentSecondsName, secondsText, "a positive number of seconds")
            : null;
        return new AnalysisParameters(top, segments, segmentSeconds);
    }

    /// <summary>The classifier's options: these settings, the server's duration limit, and
    /// <paramref name="defaultSegmentSeconds"/> where no segment length was given.</summary>
    /// <exception cref="ApiProblem">400: the settings do not suit the model (a segment shorter than its hop).</exception>
    public ClassifyOptions ToOptions(Classifier classifier, TimeSpan maxDuration, bool includeSegments, double? defaultSegmentSeconds = null)
    {
        var options = new ClassifyOptions
        {
            Top = Top ?? ClassifyOptions.Default.Top,
            IncludeSegments = includeSegments,
            SegmentSeconds = SegmentSeconds ?? defaultSegmentSeconds,
            MaxDuration = maxDuration,
        };
        try
        {
            classifier.CheckOptions(options);
        }
        catch (ArgumentOutOfRangeException range)
        {
            throw ApiProblem.InvalidParameter($"{SegmentSecondsName}: {range.Message.Split(" (Parameter")[0]}");
        }
        return options;
    }

    /// <summary>Refuses timeline settings sent after the file to an endpoint that analyses the file as it arrives
    /// (<c>top</c> changes no analysis, so it may come anywhere; every value is still checked).</summary>
    /// <exception cref="ApiProblem">400: such a setting, or a value that does not parse.</exception>
    public static void RejectLate(IQueryCollection query, IReadOnlyDictionary<string, string> fieldsAfterFile)
    {
        Parse(query, fieldsAfterFile);
        if (new[] { SegmentsName, SegmentSecondsName }.FirstOrDefault(fieldsAfterFile.ContainsKey) is { } late)
            throw ApiProblem.InvalidParameter(
                $"the form field '{late}' came after the file, which is analysed as it arrives: send it before '{MultipartUpload.FileField}', or in the query string");
    }

    /// <summary>An HTML checkbox's "on" as well as true/false, 1/0, yes/no.</summary>
    private static bool ParseSwitch(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "on" or "yes" => true,
        "false" or "0" or "off" or "no" => false,
        _ => throw Invalid(SegmentsName, text, "true or false"),
    };

    private static ApiProblem Invalid(string name, string text, string expected) =>
        ApiProblem.InvalidParameter($"{name} must be {expected} (got '{Shorten(text)}')");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
