using MelGenre.Model.Data;
using static TorchSharp.torch;

namespace MelGenre.Model.Embeddings;

/// <summary>
/// Turns log-mel grids (a <see cref="MelPatch"/>, or a whole clip as one) into pictures in the input convention of
/// <see cref="ImageNetResNet18"/>, the way the original project fed its backbone a rendered spectrogram image.
/// </summary>
/// <remarks>
/// <para>
/// The mapping, per value: <c>pixel = 255 × clamp((dB − floor) / (0 − floor), 0, 1)</c>, so 0 dB (the clip's
/// maximum under <c>ref=np.max</c>) is white and the <c>top_db</c> floor (−80 dB by default) black; rows are flipped so
/// the lowest mel band is the bottom row, as in a picture of a spectrogram; the grid is resized to 224 × 224 by
/// bilinear interpolation (half-pixel centres, <c>align_corners=False</c>, so values stay within 0–255); the grey
/// picture is repeated in all three channels (so RGB and BGR orders coincide) and the ImageNet mean image is subtracted
/// (<see cref="ImageNetMeanImage"/>). A colour map was not tried: grey is the plainest picture and costs nothing.
/// </para>
/// <para>Not thread-safe: one instance serves one thread at a time.</para>
/// </remarks>
public sealed class MelImage : IDisposable
{
    /// <summary>Height and width of the pictures: the backbone's 224.</summary>
    public const int Size = ImageNetMeanImage.Size;

    /// <summary>Default black level, dB: −80, the <c>top_db</c> floor below the clip's 0 dB maximum.</summary>
    public const float DefaultFloorDecibels = -80f;

    private const float White = 255f;

    private readonly ImageNetMeanImage _mean;

    /// <summary>Creates a converter subtracting <paramref name="mean"/> (taken over: disposed with this object).</summary>
    /// <param name="mean">The ImageNet mean image.</param>
    /// <param name="floorDecibels">dB value drawn black (and everything below it); below 0. Default −80.</param>
    public MelImage(ImageNetMeanImage mean, float floorDecibels = DefaultFloorDecibels)
    {
        ArgumentNullException.ThrowIfNull(mean);
        if (!(floorDecibels < 0))
            throw new ArgumentOutOfRangeException(nameof(floorDecibels), floorDecibels, "The floor must be below 0 dB.");
        _mean = mean;
        FloorDecibels = floorDecibels;
    }

    /// <summary>The dB value drawn black.</summary>
    public float FloorDecibels { get; }

    /// <summary>A converter with the package's mean image (see <see cref="ImageNetMeanImage.LoadPretrained"/>).</summary>
    /// <exception cref="FileNotFoundException">The package file is missing.</exception>
    public static MelImage LoadPretrained(float floorDecibels = DefaultFloorDecibels) =>
        new(ImageNetMeanImage.LoadPretrained(), floorDecibels);

    /// <summary>Grey pictures of dB grids: low frequencies at the bottom, 0–255, resized to 224 × 224.</summary>
    /// <param name="decibels">Shape (batch, mels, frames), dB with 0 dB the maximum.</param>
    /// <param name="floorDecibels">dB value drawn black; default −80.</param>
    /// <returns>Shape (batch, 1, 224, 224), values 0–255 (white = loud).</returns>
    public static Tensor GreyPixels(Tensor decibels, float floorDecibels = DefaultFloorDecibels)
    {
        ArgumentNullException.ThrowIfNull(decibels);
        if (decibels.ndim != 3)
            throw new ArgumentException($"Expected (batch, mels, frames), got ({string.Join(", ", decibels.shape)}).", nameof(decibels));
        var scaled = ((decibels - floorDecibels) * (White / -floorDecibels)).clamp(0, White);   // (batch, mels, frames)
        var upright = scaled.flip(1).unsqueeze(1);                                                 // (batch, 1, mels, frames), row 0 = top band
        return nn.functional.interpolate(upright, size: [Size, Size], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    /// <summary>The backbone input of equally sized grids.</summary>
    /// <param name="grids">Shape (batch, mels, frames), dB.</param>
    /// <returns>Shape (batch, 3, 224, 224): grey pictures in all three channels minus the ImageNet mean image.</returns>
    public Tensor ToInput(Tensor grids)
    {
        var grey = GreyPixels(grids, FloorDecibels);            // (batch, 1, 224, 224)
        return _mean.forward(grey.expand(-1, 3, -1, -1));       // (batch, 3, 224, 224)
    }

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
}
