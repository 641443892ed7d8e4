using Microsoft.OpenApi;

namespace MelGenre.Web.Apis;

/// <summary>
/// The form the upload endpoints read, for the OpenAPI document only: the endpoints read the multipart body
/// themselves (<see cref="Uploads.MultipartUpload"/>), section by section, so that no file ever reaches the disk.
/// </summary>
internal sealed class UploadForm
{
    /// <summary>The audio: WAV, FLAC, MP3, Ogg Vorbis or Opus (others through ffmpeg when installed).</summary>
    public required IFormFile File { get; init; }

    /// <summary>How many genres a listing shows; at least 1 (also accepted in the query string).</summary>
    public int? Top { get; init; }

    /// <summary>Whether to include the timeline (classify; also in the query string). Sent to classify as a form
    /// field, it must come before the file.</summary>
    public bool? Segments { get; init; }

    /// <summary>Length of the timeline's segments in seconds, at least the model's hop (also in the query string).
    /// Sent to classify as a form field, it must come before the file.</summary>
    public double? SegmentSeconds { get; init; }
}

/// <summary>The OpenAPI description every upload endpoint shares.</summary>
internal static class UploadEndpoint
{
    public const string FormContentType = "multipart/form-data";

    /// <summary>Declares the form, the problems an upload can meet, and the concurrency limit.</summary>
    /// <remarks>The form goes into the OpenAPI document by a transformer, not as <c>Accepts</c> metadata: routing would
    /// answer another content type with a bare 415 before the endpoint could explain, with a 400, what to send.</remarks>
    public static RouteHandlerBuilder AsUploadEndpoint(this RouteHandlerBuilder endpoint, string policy) => endpoint
        .AddOpenApiOperationTransformer(async (operation, context, cancellation) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [FormContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(UploadForm), null, cancellation) },
            },
        })
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout)
        .RequireRateLimiting(policy);
}
