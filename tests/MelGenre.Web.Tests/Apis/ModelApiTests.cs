using System.Text.Json.Nodes;
using MelGenre.Model;
using MelGenre.Prediction;

namespace MelGenre.Web.Tests.Apis;

public sealed class ModelApiTests(SharedServer shared)
{
    private TestServer Server => shared.Server;

    [Fact]
    public async Task Model_answers_the_loaded_manifest()
    {
        var manifest = await TestServer.JsonAsync(await Server.Client.GetAsync("/api/model", TestContext.Current.CancellationToken));

        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Classifier.DefaultModelFolder, GenreModel.ManifestFileName), TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(expected, manifest), "the manifest served differs from the shipped one");
    }

    [Fact]
    public async Task Health_says_ok_and_names_the_model()
    {
        var health = await TestServer.JsonAsync(await Server.Client.GetAsync("/health", TestContext.Current.CancellationToken));
        var manifest = await TestServer.JsonAsync(await Server.Client.GetAsync("/api/model", TestContext.Current.CancellationToken));

        Assert.Equal("ok", (string?)health["status"]);
        Assert.Equal((string?)manifest["name"], (string?)health["model"]);
    }
}
