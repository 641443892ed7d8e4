using System.Net;
using MelGenre.Web.Tests.Problems;

namespace MelGenre.Web.Tests.Apis;

public sealed class PageApiTests(SharedServer shared)
{
    private TestServer Server => shared.Server;

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    public async Task The_page_is_served_as_html_from_the_assembly(string path)
    {
        var response = await Server.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_page_tells_its_script_the_server_s_own_upload_limit()
    {
        await using var server = await TestServer.StartAsync(new WebOptions { MaxUploadBytes = 12345 });

        var page = await server.Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<meta name=\"melgenre-max-upload-bytes\" content=\"12345\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_not_sent_again_while_its_etag_matches()
    {
        var first = await Server.Client.GetAsync("/", TestContext.Current.CancellationToken);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await Server.Client.SendAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        var response = await Server.Client.GetAsync("/no-such-file.js", TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, withDetail: false);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_route()
    {
        var document = await TestServer.JsonAsync(await Server.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var paths = document["paths"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["/api/analysis", "/api/classify", "/api/model", "/api/spectrogram", "/api/waveform", "/health"], paths);
        Assert.NotNull(document["paths"]!["/api/classify"]!["post"]!["requestBody"]?["content"]?["multipart/form-data"]?["schema"]);
    }
}
