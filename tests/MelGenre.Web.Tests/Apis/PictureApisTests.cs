namespace MelGenre.Web.Tests.Apis;

public sealed class PictureApisTests(SharedServer shared)
{
    [Theory]
    [InlineData("/api/spectrogram")]
    [InlineData("/api/waveform")]
    public async Task Picture_endpoints_answer_a_1000_by_400_PNG(string path)
    {
        var response = await shared.Server.PostFileAsync(path, TestAudio.Wav(seconds: 3));

        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Png.AssertPng(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), 1000, 400);
    }
}
