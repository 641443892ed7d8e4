namespace MelGenre.Model.Embeddings;

/// <summary>
/// Shape of an <see cref="EmbeddingHead"/> and what it stands on: <c>Linear(512, HiddenWidth) → ReLU →
/// Dropout → Linear(HiddenWidth, labels)</c> on standardised embeddings of <see cref="Image"/> pictures through the
/// <see cref="Backbone"/>. Defaults: 128 hidden units, dropout 0.5 (the head measured in docs/RESNET18.md).
/// </summary>
public sealed record EmbeddingHeadOptions
{
    /// <summary>Number of genres the head scores (output width). Required, at least 2.</summary>
    public required int LabelCount { get; init; }

    /// <summary>Units of the hidden layer. Default 128.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <summary>Probability of zeroing a hidden unit during training. Default 0.5.</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>How patches become the backbone's pictures. Default: the defaults of <see cref="MelImageOptions"/>.</summary>
    public MelImageOptions Image { get; init; } = new();

    /// <summary>The frozen backbone the embeddings come from; loading a model refuses any other. Required.</summary>
    public required BackboneIdentity Backbone { get; init; }
}

/// <summary>Which pretrained weights a frozen backbone is: the package that ships them and the SHA-256 of the file.</summary>
/// <param name="PackageId">NuGet package, e.g. <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>.</param>
/// <param name="PackageVersion">Its version, e.g. <c>0.23.1</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the weights file (ResNet18.onnx): what is checked.</param>
public sealed record BackboneIdentity(string PackageId, string PackageVersion, string Sha256)
{
    /// <summary>The ImageNet ResNet18 this MelGenre loads (<see cref="ResNet18OnnxFiles"/>).</summary>
    /// <exception cref="FileNotFoundException">The package is not restored on this machine.</exception>
    public static BackboneIdentity InstalledResNet18() =>
        new(ResNet18OnnxFiles.PackageId, ResNet18OnnxFiles.PackageVersion, ResNet18OnnxFiles.BackboneSha256());
}
