namespace MelGenre.Features.Transforms;

/// <summary>How a centred STFT extends the signal by <c>n_fft / 2</c> samples at each end (<c>numpy.pad</c> modes).</summary>
public enum PadMode
{
    /// <summary>Zeros: librosa ≥ 0.10's default (<c>pad_mode='constant'</c>).</summary>
    Constant,

    /// <summary>Mirror about the first and last samples without repeating them (<c>pad_mode='reflect'</c>, numpy semantics, including its iterated reflection of signals shorter than the pad).</summary>
    Reflect,
}
