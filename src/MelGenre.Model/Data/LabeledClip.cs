namespace MelGenre.Model.Data;

/// <summary>One audio file of a folder-per-label tree and its label.</summary>
/// <param name="Path">Full path of the audio file.</param>
/// <param name="RelativePath">Path below the dataset root, with <c>/</c> separators (<c>blues/blues.00012.ogg</c>).</param>
/// <param name="ClipId">File name without extension (<c>blues.00012</c>): the key of <see cref="ArtistIndex"/>.</param>
/// <param name="Label">The folder name (<c>blues</c>).</param>
/// <param name="LabelIndex">Position of <paramref name="Label"/> in <see cref="LabeledDataset.Labels"/>.</param>
public sealed record LabeledClip(string Path, string RelativePath, string ClipId, string Label, int LabelIndex);
