namespace MelGenre.Model.Embeddings;

/// <summary>How <see cref="MelImage"/> draws a dB grid. Defaults: floor −80 dB, <see cref="MelPalette.Magma"/>.</summary>
public sealed record MelImageOptions
{
    /// <summary>dB value drawn at level 0 (and everything below it); below 0. Default −80, the <c>top_db</c> floor
    /// under the clip's 0 dB maximum.</summary>
    public float FloorDecibels { get; init; } = -80f;

    /// <summary>Colours of the levels. Default <see cref="MelPalette.Magma"/>: on GTZAN's valid_filtered and in
    /// artist-grouped CV its embeddings gave better heads than <see cref="MelPalette.Grey"/> (docs/RESNET18.md).</summary>
    public MelPalette Palette { get; init; } = MelPalette.Magma;
}
