using MelGenre.Web.Assets;
using Microsoft.Net.Http.Headers;

namespace MelGenre.Web.Apis;

/// <summary>
/// <c>GET /</c>: the page (<c>index.html</c>), and each of its files at its own path. The names carry no version, so
/// browsers revalidate every time (<c>Cache-Control: no-cache</c>) and get a 304 while the ETag matches.
/// </summary>
internal static class PageApi
{
    public const string IndexPage = "index.html";

    public static void MapPage(this IEndpointRouteBuilder app, IReadOnlyList<EmbeddedAsset> assets)
    {
        foreach (var asset in assets)
        {
            Map(app, "/" + asset.Path, asset);
            if (asset.Path == IndexPage)
                Map(app, "/", asset);
        }
    }

    private static void Map(IEndpointRouteBuilder app, string route, EmbeddedAsset asset) =>
        app.MapMethods(route, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
            })
            .ExcludeFromDescription();
}
