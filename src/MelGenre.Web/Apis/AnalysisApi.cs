using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using MelGenre.Prediction;
using MelGenre.Web.Analysis;
using MelGenre.Web.Limits;
using MelGenre.Web.Uploads;

namespace MelGenre.Web.Apis;

/// <summary>
/// <c>POST /api/analysis</c>: the page's single call. The upload is decoded once; the answer holds its genres with a
/// timeline (<see cref="SegmentPlan"/> unless <c>segmentSeconds</c> is given), its spectrogram and its waveform:
/// <c>{"prediction": {…}, "spectrogram": "data:image/png;base64,…", "waveform": "data:image/png;base64,…"}</c>.
/// </summary>
internal static class AnalysisApi
{
    private const string PngDataUrlPrefix = "data:image/png;base64,";

    /// <summary>Base64 needs no escaping; the prediction is already JSON.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapAnalysisApi(this IEndpointRouteBuilder api) =>
        api.MapPost("/analysis", AnalyseAsync)
            .WithName("Analysis")
            .WithSummary("Genres with a timeline, spectrogram and waveform of an audio file, in one answer")
            .WithDescription("prediction: the classify object with segments (one per patch up to 2 min of audio, else about 40 "
                + "equal segments, unless segmentSeconds is given); spectrogram and waveform: PNG pictures as data URLs.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .AsUploadEndpoint(AnalysisLimits.AnalysisPolicy);

    private static async Task<IResult> AnalyseAsync(HttpContext context, LoadedModel model, RecordingAnalysis analysis, WebOptions options)
    {
        var cancellation = context.RequestAborted;
        var upload = await BufferedUpload.ReadAsync(context.Request, options.MaxUploadBytes, cancellation);
        var classifier = model.Classifier;
        // Settings the model refuses are refused before any decoding.
        upload.Parameters.ToOptions(classifier, options.MaxDuration, includeSegments: true);
        var body = await Offload.Run(() =>
        {
            using var stream = upload.Open();
            var mono = analysis.Decode(stream, upload.FileName, cancellation);
            var classifyOptions = upload.Parameters.ToOptions(classifier, options.MaxDuration, includeSegments: true,
                SegmentPlan.DefaultSegmentSeconds(mono.Duration.TotalSeconds, classifier.DefaultHopSeconds));
            var prediction = analysis.Classify(mono, classifyOptions);
            cancellation.ThrowIfCancellationRequested();
            var spectrogram = analysis.Spectrogram(mono, upload.FileName);
            cancellation.ThrowIfCancellationRequested();
            var waveform = analysis.Waveform(mono, upload.FileName);
            return Write(FileClassification.Succeeded(upload.FileName, prediction), spectrogram, waveform);
        });
        return Results.Bytes(body, "application/json");
    }

    private static ReadOnlyMemory<byte> Write(FileClassification prediction, byte[] spectrogram, byte[] waveform)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("prediction");
            writer.WriteRawValue(PredictionJson.SerializeLine(prediction, includeSegments: true));
            writer.WriteString("spectrogram", PngDataUrlPrefix + Convert.ToBase64String(spectrogram));
            writer.WriteString("waveform", PngDataUrlPrefix + Convert.ToBase64String(waveform));
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
