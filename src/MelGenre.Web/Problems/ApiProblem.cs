using System.Globalization;

namespace MelGenre.Web.Problems;

/// <summary>
/// A request the API refuses, as the problem details it answers with (RFC 9457): thrown where the fault is found,
/// turned into the response by <see cref="ProblemFilter"/>. <see cref="Detail"/> is what the page shows the user.
/// </summary>
internal sealed class ApiProblem(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    public IResult ToResult() => Results.Problem(Detail, statusCode: Status, title: Title);

    public static ApiProblem NotMultipart() =>
        new(StatusCodes.Status400BadRequest, "Not a form upload", "send multipart/form-data with the audio in the form field 'file'");

    public static ApiProblem NoFile() =>
        new(StatusCodes.Status400BadRequest, "No file", "the form has no field 'file' with the audio");

    public static ApiProblem MalformedForm(string why) =>
        new(StatusCodes.Status400BadRequest, "Malformed form", $"the multipart form cannot be read: {why}");

    public static ApiProblem InvalidParameter(string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid parameter", detail);

    public static ApiProblem UploadTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"the upload is larger than the {DescribeBytes(limit)} limit");

    /// <summary>"100 MiB", "64 KiB", "1000 bytes": a limit as it was most likely set.</summary>
    internal static string DescribeBytes(long bytes) => bytes switch
    {
        >= 1L << 20 when bytes % (1L << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB"),
        >= 1L << 10 when bytes % (1L << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
