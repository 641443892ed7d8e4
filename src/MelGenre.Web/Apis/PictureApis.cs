using MelGenre.Web.Analysis;
using MelGenre.Web.Limits;
using MelGenre.Web.Uploads;

namespace MelGenre.Web.Apis;

/// <summary><c>POST /api/spectrogram</c> and <c>POST /api/waveform</c>: pictures of the uploaded audio as PNG.</summary>
internal static class PictureApis
{
    public const string PngContentType = "image/png";

    public static void MapPictureApis(this IEndpointRouteBuilder api)
    {
        api.MapPost("/spectrogram", (HttpContext context, RecordingAnalysis analysis, WebOptions options) =>
                RenderAsync(context, analysis, options, analysis.Spectrogram))
            .WithName("Spectrogram")
            .WithSummary("The log-mel spectrogram of an audio file, as a PNG")
            .WithDescription("What the model sees: mel bands (axis in Hz) over time, in dB relative to the loudest bin, with a colour bar.")
            .Produces(StatusCodes.Status200OK, contentType: PngContentType)
            .AsUploadEndpoint(AnalysisLimits.AnalysisPolicy);
        api.MapPost("/waveform", (HttpContext context, RecordingAnalysis analysis, WebOptions options) =>
                RenderAsync(context, analysis, options, analysis.Waveform))
            .WithName("Waveform")
            .WithSummary("The waveform (amplitude over time) of an audio file, as a PNG")
            .Produces(StatusCodes.Status200OK, contentType: PngContentType)
            .AsUploadEndpoint(AnalysisLimits.AnalysisPolicy);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, RecordingAnalysis analysis, WebOptions options,
        Func<Audio.AudioClip, string, byte[]> render)
    {
        var cancellation = context.RequestAborted;
        var upload = await BufferedUpload.ReadAsync(context.Request, options.MaxUploadBytes, cancellation);
        var png = await Offload.Run(() =>
        {
            using var stream = upload.Open();
            return render(analysis.Decode(stream, upload.FileName, cancellation), upload.FileName);
        });
        return Results.Bytes(png, PngContentType);
    }
}
