using MelGenre.Model.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MelGenre.Model.Embeddings;

/// <summary>
/// Turns log-mel grids (a <see cref="MelPatch"/>, or a whole clip as one) into pictures in the input convention of
/// <see cref="ImageNetResNet18"/>, the way the original project fed its backbone a rendered spectrogram image.
/// </summary>
/// <remarks>
/// <para>
/// Per value, the level is <c>255 × clamp((dB − floor) / (0 − floor), 0, 1)</c>: 0 dB (the clip's maximum under
/// <c>ref=np.max</c>) is 255 and the floor (−80 dB by default) 0. The palette makes it an RGB colour (magma, or grey in
/// all three channels); rows are flipped so the lowest mel band is the bottom row, as in a picture of a spectrogram; the
/// picture is resized to 224 × 224 by bilinear interpolation (half-pixel centres, <c>align_corners=False</c>, so values
/// stay within 0–255), turned to BGR and the ImageNet mean image subtracted (<see cref="ImageNetMeanImage"/>).
/// </para>
/// <para>Not thread-safe: one instance serves one thread at a time.</para>
/// </remarks>
public sealed class MelImage : IDisposable
{
    /// <summary>Height and width of the pictures: the backbone's 224.</summary>
    public const int Size = ImageNetMeanImage.Size;

    private const float TopLevel = 255f;

    private static readonly Lazy<Tensor> MagmaRgb = new(() =>
    {
        var colors = MagmaTable.Colors;
        var rgb = new float[3 * colors.Length];
        for (var i = 0; i < colors.Length; i++)
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = ((colors[i] >> 16) & 0xFF, (colors[i] >> 8) & 0xFF, colors[i] & 0xFF);
        // Outlives any caller's dispose scope: one table per process.
        return tensor(rgb, [colors.Length, 3]).DetachFromDisposeScope();   // (256, 3)
    });

    private readonly ImageNetMeanImage _mean;

    /// <summary>Creates a converter subtracting <paramref name="mean"/> (taken over: disposed with this object).</summary>
    /// <param name="mean">The ImageNet mean image.</param>
    /// <param name="options">Floor and palette; null: the defaults of <see cref="MelImageOptions"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The floor is not below 0 dB.</exception>
    public MelImage(ImageNetMeanImage mean, MelImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        Options = Check(options ?? new MelImageOptions());
        _mean = mean;
    }

    /// <summary>Floor and palette.</summary>
    public MelImageOptions Options { get; }

    /// <summary>A converter with the package's mean image (see <see cref="ImageNetMeanImage.LoadPretrained"/>).</summary>
    /// <exception cref="FileNotFoundException">The package file is missing.</exception>
    public static MelImage LoadPretrained(MelImageOptions? options = null) => new(ImageNetMeanImage.LoadPretrained(), options);

    /// <summary>RGB pictures of dB grids: low frequencies at the bottom, 0–255, resized to 224 × 224.</summary>
    /// <param name="decibels">Shape (batch, mels, frames), dB with 0 dB the maximum.</param>
    /// <param name="options">Floor and palette; null: the defaults of <see cref="MelImageOptions"/>.</param>
    /// <returns>Shape (batch, 3, 224, 224), channels red, green, blue, values 0–255.</returns>
    /// <exception cref="ArgumentException"><paramref name="decibels"/> is not three-dimensional.</exception>
    public static Tensor Pixels(Tensor decibels, MelImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decibels);
        if (decibels.ndim != 3)
            throw new ArgumentException($"Expected (batch, mels, frames), got ({string.Join(", ", decibels.shape)}).", nameof(decibels));
        options = Check(options ?? new MelImageOptions());
        // Owned scalars: implicit ones are left to the finalizer, which can free them while libtorch reads them.
        using var floor = options.FloorDecibels.ToScalar();
        using var scale = (TopLevel / -options.FloorDecibels).ToScalar();
        using var zero = 0.0.ToScalar();
        using var top = TopLevel.ToScalar();
        var levels = decibels.sub(floor).mul_(scale).clamp_(zero, top);                // (batch, mels, frames)
        var rgb = options.Palette switch                                                // (batch, 3, mels, frames)
        {
            MelPalette.Grey => levels.unsqueeze(1).expand(-1, 3, -1, -1),
            MelPalette.Magma => MagmaRgb.Value.index_select(0, levels.round().to(ScalarType.Int64).flatten())
                .reshape(decibels.shape[0], decibels.shape[1], decibels.shape[2], 3).permute(0, 3, 1, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Palette, "Unknown palette."),
        };
        var upright = rgb.flip(2);                                                      // row 0 = top band
        return nn.functional.interpolate(upright, size: [Size, Size], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    /// <summary>The backbone input of equally sized grids.</summary>
    /// <param name="grids">Shape (batch, mels, frames), dB.</param>
    /// <returns>Shape (batch, 3, 224, 224): the pictures in BGR minus the ImageNet mean image.</returns>
    public Tensor ToInput(Tensor grids) => _mean.forward(Pixels(grids, Options));

    /// <summary>The backbone input of patches that all have the same mel and frame counts.</summary>
    /// <returns>Shape (patches, 3, 224, 224).</returns>
    /// <exception cref="ArgumentException">No patches, or patches of different sizes.</exception>
    public Tensor ToInput(IReadOnlyList<MelPatch> patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        if (patches.Count == 0)
            throw new ArgumentException("No patches.", nameof(patches));
        var (mels, frames) = (patches[0].MelCount, patches[0].FrameCount);
        var values = new float[patches.Count * mels * frames];
        for (var i = 0; i < patches.Count; i++)
        {
            if (patches[i].MelCount != mels || patches[i].FrameCount != frames)
                throw new ArgumentException(
                    $"Patch {i} is {patches[i].MelCount} × {patches[i].FrameCount}; patch 0 is {mels} × {frames}.", nameof(patches));
            patches[i].Values.AsSpan(0, mels * frames).CopyTo(values.AsSpan(i * mels * frames));
        }
        using var grids = tensor(values, [patches.Count, mels, frames]);
        return ToInput(grids);
    }

    /// <inheritdoc />
    public void Dispose() => _mean.Dispose();

    private static MelImageOptions Check(MelImageOptions options)
    {
        if (!(options.FloorDecibels < 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.FloorDecibels, "The floor must be below 0 dB.");
        return options;
    }
}
