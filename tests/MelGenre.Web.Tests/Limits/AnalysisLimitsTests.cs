using System.Net;
using MelGenre.Web.Tests.Problems;

namespace MelGenre.Web.Tests.Limits;

public sealed class AnalysisLimitsTests
{
    [Theory]
    [InlineData("/api/classify")]
    [InlineData("/api/analysis")]
    public async Task An_upload_over_the_size_limit_is_a_413_that_names_the_limit(string path)
    {
        await using var server = await TestServer.StartAsync(new WebOptions { MaxUploadBytes = 16 << 10 });

        var response = await server.PostFileAsync(path, TestAudio.Wav(seconds: 1));

        Assert.Equal("the upload is larger than the 16 KiB limit", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task A_request_body_announced_far_over_the_limit_is_a_413_before_it_is_sent()
    {
        await using var server = await TestServer.StartAsync(new WebOptions { MaxUploadBytes = 16 << 10 });
        using var request = await RawHttp.StartPostAsync(server.Address, "/api/classify", RawForm.ContentType, contentLength: 10 << 20, expectContinue: false);

        var response = await request.ReadResponseAsync();

        Assert.Equal(413, response.Status);
        Assert.Equal("the upload is larger than the 16 KiB limit", ProblemAssert.IsProblem(response.ContentType, response.Body, 413));
    }

    [Theory]
    [InlineData("/api/classify")]
    [InlineData("/api/analysis")]
    [InlineData("/api/waveform")]
    public async Task Audio_longer_than_the_duration_limit_is_a_413_that_names_the_limit(string path)
    {
        await using var server = await TestServer.StartAsync(new WebOptions { MaxDuration = TimeSpan.FromSeconds(2) });

        var response = await server.PostFileAsync(path, TestAudio.Wav(seconds: 3));

        Assert.Equal("the audio is longer than the 2 s limit", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task A_request_beyond_the_running_analyses_and_the_queue_is_a_503_with_retry_after()
    {
        await using var server = await TestServer.StartAsync(new WebOptions { MaxConcurrentAnalyses = 1, QueueLimit = 0 });
        var form = RawForm.WithFile(TestAudio.Wav(seconds: 4));
        using var held = await RawHttp.StartPostAsync(server.Address, "/api/classify", RawForm.ContentType, form.Length, expectContinue: true);
        // 100 Continue: the first request holds the only permit and waits for its body.
        await held.WaitForContinueAsync();

        var refused = await server.PostFileAsync("/api/classify", TestAudio.Wav(seconds: 1));

        Assert.Contains("busy", await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable));
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        await held.SendAsync(form);
        var answer = await held.ReadResponseAsync();
        Assert.True(answer.Status == 200, $"the held request: {answer.Status} {answer.Body}");
    }

    [Fact]
    public async Task A_request_that_outlasts_the_timeout_is_a_504()
    {
        await using var server = await TestServer.StartAsync(new WebOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        var form = RawForm.WithFile(TestAudio.Wav(seconds: 4));
        using var stalled = await RawHttp.StartPostAsync(server.Address, "/api/classify", RawForm.ContentType, form.Length, expectContinue: true);
        await stalled.WaitForContinueAsync();
        // Half the upload, then nothing: the server gives up when the timeout passes.
        await stalled.SendAsync(form.AsMemory(0, form.Length / 2));

        var response = await stalled.ReadResponseAsync();

        Assert.Equal(504, response.Status);
        Assert.Equal("the request took longer than the 200 ms limit", ProblemAssert.IsProblem(response.ContentType, response.Body, 504));
    }
}
