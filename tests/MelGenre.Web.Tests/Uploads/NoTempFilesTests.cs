using System.Net;

namespace MelGenre.Web.Tests.Uploads;

/// <summary>Uploads go from the connection to the decoder or memory: no temporary file, even when abandoned.</summary>
public sealed class NoTempFilesTests
{
    [Fact]
    public async Task No_upload_leaves_or_makes_a_file_in_the_temp_folder()
    {
        Assert.Equal(TestEnvironment.ServerTemp.TrimEnd('/'), Path.GetTempPath().TrimEnd('/'));
        var before = TestEnvironment.ServerTempFiles();
        await using var server = await TestServer.StartAsync(new WebOptions { MaxConcurrentAnalyses = 1, MaxUploadBytes = 1 << 20 });
        var audio = TestAudio.Wav(seconds: 6);
        foreach (var path in new[] { "/api/classify", "/api/analysis", "/api/spectrogram", "/api/waveform" })
            Assert.Equal(HttpStatusCode.OK, (await server.PostFileAsync(path, audio)).StatusCode);
        // Just over the limit (1.06 MB): refused while it arrives; Kestrel then drains the rest, as the whole form is
        // within its own body limit (a body beyond that would be cut off, and the client would see a broken pipe).
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.PostFileAsync("/api/analysis", TestAudio.Wav(seconds: 24))).StatusCode);

        var form = RawForm.WithFile(audio);
        using (var abandoned = await RawHttp.StartPostAsync(server.Address, "/api/analysis", RawForm.ContentType, form.Length, expectContinue: true))
        {
            await abandoned.WaitForContinueAsync();
            await abandoned.SendAsync(form.AsMemory(0, form.Length / 2));
        }
        // One permit: this answer comes once the abandoned request has let go of it.
        Assert.Equal(HttpStatusCode.OK, (await server.PostFileAsync("/api/classify", audio)).StatusCode);

        Assert.Equal(before, TestEnvironment.ServerTempFiles());
    }
}
