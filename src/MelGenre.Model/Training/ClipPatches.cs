using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>Turns clips' log-mel spectrograms into input batches of shape (batch, 1, mels, frames).</summary>
internal static class ClipPatches
{
    /// <summary>Copies the given patches into one float32 tensor.</summary>
    public static Tensor Batch(Segmenter segmenter, IReadOnlyList<(MelSpectrogram Mel, int Start)> patches)
    {
        var melCount = patches[0].Mel.MelCount;
        var size = melCount * segmenter.PatchFrames;
        var values = new float[patches.Count * size];
        for (var i = 0; i < patches.Count; i++)
        {
            if (patches[i].Mel.MelCount != melCount)
                throw new ArgumentException($"Patches of one batch need one mel count, got {melCount} and {patches[i].Mel.MelCount}.", nameof(patches));
            segmenter.CopyPatch(patches[i].Mel, patches[i].Start, values.AsSpan(i * size, size));
        }
        return tensor(values, [patches.Count, 1, melCount, segmenter.PatchFrames]);
    }
}
