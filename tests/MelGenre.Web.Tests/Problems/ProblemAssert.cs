using System.Net;
using System.Text.Json.Nodes;

namespace MelGenre.Web.Tests.Problems;

/// <summary>Checks an error answer: RFC 9457 problem details with the expected status, and no stack trace.</summary>
internal static class ProblemAssert
{
    /// <summary>Asserts the problem shape and status; returns its <c>detail</c>.</summary>
    public static async Task<string?> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, bool withDetail = true)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return IsProblem(response.Content.Headers.ContentType?.MediaType, text, (int)status, withDetail);
    }

    public static string? IsProblem(string? mediaType, string body, int status, bool withDetail = true)
    {
        Assert.Equal("application/problem+json", mediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(status, (int)problem["status"]!);
        Assert.StartsWith("https://", (string?)problem["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), body);
        var detail = (string?)problem["detail"];
        if (withDetail)
        {
            Assert.False(string.IsNullOrWhiteSpace(detail), $"no detail in {body}");
            Assert.DoesNotContain('\n', detail);
        }
        Assert.DoesNotContain(".cs:line", body);
        Assert.DoesNotContain("Exception", body);
        return detail;
    }
}
