using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace MelGenre.Web.Tests;

/// <summary>The real server on a free loopback port, with the shipped model, and a client for it.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<TestServer> StartAsync(WebOptions? options = null)
    {
        var app = MelGenreWeb.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"], options);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestServer(app, new Uri(app.Urls.Single()));
    }

    /// <summary>POSTs <paramref name="audio"/> as the form field <c>file</c> named <paramref name="fileName"/>, after
    /// the given form fields.</summary>
    public Task<HttpResponseMessage> PostFileAsync(string path, byte[] audio, string fileName = "clip.wav", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return Client.PostAsync(path, form, TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts a 200 JSON answer and returns it.</summary>
    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

/// <summary>One server with the default options for the tests that need no special limits.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    private TestServer? _server;

    internal TestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        // Last out: the redirected temp folder goes too (empty, as the census test demands).
        Directory.Delete(TestEnvironment.ServerTemp, recursive: true);
    }
}
