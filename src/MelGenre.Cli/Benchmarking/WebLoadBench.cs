using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace MelGenre.Cli.Benchmarking;

/// <summary>
/// <c>melgenre bench web</c>: a load test of the web API on loopback. Starts <c>melgenre serve</c> as a child process,
/// warms it up at the same concurrency, then sends <c>POST /api/classify</c> requests from several concurrent clients and prints latency
/// percentiles, throughput, the status codes (5xx must be 0 beyond deliberate 503s) and the server's resident memory
/// after warm-up and at the end (it should not grow).
/// </summary>
internal sealed class WebLoadBench(TextWriter output, TextWriter progress)
{
    /// <summary>Requests sent first, at the measured concurrency, so that thread pools, buffers and heaps have grown to
    /// what that load needs before memory is read.</summary>
    private const int WarmUpRequests = 50;

    public sealed record Settings(string Clip, int Requests, int Concurrency, string? Model);

    public async Task RunAsync(Settings settings)
    {
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var server = ChildProcess.StartMelGenre(["serve", "--urls", address.ToString().TrimEnd('/'), .. settings.Model is { } m ? ["--model", m] : Array.Empty<string>()]);
        // Drain the server's output so it never blocks on a full pipe.
        _ = server.StandardOutput.ReadToEndAsync();
        var serverErrors = server.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            await WaitUntilHealthyAsync(client, server, serverErrors);
            var audio = await File.ReadAllBytesAsync(settings.Clip);
            foreach (var warmUp in await SendAllAsync(client, audio, settings.Clip, WarmUpRequests, settings.Concurrency))
                warmUp.EnsureSuccess();
            var before = ChildProcess.ResidentMegabytes(server.Id);

            progress.WriteLine($"bench web: {settings.Requests} requests, {settings.Concurrency} at a time…");
            var clock = Stopwatch.StartNew();
            var results = await SendAllAsync(client, audio, settings.Clip, settings.Requests, settings.Concurrency);
            var seconds = clock.Elapsed.TotalSeconds;
            var after = ChildProcess.ResidentMegabytes(server.Id);
            Report(settings, results, seconds, before, after);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private readonly record struct Outcome(HttpStatusCode Status, double Milliseconds)
    {
        public void EnsureSuccess()
        {
            if (Status != HttpStatusCode.OK)
                throw new InvalidOperationException($"Warm-up request failed with {(int)Status} {Status}.");
        }
    }

    /// <summary>Sends <paramref name="count"/> requests, <paramref name="concurrency"/> at a time.</summary>
    private static async Task<Outcome[]> SendAllAsync(HttpClient client, byte[] audio, string name, int count, int concurrency)
    {
        var results = new Outcome[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < results.Length)
                results[index] = await SendAsync(client, audio, name);
        }));
        return results;
    }

    private static async Task<Outcome> SendAsync(HttpClient client, byte[] audio, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", Path.GetFileName(name));
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("api/classify", form);
        await response.Content.ReadAsByteArrayAsync();
        return new Outcome(response.StatusCode, clock.Elapsed.TotalMilliseconds);
    }

    private void Report(Settings settings, Outcome[] results, double seconds, double before, double after)
    {
        var latencies = results.Select(r => r.Milliseconds).Order().ToArray();
        double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)];
        var statuses = string.Join(", ", results.GroupBy(r => (int)r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"));
        var serverErrors = results.Count(r => (int)r.Status >= 500 && r.Status != HttpStatusCode.ServiceUnavailable);
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant,
            $"MelGenre web load test: {Environment.ProcessorCount} cores, .NET {Environment.Version}, `POST /api/classify` of {Path.GetFileName(settings.Clip)} ({new FileInfo(settings.Clip).Length / 1024} KB) on loopback"));
        output.WriteLine();
        output.WriteLine("| requests | concurrency | throughput | p50 | p95 | max | statuses | 5xx (not 503) | server RSS after warm-up → end |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        output.WriteLine(string.Create(invariant,
            $"| {results.Length} | {settings.Concurrency} | {results.Length / seconds:0.0} req/s | {Percentile(0.5):0} ms | {Percentile(0.95):0} ms | {latencies[^1]:0} ms | {statuses} | {serverErrors} | {before:0} → {after:0} MB |"));
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process server, Task<string> serverErrors)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (server.HasExited)
                throw new InvalidOperationException($"melgenre serve exited ({server.ExitCode}): {(await serverErrors).Trim()}");
            try
            {
                using var response = await client.GetAsync("health");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("melgenre serve did not answer /health within a minute.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
