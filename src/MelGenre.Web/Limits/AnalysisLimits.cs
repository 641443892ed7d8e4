using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;

namespace MelGenre.Web.Limits;

/// <summary>
/// The server-wide guards of <see cref="WebOptions"/>: the request body size (Kestrel), how many analyses run and
/// wait (a concurrency limiter with a queue on the analysis endpoints: 503 beyond), and how long a request may take
/// (504 beyond). Each refusal is a problem details response.
/// </summary>
internal static class AnalysisLimits
{
    /// <summary>The rate-limiting policy of the endpoints that decode audio.</summary>
    public const string AnalysisPolicy = "analysis";

    /// <summary>Bytes of a multipart request besides the file (boundaries, part headers, the small form fields).</summary>
    public const long FormOverheadBytes = 64 << 10;

    /// <summary>What a refused client is told to wait, in seconds: about one song's analysis.</summary>
    public const int RetryAfterSeconds = 5;

    public static void AddAnalysisLimits(this WebApplicationBuilder builder, WebOptions options)
    {
        // Kestrel stops a body past the upload plus the form around it; the file itself is counted exactly while read.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + FormOverheadBytes);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddConcurrencyLimiter(AnalysisPolicy, concurrency =>
            {
                concurrency.PermitLimit = options.MaxConcurrentAnalyses;
                concurrency.QueueLimit = options.QueueLimit;
                concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                var detail = options.QueueLimit == 0
                    ? $"the server is busy with {options.MaxConcurrentAnalyses} analyses; try again in {RetryAfterSeconds} s"
                    : $"the server is busy with {options.MaxConcurrentAnalyses} analyses and {options.QueueLimit} waiting; try again in {RetryAfterSeconds} s";
                return new ValueTask(Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Server busy")
                    .ExecuteAsync(context.HttpContext));
            };
        });

        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            WriteTimeoutResponse = context => Results.Problem(
                $"the request took longer than the {Describe(options.RequestTimeout)} limit",
                statusCode: StatusCodes.Status504GatewayTimeout, title: "Timed out").ExecuteAsync(context),
        });
    }

    public static void UseAnalysisLimits(this WebApplication app)
    {
        // Timeouts outside the limiter: time spent waiting in the queue counts.
        app.UseRequestTimeouts();
        app.UseRateLimiter();
    }

    /// <summary>A limit as it was most likely set: "2 min", "30 s", "250 ms".</summary>
    internal static string Describe(TimeSpan limit) => limit switch
    {
        _ when limit.Ticks % TimeSpan.TicksPerMinute == 0 => string.Create(CultureInfo.InvariantCulture, $"{(long)limit.TotalMinutes} min"),
        _ when limit.Ticks % TimeSpan.TicksPerSecond == 0 => string.Create(CultureInfo.InvariantCulture, $"{(long)limit.TotalSeconds} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{limit.TotalMilliseconds:0.###} ms"),
    };
}
