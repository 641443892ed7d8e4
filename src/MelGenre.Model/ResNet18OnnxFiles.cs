using System.Reflection;
using System.Security.Cryptography;

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
    private const string VersionKey = "MelGenre.ResNet18Version";

    // Not cached on failure (PublicationOnly): a package restored later in the process is then seen.
    private static readonly Lazy<string> BackboneHash = new(() =>
    {
        Require(BackbonePath);
        using var file = File.OpenRead(BackbonePath);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The package's <c>tools/DnnImageModels</c> folder as seen by the build that compiled this assembly.</summary>
    public static string Directory { get; } = Metadata(DirectoryKey);

    /// <summary>The package version this MelGenre was built against (e.g. <c>0.23.1</c>).</summary>
    public static string PackageVersion { get; } = Metadata(VersionKey);

    /// <summary>The backbone: CNTK's ImageNet ResNet18, input (1, 3, 224, 224) BGR minus the mean image, output the 512 pooled features.</summary>
    public static string BackbonePath => Path.Combine(Directory, "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The preprocessing graph: RGB to BGR, minus a 3 × 224 × 224 ImageNet mean image.</summary>
    public static string PreprocessPath => Path.Combine(Directory, "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>SHA-256 (lower-case hex) of <see cref="BackbonePath"/>: the identity of the ImageNet weights, recorded in
    /// the manifest of every model built on them. Computed once per process (about 45 MB to read).</summary>
    /// <exception cref="FileNotFoundException">The package is not restored on this machine.</exception>
    public static string BackboneSha256() => BackboneHash.Value;

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

    private static string Metadata(string key) =>
        typeof(ResNet18OnnxFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is empty: MelGenre.Model was built without it.");
}
