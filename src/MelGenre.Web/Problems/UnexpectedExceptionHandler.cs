using Microsoft.AspNetCore.Diagnostics;

namespace MelGenre.Web.Problems;

/// <summary>
/// The last resort for an exception no endpoint expected: logged with its stack trace, answered with a generic 500
/// problem that reveals nothing of it. A malformed request Kestrel rejects outside an endpoint keeps its own status.
/// </summary>
internal sealed partial class UnexpectedExceptionHandler(ILogger<UnexpectedExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception is BadHttpRequestException bad
            ? Results.Problem(bad.Message, statusCode: bad.StatusCode, title: "Bad request")
            : Failed(httpContext, exception);
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private IResult Failed(HttpContext httpContext, Exception exception)
    {
        LogFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        return Results.Problem("the server failed to handle this request; the error has been logged",
            statusCode: StatusCodes.Status500InternalServerError, title: "Internal error");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path);
}
