using System.Text.Json.Nodes;

namespace MelGenre.Web.Tests.Apis;

public sealed class AnalysisApiTests(SharedServer shared)
{
    private TestServer Server => shared.Server;

    [Fact]
    public async Task Analysis_answers_the_classify_object_with_a_segment_per_patch_and_both_pictures()
    {
        var audio = TestAudio.Wav(seconds: 8);
        var classified = await TestServer.JsonAsync(await Server.PostFileAsync("/api/classify?segments=true", audio, "song.wav"));

        var analysis = await TestServer.JsonAsync(await Server.PostFileAsync("/api/analysis", audio, "song.wav"));

        // The same 22050 Hz mono audio, decoded in memory instead of streamed: the same numbers.
        var prediction = analysis["prediction"]!;
        Assert.True(JsonNode.DeepEquals(classified, prediction), $"classify: {classified.ToJsonString()}\nanalysis: {prediction.ToJsonString()}");
        foreach (var picture in new[] { "spectrogram", "waveform" })
        {
            var url = (string)analysis[picture]!;
            Assert.StartsWith("data:image/png;base64,", url);
            Png.AssertPng(Convert.FromBase64String(url["data:image/png;base64,".Length..]), 1000, 400);
        }
    }

    [Fact]
    public async Task Analysis_uses_the_segment_length_given()
    {
        var analysis = await TestServer.JsonAsync(await Server.PostFileAsync("/api/analysis", TestAudio.Wav(seconds: 9), "a.wav", ("segmentSeconds", "3")));

        // 3 s segments (whole frames: 2.995 s) of the patches starting every 1.509 s up to 9 s − 3.019 s: two segments.
        var starts = analysis["prediction"]!["segments"]!.AsArray().Select(s => (double)s!["start"]!).ToArray();
        Assert.Equal(2, starts.Length);
        Assert.Equal(3.0, starts[1], tolerance: ClassifyApiTests.OneFrame);
    }
}
