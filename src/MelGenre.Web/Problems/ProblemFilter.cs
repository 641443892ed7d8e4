using MelGenre.Audio;

namespace MelGenre.Web.Problems;

/// <summary>
/// Turns the failures an API endpoint expects into problem details: <see cref="ApiProblem"/>, a decoding failure
/// (<see cref="AudioProblems"/>), or Kestrel refusing the request body (over its size limit: 413). Anything else is a
/// bug and goes on to <see cref="UnexpectedExceptionHandler"/>. Once the request is cancelled (timed out or
/// abandoned by the client), any failure is what the cancellation caused and leaves as an
/// <see cref="OperationCanceledException"/>, which the timeout middleware answers with 504.
/// </summary>
internal sealed class ProblemFilter(WebOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception error) when (error is not OperationCanceledException && context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new OperationCanceledException("The request was cancelled.", error, context.HttpContext.RequestAborted);
        }
        catch (Exception error) when (Describe(error) is { } problem)
        {
            return problem.ToResult();
        }
    }

    private ApiProblem? Describe(Exception error) => error switch
    {
        ApiProblem problem => problem,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblem.UploadTooLarge(options.MaxUploadBytes),
        BadHttpRequestException bad => new(bad.StatusCode, "Bad request", bad.Message),
        // A body read that failed inside the decoder arrives wrapped; the request's fault decides the answer.
        AudioDecodeException { InnerException: BadHttpRequestException bad } => Describe(bad),
        AudioDecodeException audio => AudioProblems.From(audio),
        _ => null,
    };
}
