using MelGenre.Web.Analysis;

namespace MelGenre.Web.Apis;

/// <summary><c>GET /api/model</c>: the model's manifest; <c>GET /health</c>: whether the server is up, and with which
/// model.</summary>
internal static class ModelApi
{
    /// <summary>The body of <c>GET /health</c>.</summary>
    /// <param name="Status">Always <c>ok</c> when the server answers (the model is loaded before it listens).</param>
    /// <param name="Model">The model's name.</param>
    internal sealed record Health(string Status, string Model);

    public static void MapModelApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/model", (LoadedModel model) => Results.Bytes(model.ManifestJson, "application/json"))
            .WithName("GetModel")
            .WithSummary("The model's manifest.json")
            .WithDescription("The manifest of the loaded model: its name, genres (labels, in output order), feature parameters, patch and hop lengths, architecture and metrics.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        app.MapGet("/health", (LoadedModel model) => TypedResults.Ok(new Health("ok", model.Name)))
            .WithName("GetHealth")
            .WithSummary("Whether the server is up, and its model's name");
    }
}
