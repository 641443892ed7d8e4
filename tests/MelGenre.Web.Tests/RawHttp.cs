using System.Net.Sockets;
using System.Text;

namespace MelGenre.Web.Tests;

/// <summary>An HTTP/1.1 answer read off a raw connection.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("content-type", out var value) ? value.Split(';')[0].Trim() : null;
}

/// <summary>
/// A request written by hand on a socket, for what HttpClient cannot do on cue: hold an upload half-sent, learn
/// exactly when the server has started reading it (<c>Expect: 100-continue</c>: Kestrel answers 100 when the endpoint
/// first reads the body), or abandon it.
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _received = new();

    private RawHttp(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Connects and sends the request line and headers of a POST of <paramref name="contentLength"/> bytes.</summary>
    public static async Task<RawHttp> StartPostAsync(Uri server, string path, string contentType, long contentLength, bool expectContinue)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var raw = new RawHttp(client);
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength}\r\n"
            + (expectContinue ? "Expect: 100-continue\r\n" : "") + "Connection: close\r\n\r\n";
        await raw.SendAsync(Encoding.ASCII.GetBytes(head));
        return raw;
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);
        await _stream.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits for the interim <c>100 Continue</c>: the endpoint is reading the body.</summary>
    public async Task WaitForContinueAsync()
    {
        var head = await ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 100", head);
    }

    /// <summary>Reads the final answer; the server closes the connection after it.</summary>
    public async Task<RawResponse> ReadResponseAsync()
    {
        var head = await ReadHeadAsync();
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var buffer = new byte[8192];
        int read;
        while ((read = await _stream.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            _received.Write(buffer, 0, read);
        var body = Encoding.UTF8.GetString(_received.ToArray());
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding == "chunked")
            body = Unchunk(body);
        return new RawResponse(status, headers, body);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    /// <summary>Reads up to the blank line after a status line and its headers; keeps what follows.</summary>
    private async Task<string> ReadHeadAsync()
    {
        var buffer = new byte[8192];
        while (true)
        {
            var received = _received.ToArray();
            var end = received.AsSpan().IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                _received.SetLength(0);
                _received.Write(received, end + 4, received.Length - end - 4);
                return Encoding.ASCII.GetString(received, 0, end);
            }
            var read = await _stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.True(read > 0, "the server closed the connection without an answer");
            _received.Write(buffer, 0, read);
        }
    }

    private static string Unchunk(string body)
    {
        var text = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd], 16);
            if (size == 0)
                return text.ToString();
            text.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}

/// <summary>A multipart form written by hand, for raw requests.</summary>
internal static class RawForm
{
    public const string Boundary = "melgenre-test-boundary";

    public const string ContentType = "multipart/form-data; boundary=" + Boundary;

    /// <summary>The bytes before a file's content.</summary>
    public static byte[] FileHead(string fileName = "clip.wav") =>
        Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: audio/wav\r\n\r\n");

    /// <summary>The bytes after a file's content, closing the form.</summary>
    public static byte[] Tail { get; } = Encoding.UTF8.GetBytes($"\r\n--{Boundary}--\r\n");

    /// <summary>A whole form with one file.</summary>
    public static byte[] WithFile(byte[] content, string fileName = "clip.wav") => [.. FileHead(fileName), .. content, .. Tail];
}
