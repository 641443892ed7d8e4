using System.Net;
using System.Text.Json.Nodes;
using MelGenre.Cli;
using MelGenre.Prediction;
using MelGenre.Web.Tests.Problems;

namespace MelGenre.Web.Tests.Apis;

public sealed class ClassifyApiTests(SharedServer shared)
{
    /// <summary>Segment lengths are whole feature frames of 512 samples at 22050 Hz.</summary>
    internal const double OneFrame = 512.0 / 22050;

    private TestServer Server => shared.Server;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Classify_answers_the_object_melgenre_classify_writes_for_the_same_file(bool segments)
    {
        var audio = TestAudio.Wav(seconds: 7);
        var folder = Path.Combine(TestEnvironment.MachineTemp, "melgenre-web-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "song.wav");
            await File.WriteAllBytesAsync(path, audio, TestContext.Current.CancellationToken);
            using var output = new StringWriter();
            using var error = new StringWriter();
            string[] args = ["classify", path, "--format", "json", "--model", Classifier.DefaultModelFolder, .. segments ? new[] { "--segments" } : []];
            Assert.True(MelGenreCli.Run(args, output, error) == ExitCodes.Success, error.ToString());
            var expected = JsonNode.Parse(output.ToString())!.AsArray().Single()!;
            expected["file"] = "song.wav";

            var response = await Server.Client.PostAsync(segments ? "/api/classify?segments=true" : "/api/classify",
                Form(audio, "song.wav"), TestContext.Current.CancellationToken);
            var actual = await TestServer.JsonAsync(response);

            Assert.True(JsonNode.DeepEquals(expected, actual), $"CLI: {expected.ToJsonString()}\nweb: {actual.ToJsonString()}");
            Assert.Equal(segments, actual.AsObject().ContainsKey("segments"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("../../etc/passwd.wav", "passwd.wav")]
    [InlineData("C:\\Users\\me\\Music\\song.wav", "song.wav")]
    [InlineData("tab\there.wav", "tabhere.wav")]
    public async Task Classify_labels_the_answer_with_the_upload_name_without_its_path(string clientName, string label)
    {
        var response = await Server.PostFileAsync("/api/classify", TestAudio.Wav(seconds: 4), clientName);
        Assert.Equal(label, (string?)(await TestServer.JsonAsync(response))["file"]);
    }

    [Fact]
    public async Task Classify_takes_its_settings_from_form_fields_before_the_file_or_the_query()
    {
        var audio = TestAudio.Wav(seconds: 10);
        var fromForm = await TestServer.JsonAsync(await Server.PostFileAsync("/api/classify", audio, "a.wav", ("segmentSeconds", "4")));
        var fromQuery = await TestServer.JsonAsync(await Server.PostFileAsync("/api/classify?segmentSeconds=4", audio, "a.wav"));

        Assert.True(JsonNode.DeepEquals(fromForm, fromQuery), $"form: {fromForm.ToJsonString()}\nquery: {fromQuery.ToJsonString()}");
        // 4 s segments (whole frames: 3.994 s) of the patches starting every 1.509 s up to 10 s − 3.019 s: two segments.
        var starts = fromForm["segments"]!.AsArray().Select(s => (double)s!["start"]!).ToArray();
        Assert.Equal(2, starts.Length);
        Assert.Equal(4.0, starts[1], tolerance: OneFrame);
    }

    [Fact]
    public async Task Classify_refuses_a_timeline_setting_sent_after_the_file_it_has_already_analysed()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestAudio.Wav(seconds: 4)), "file", "a.wav" }, { new StringContent("true"), "segments" } };
        var response = await Server.Client.PostAsync("/api/classify", form, TestContext.Current.CancellationToken);
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'segments' came after the file", detail);
    }

    [Fact]
    public async Task Classify_accepts_top_anywhere_since_it_changes_no_analysis()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestAudio.Wav(seconds: 4)), "file", "a.wav" }, { new StringContent("5"), "top" } };
        var response = await Server.Client.PostAsync("/api/classify", form, TestContext.Current.CancellationToken);
        Assert.Equal("a.wav", (string?)(await TestServer.JsonAsync(response))["file"]);
    }

    internal static MultipartFormDataContent Form(byte[] audio, string fileName) => new() { { new ByteArrayContent(audio), "file", fileName } };
}
