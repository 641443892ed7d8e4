using MelGenre.Features.Mel;

namespace MelGenre.Model.Data;

/// <summary>
/// Cuts a clip's log-mel spectrogram into fixed-length patches, the model's input unit (musicnn-style: a clip's answer
/// averages its patches).
/// </summary>
/// <remarks>
/// Patches start every <see cref="HopFrames"/> frames; a last partial patch is dropped unless it would be the only
/// one: a clip shorter than one patch gives one patch, padded on the right with the clip's minimum value. In dB that
/// minimum is the silence floor (<c>max − top_db</c>), so padding reads as silence; a literal 0 would be 0 dB, the
/// loudest value under <c>ref=np.max</c>, and repeating the edge frame would invent sound.
/// </remarks>
public sealed class Segmenter
{
    /// <summary>Default patch length: 130 frames, 130 × 512 / 22050 ≈ 3.02 s at the default hop and rate.</summary>
    public const int DefaultPatchFrames = 130;

    /// <summary>Creates a segmenter.</summary>
    /// <param name="patchFrames">Frames per patch; default <see cref="DefaultPatchFrames"/>.</param>
    /// <param name="hopFrames">Frames between patch starts; null (default) = <paramref name="patchFrames"/>, no overlap.</param>
    public Segmenter(int patchFrames = DefaultPatchFrames, int? hopFrames = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patchFrames);
        if (hopFrames is { } hop)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hop, nameof(hopFrames));
        PatchFrames = patchFrames;
        HopFrames = hopFrames ?? patchFrames;
    }

    /// <summary>Frames per patch.</summary>
    public int PatchFrames { get; }

    /// <summary>Frames between patch starts.</summary>
    public int HopFrames { get; }

    /// <summary>Patches of a clip with <paramref name="frameCount"/> frames: <c>1 + (frames − patch) / hop</c>, or 1
    /// for a clip shorter than a patch (0 for an empty one).</summary>
    public int PatchCount(int frameCount) =>
        frameCount <= 0 ? 0 : frameCount < PatchFrames ? 1 : 1 + (frameCount - PatchFrames) / HopFrames;

    /// <summary>Cuts <paramref name="mel"/> into patches carrying <paramref name="clipId"/> and <paramref name="label"/>.</summary>
    public IReadOnlyList<MelPatch> Cut(MelSpectrogram mel, string clipId, int label)
    {
        ArgumentNullException.ThrowIfNull(mel);
        var count = PatchCount(mel.FrameCount);
        var secondsPerFrame = (double)mel.HopLength / mel.SampleRate;
        var patches = new MelPatch[count];
        for (var p = 0; p < count; p++)
        {
            var start = p * HopFrames;
            var values = new float[mel.MelCount * PatchFrames];
            CopyPatch(mel, start, values);
            var covered = Math.Min(PatchFrames, mel.FrameCount - start);
            patches[p] = new MelPatch(values, mel.MelCount, PatchFrames, clipId, label,
                start, start * secondsPerFrame, (start + covered) * secondsPerFrame);
        }
        return patches;
    }

    /// <summary>
    /// Copies the patch of <see cref="PatchFrames"/> frames that starts at <paramref name="startFrame"/> into
    /// <paramref name="destination"/> (mel-major, <c>[mel × PatchFrames + frame]</c>); frames past the clip's end
    /// are the clip's minimum value, as in <see cref="Cut"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startFrame"/> is outside the clip or
    /// <paramref name="destination"/> is shorter than <c>MelCount × PatchFrames</c>.</exception>
    public void CopyPatch(MelSpectrogram mel, int startFrame, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(mel);
        ArgumentOutOfRangeException.ThrowIfNegative(startFrame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(startFrame, Math.Max(1, mel.FrameCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, mel.MelCount * PatchFrames, nameof(destination));
        var source = mel.Values.Span;
        var covered = Math.Min(PatchFrames, mel.FrameCount - startFrame);
        var floor = covered < PatchFrames ? Min(source) : 0f;
        for (var m = 0; m < mel.MelCount; m++)
        {
            var row = destination.Slice(m * PatchFrames, PatchFrames);
            source.Slice(m * mel.FrameCount + startFrame, covered).CopyTo(row);
            row[covered..].Fill(floor);
        }
    }

    private static float Min(ReadOnlySpan<float> values)
    {
        var min = float.PositiveInfinity;
        foreach (var v in values)
            min = Math.Min(min, v);
        return min;
    }
}
