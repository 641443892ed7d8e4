using MelGenre.Audio;

namespace MelGenre.Web.Problems;

/// <summary>
/// What a decoding failure means to an HTTP client. The <c>detail</c> is the decoder's one-line reason (it never names
/// a server path: uploads are decoded from memory or the request itself).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>413: <see cref="AudioErrorKind.TooLong"/> (past <see cref="WebOptions.MaxDuration"/>) and
/// <see cref="AudioErrorKind.TooLarge"/> (more samples than the decoder holds).</item>
/// <item>400: <see cref="AudioErrorKind.Empty"/> (an empty file, or audio of no samples: nothing was sent to analyse, rather than the wrong kind of thing) and
/// <see cref="AudioErrorKind.Unreadable"/> (the request body itself failed: cut short, or a broken form).</item>
/// <item>415: everything else (not audio, an unsupported codec, corrupt or truncated data) and
/// <see cref="AudioErrorKind.ToolMissing"/>: a format this server cannot decode is unsupported media to the client,
/// and the reason says which tool is missing.</item>
/// </list>
/// </remarks>
internal static class AudioProblems
{
    public static ApiProblem From(AudioDecodeException error) => error.Kind switch
    {
        AudioErrorKind.TooLong => new(StatusCodes.Status413PayloadTooLarge, "Audio too long", $"the audio is {error.Reason}"),
        AudioErrorKind.TooLarge => new(StatusCodes.Status413PayloadTooLarge, "Audio too large", error.Reason),
        AudioErrorKind.Empty => new(StatusCodes.Status400BadRequest, "No audio", error.Reason),
        AudioErrorKind.Unreadable => new(StatusCodes.Status400BadRequest, "Upload unreadable", error.Reason),
        _ => new(StatusCodes.Status415UnsupportedMediaType, "Not audio we can decode", error.Reason),
    };
}
