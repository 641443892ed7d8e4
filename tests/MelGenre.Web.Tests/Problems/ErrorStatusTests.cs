using System.Net;
using System.Text;

namespace MelGenre.Web.Tests.Problems;

/// <summary>Every refusal of the upload endpoints, with the status and detail the page shows.</summary>
public sealed class ErrorStatusTests(SharedServer shared)
{
    public static TheoryData<string> UploadPaths => ["/api/classify", "/api/analysis", "/api/spectrogram", "/api/waveform"];

    private TestServer Server => shared.Server;

    [Theory]
    [MemberData(nameof(UploadPaths))]
    public async Task A_form_without_a_file_field_is_a_400(string path)
    {
        var form = new MultipartFormDataContent { { new StringContent("3"), "top" } };
        var response = await Server.Client.PostAsync(path, form, TestContext.Current.CancellationToken);
        Assert.Contains("no field 'file'", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [MemberData(nameof(UploadPaths))]
    public async Task A_body_that_is_not_a_multipart_form_is_a_400(string path)
    {
        var response = await Server.Client.PostAsync(path, new StringContent("{\"file\":1}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Contains("multipart/form-data", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("/api/classify", "top", "0", "top must be a whole number")]
    [InlineData("/api/classify", "top", "three", "top must be a whole number")]
    [InlineData("/api/analysis", "top", "-1", "top must be a whole number")]
    [InlineData("/api/classify", "segmentSeconds", "-2", "segmentSeconds must be a positive number")]
    [InlineData("/api/analysis", "segmentSeconds", "NaN", "segmentSeconds must be a positive number")]
    [InlineData("/api/analysis", "segmentSeconds", "0.5", "at least one hop")]
    [InlineData("/api/classify", "segments", "maybe", "segments must be true or false")]
    public async Task A_bad_setting_is_a_400_that_names_it(string path, string name, string value, string expected)
    {
        var response = await Server.PostFileAsync(path, TestAudio.Wav(seconds: 2), "a.wav", (name, value));
        Assert.Contains(expected, await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [MemberData(nameof(UploadPaths))]
    public async Task Random_bytes_are_a_415_with_the_decoders_reason(string path)
    {
        var response = await Server.PostFileAsync(path, TestAudio.RandomBytes(), "noise.mp3");
        Assert.StartsWith("not a recognised audio format (starts with ", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task A_text_file_is_a_415_that_shows_its_first_bytes()
    {
        var response = await Server.PostFileAsync("/api/classify", Encoding.UTF8.GetBytes("Hello, this is not music at all.\n"), "notes.txt");
        Assert.Contains("\"Hello, t\"", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task A_truncated_wav_is_a_415()
    {
        var wav = TestAudio.Wav(seconds: 2);
        var response = await Server.PostFileAsync("/api/analysis", wav[..30], "cut.wav");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(UploadPaths))]
    public async Task An_empty_file_is_a_400(string path)
    {
        var response = await Server.PostFileAsync(path, [], "empty.wav");
        Assert.Contains("empty", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_wav_of_no_samples_is_a_400()
    {
        var response = await Server.PostFileAsync("/api/classify", TestAudio.Wav(seconds: 0), "silence.wav");
        Assert.Contains("0 samples", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest));
    }
}
