using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace MelGenre.Web.Assets;

/// <summary>One file of the page, read from the assembly's resources.</summary>
/// <param name="Path">Its URL path without the leading slash, e.g. <c>app.js</c>.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentType">Its media type (with <c>charset=utf-8</c> for text).</param>
/// <param name="ETag">A strong entity tag: a hash of the content.</param>
internal sealed record EmbeddedAsset(string Path, byte[] Content, string ContentType, string ETag)
{
    /// <summary>The same file with other bytes (and their entity tag).</summary>
    public EmbeddedAsset WithContent(byte[] content) => this with { Content = content, ETag = EmbeddedAssets.EntityTag(content) };
}

/// <summary>
/// The page's files (<c>wwwroot/**</c>, embedded as resources named <c>wwwroot/PATH</c>), read once at startup: the
/// server runs from a single folder of assemblies and never touches the disk for them.
/// </summary>
internal static class EmbeddedAssets
{
    private const string Prefix = "wwwroot/";

    /// <summary>Media types of text formats that get <c>charset=utf-8</c>.</summary>
    private static readonly string[] TextTypes = ["application/javascript", "application/json", "application/manifest+json", "image/svg+xml"];

    public static IReadOnlyList<EmbeddedAsset> Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var assets = new List<EmbeddedAsset>();
        foreach (var resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            var path = resource.Replace('\\', '/');
            if (!path.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            path = path[Prefix.Length..];
            if (!types.TryGetContentType(path, out var contentType))
                contentType = "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || TextTypes.Contains(contentType))
                contentType += "; charset=utf-8";
            assets.Add(new EmbeddedAsset(path, content, contentType, EntityTag(content)));
        }
        return assets;
    }

    /// <summary>A strong entity tag for <paramref name="content"/>: 128 bits of its SHA-256.</summary>
    public static string EntityTag(byte[] content) => $"\"{Convert.ToBase64String(SHA256.HashData(content).AsSpan(0, 16))}\"";
}
