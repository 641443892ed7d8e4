using System.Reflection;

namespace MelGenre.Model;

/// <summary>
/// Where the ImageNet ResNet18 ONNX files are: the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18,
/// which restoring MelGenre.Model downloads into the NuGet package folder (a PackageDownload; nothing is
/// copied to build outputs). The folder is fixed at build time from the restore's package root.
/// </summary>
public static class ResNet18OnnxFiles
{
    /// <summary>The NuGet package that ships the files.</summary>
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";

    private const string DirectoryKey = "MelGenre.ResNet18OnnxDirectory";

    /// <summary>The package's <c>tools/DnnImageModels</c> folder as seen by the build that compiled this assembly.</summary>
    public static string Directory { get; } =
        typeof(ResNet18OnnxFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == DirectoryKey).Value
        ?? throw new InvalidOperationException($"Assembly metadata {DirectoryKey} is empty: MelGenre.Model was built without it.");

    /// <summary>The backbone: CNTK's ImageNet ResNet18, input (1, 3, 224, 224) BGR minus the mean image, output the 512 pooled features.</summary>
    public static string BackbonePath => Path.Combine(Directory, "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The preprocessing graph: RGB to BGR, minus a 3 × 224 × 224 ImageNet mean image.</summary>
    public static string PreprocessPath => Path.Combine(Directory, "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>Throws unless <paramref name="path"/> exists, saying where the weights come from.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    internal static void Require(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"ImageNet ResNet18 ONNX file not found at '{path}'. It ships in the NuGet package {PackageId}, which " +
                $"'dotnet restore' of src/MelGenre.Model downloads into the NuGet package folder (expected under '{Directory}'). " +
                "Restore on this machine, or pass the path of a copy of the file.", path);
    }
}
