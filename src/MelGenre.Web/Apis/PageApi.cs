using System.Globalization;
using System.Text;
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

    /// <summary>The page's tag that tells its script the upload limit, so it can refuse a larger file before sending it.</summary>
    private const string UploadLimitMeta = "<meta name=\"melgenre-max-upload-bytes\" content=\"";

    /// <param name="app">The app.</param>
    /// <param name="assets">The page's files.</param>
    /// <param name="maxUploadBytes">The server's upload limit, written into the page's <c>melgenre-max-upload-bytes</c> tag.</param>
    public static void MapPage(this IEndpointRouteBuilder app, IReadOnlyList<EmbeddedAsset> assets, long maxUploadBytes)
    {
        foreach (var asset in assets)
        {
            if (asset.Path != IndexPage)
            {
                Map(app, "/" + asset.Path, asset);
                continue;
            }
            var page = WithUploadLimit(asset, maxUploadBytes);
            Map(app, "/" + asset.Path, page);
            Map(app, "/", page);
        }
    }

    private static EmbeddedAsset WithUploadLimit(EmbeddedAsset page, long maxUploadBytes)
    {
        var html = Encoding.UTF8.GetString(page.Content);
        var start = html.IndexOf(UploadLimitMeta, StringComparison.Ordinal);
        if (start < 0)
            return page;
        start += UploadLimitMeta.Length;
        var end = html.IndexOf('"', start);
        return page.WithContent(Encoding.UTF8.GetBytes(
            string.Concat(html.AsSpan(0, start), maxUploadBytes.ToString(CultureInfo.InvariantCulture), html.AsSpan(end))));
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
