using MelGenre.Model.Onnx;
using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// The input step of <see cref="ImageNetResNet18"/>, rebuilt from the package's ResNetPreprocess.onnx: RGB
/// images (scale 0–255) become BGR minus the ImageNet mean image, a fixed 3 × 224 × 224 picture in BGR order
/// (channel averages about 103.1, 115.9, 123.2). Kept separate from the backbone because it only fits
/// 224 × 224 inputs; other sizes (mel patches) can subtract <see cref="ChannelMeansBgr"/> instead.
/// </summary>
/// <remarks>Not thread-safe: one instance serves one thread at a time.</remarks>
public sealed class ImageNetMeanImage : nn.Module<Tensor, Tensor>
{
    /// <summary>Height and width of the mean image.</summary>
    public const int Size = 224;

    private const string MeanInitializer = "MeanImage";

    private readonly Tensor _mean;

    private ImageNetMeanImage(float[] meanBgr) : base(nameof(ImageNetMeanImage))
    {
        _mean = tensor(meanBgr, [1, 3, Size, Size]);
        ChannelMeansBgr = [.. Enumerable.Range(0, 3).Select(c => meanBgr.AsSpan(c * Size * Size, Size * Size).ToArray().Average())];
        register_buffer("mean", _mean);
    }

    /// <summary>The mean image's average over its pixels for blue, green and red, in that order.</summary>
    public IReadOnlyList<float> ChannelMeansBgr { get; }

    /// <summary>Reads the mean image from the package's ResNetPreprocess.onnx.</summary>
    /// <exception cref="FileNotFoundException">The package file is missing (not restored on this machine).</exception>
    /// <exception cref="OnnxFormatException">The file holds no 1 × 3 × 224 × 224 float MeanImage.</exception>
    public static ImageNetMeanImage LoadPretrained() => FromOnnx(ResNet18OnnxFiles.PreprocessPath);

    /// <summary>Reads the mean image from a ResNetPreprocess.onnx file.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="OnnxFormatException">The file holds no 1 × 3 × 224 × 224 float MeanImage.</exception>
    public static ImageNetMeanImage FromOnnx(string path)
    {
        ResNet18OnnxFiles.Require(path);
        var mean = OnnxModel.Load(path).Graph.Initializer(MeanInitializer);
        if (!mean.Dims.SequenceEqual([1L, 3, Size, Size]))
            throw new OnnxFormatException($"{path}: expected a 1 × 3 × {Size} × {Size} {MeanInitializer}, found {mean}.");
        return new ImageNetMeanImage(mean.ToFloats());
    }

    /// <summary>Turns RGB images into the backbone's input.</summary>
    /// <param name="rgb">Shape (batch, 3, 224, 224), channels red, green, blue, scale 0–255.</param>
    /// <returns>Shape (batch, 3, 224, 224), channels blue, green, red, minus the mean image.</returns>
    /// <exception cref="ArgumentException">The images are not 3 × 224 × 224.</exception>
    public override Tensor forward(Tensor rgb)
    {
        if (rgb.ndim != 4 || rgb.shape[1] != 3 || rgb.shape[2] != Size || rgb.shape[3] != Size)
            throw new ArgumentException($"Expected (batch, 3, {Size}, {Size}) RGB images, got ({string.Join(", ", rgb.shape)}).", nameof(rgb));
        return rgb.flip(1) - _mean;   // (batch, 3, 224, 224)
    }
}
