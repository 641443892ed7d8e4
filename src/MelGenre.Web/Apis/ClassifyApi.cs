using System.Text;
using MelGenre.Prediction;
using MelGenre.Web.Analysis;
using MelGenre.Web.Limits;
using MelGenre.Web.Problems;
using MelGenre.Web.Uploads;

namespace MelGenre.Web.Apis;

/// <summary>
/// <c>POST /api/classify</c>: the genres of the uploaded audio, as one object of <c>melgenre classify --format json</c>.
/// The upload is classified as it arrives, in bounded memory, so timeline settings sent as form fields must come
/// before the file (or go in the query string).
/// </summary>
internal static class ClassifyApi
{
    public static void MapClassifyApi(this IEndpointRouteBuilder api) =>
        api.MapPost("/classify", ClassifyAsync)
            .WithName("Classify")
            .WithSummary("The genres of an audio file")
            .WithDescription("One object exactly as `melgenre classify --format json` writes for a file: file (the upload's name), "
                + "duration, top, probabilities of every genre, segments (with segments=true or segmentSeconds), error (null).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .AsUploadEndpoint(AnalysisLimits.AnalysisPolicy);

    private static async Task<IResult> ClassifyAsync(HttpContext context, LoadedModel model, WebOptions options)
    {
        var cancellation = context.RequestAborted;
        var upload = await MultipartUpload.OpenAsync(context.Request, options.MaxUploadBytes, cancellation);
        var parameters = AnalysisParameters.Parse(context.Request.Query, upload.FieldsBeforeFile);
        var classifyOptions = parameters.ToOptions(model.Classifier, options.MaxDuration, parameters.IncludeSegments);
        GenrePrediction prediction;
        try
        {
            prediction = await Offload.Run(() => model.Classifier.Classify(upload.File, upload.FileName, classifyOptions));
        }
        catch (Exception) when (upload.File.LimitExceeded)
        {
            // The decoder reports the failed read in its own terms; the cause is the size.
            throw ApiProblem.UploadTooLarge(options.MaxUploadBytes);
        }
        if (upload.File.LimitExceeded)
            throw ApiProblem.UploadTooLarge(options.MaxUploadBytes);
        await upload.ReadRestAsync();
        AnalysisParameters.RejectLate(context.Request.Query, upload.FieldsAfterFile);
        var json = PredictionJson.SerializeLine(FileClassification.Succeeded(upload.FileName, prediction), classifyOptions.IncludeSegments);
        return Results.Text(json, "application/json", Encoding.UTF8);
    }
}
