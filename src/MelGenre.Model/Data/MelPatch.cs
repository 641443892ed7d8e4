namespace MelGenre.Model.Data;

/// <summary>
/// A fixed-length piece of a clip's log-mel spectrogram: <see cref="MelCount"/> × <see cref="FrameCount"/> values,
/// row-major <c>[mel][frame]</c>, with the clip's label and where in the clip it lies.
/// </summary>
/// <param name="Values">Row-major <c>[mel][frame]</c>, <c>MelCount × FrameCount</c> values.</param>
/// <param name="MelCount">Mel bands (rows).</param>
/// <param name="FrameCount">Frames (columns), the patch length.</param>
/// <param name="ClipId">The clip it was cut from.</param>
/// <param name="Label">The clip's label index.</param>
/// <param name="StartFrame">Index of its first frame in the clip's spectrogram.</param>
/// <param name="StartSeconds">Start time: <c>StartFrame × hop / sr</c>.</param>
/// <param name="EndSeconds">End of the clip's audio it covers: <c>(StartFrame + covered frames) × hop / sr</c>;
/// less than <c>StartSeconds + FrameCount × hop / sr</c> only for a padded patch.</param>
public sealed record MelPatch(float[] Values, int MelCount, int FrameCount, string ClipId, int Label,
    int StartFrame, double StartSeconds, double EndSeconds);
