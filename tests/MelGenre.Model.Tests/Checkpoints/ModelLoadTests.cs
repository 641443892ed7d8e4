using System.Text.Json.Nodes;
using MelGenre.Model.Checkpoints;

namespace MelGenre.Model.Tests.Checkpoints;

/// <summary>Every way a model folder can be unusable, each refused with its kind and a message naming the problem.</summary>
public sealed class ModelLoadTests : IDisposable
{
    private readonly TemporaryFolder _folder = TinyModels.SavedModel();

    public void Dispose() => _folder.Dispose();

    private string ManifestPath => _folder.File(GenreModel.ManifestFileName);

    private void EditManifest(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();
        edit(json);
        File.WriteAllText(ManifestPath, json.ToJsonString());
    }

    private ModelLoadException Refusal(ModelLoadErrorKind kind, params string[] named)
    {
        var error = Assert.Throws<ModelLoadException>(() => GenreModel.Load(_folder.Path).Dispose());
        Assert.True(error.Kind == kind, $"refused as {error.Kind}, expected {kind}: {error.Message}");
        Assert.Equal(_folder.Path, error.Folder);
        Assert.StartsWith($"Cannot load the model in {_folder.Path}: ", error.Message, StringComparison.Ordinal);
        foreach (var text in named)
            Assert.Contains(text, error.Reason, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void The_saved_folder_loads()
    {
        using var model = GenreModel.Load(_folder.Path);

        Assert.Equal(TinyModels.Manifest().Labels, model.Labels);
    }

    [Fact]
    public void A_missing_folder_is_Missing()
    {
        var absent = _folder.File("nowhere");

        var error = Assert.Throws<ModelLoadException>(() => GenreModel.Load(absent));

        Assert.Equal(ModelLoadErrorKind.Missing, error.Kind);
        Assert.Equal(absent, error.Folder);
        Assert.Contains("does not exist", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_manifest_is_Missing()
    {
        File.Delete(ManifestPath);

        Refusal(ModelLoadErrorKind.Missing, "no manifest.json");
    }

    [Fact]
    public void A_missing_weights_file_is_Missing()
    {
        File.Delete(_folder.File("network-0.bin"));

        Refusal(ModelLoadErrorKind.Missing, "network-0.bin", "missing");
    }

    [Fact]
    public void Invalid_json_is_InvalidManifest()
    {
        File.WriteAllText(ManifestPath, "{ \"formatVersion\": 1, \"name\": ");

        var error = Refusal(ModelLoadErrorKind.InvalidManifest, "manifest.json is not a valid manifest");
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void An_unknown_feature_parameter_is_InvalidManifest_rather_than_ignored()
    {
        EditManifest(m => m["features"]!["preEmphasis"] = 0.97);

        Refusal(ModelLoadErrorKind.InvalidManifest, "preEmphasis");
    }

    [Fact]
    public void An_unknown_top_level_property_is_InvalidManifest()
    {
        EditManifest(m => m["calibration"] = new JsonObject { ["temperature"] = 1.5 });

        Refusal(ModelLoadErrorKind.InvalidManifest, "calibration");
    }

    [Fact]
    public void A_missing_required_property_is_InvalidManifest()
    {
        EditManifest(m => m.Remove("labels"));

        Refusal(ModelLoadErrorKind.InvalidManifest, "labels");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void A_format_version_other_than_1_is_UnsupportedVersion(int version)
    {
        EditManifest(m => m["formatVersion"] = version);

        Refusal(ModelLoadErrorKind.UnsupportedVersion, $"format version is {version}", "reads version 1");
    }

    [Fact]
    public void Another_feature_pipeline_version_is_FeatureMismatch()
    {
        EditManifest(m => m["featurePipelineVersion"] = 99);

        Refusal(ModelLoadErrorKind.FeatureMismatch, "pipeline version 99", "Retrain");
    }

    [Fact]
    public void Duplicate_labels_are_InvalidManifest()
    {
        EditManifest(m => m["labels"] = new JsonArray("low", "high", "low"));

        Refusal(ModelLoadErrorKind.InvalidManifest, "distinct", "[low, high, low]");
    }

    [Fact]
    public void Labels_that_do_not_match_the_output_width_are_InvalidManifest()
    {
        EditManifest(m => m["labels"] = new JsonArray("low", "middle", "high", "extra"));

        Refusal(ModelLoadErrorKind.InvalidManifest, "scores 3 labels", "lists 4");
    }

    [Fact]
    public void An_unknown_architecture_kind_is_UnknownArchitecture()
    {
        EditManifest(m => m["architecture"]!["kind"] = "transformer");

        Refusal(ModelLoadErrorKind.UnknownArchitecture, "'transformer'", ModelArchitecture.GenreCnnKind);
    }

    [Fact]
    public void A_weights_file_changed_by_one_byte_is_CorruptWeights()
    {
        var path = _folder.File("network-0.bin");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        Refusal(ModelLoadErrorKind.CorruptWeights, "network-0.bin", "SHA-256");
    }

    [Fact]
    public void Weights_that_do_not_fit_the_architecture_are_CorruptWeights()
    {
        EditManifest(m => m["architecture"]!["cnn"]!["blockChannels"] = new JsonArray(4, 8, 8, 32));

        Refusal(ModelLoadErrorKind.CorruptWeights, "network-0.bin", "does not fit the architecture");
    }

    [Theory]
    [InlineData("../x.bin")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/network-0.bin")]
    [InlineData("..")]
    [InlineData("")]
    public void A_member_file_that_is_not_a_plain_name_is_InvalidManifest(string file)
    {
        EditManifest(m => m["members"]![0]!["file"] = file);

        Refusal(ModelLoadErrorKind.InvalidManifest, $"'{file}'", "not a plain file name");
    }

    [Fact]
    public void A_manifest_without_members_is_InvalidManifest()
    {
        EditManifest(m => m["members"] = new JsonArray());

        Refusal(ModelLoadErrorKind.InvalidManifest, "no weights files");
    }
}
