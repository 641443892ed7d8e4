namespace MelGenre.Features.Descriptors;

/// <summary><c>np.finfo(dtype).tiny</c>, the smallest normal numbers: librosa's "too small to divide by" threshold.</summary>
internal static class Tiny
{
    /// <summary>float32: 2^-126.</summary>
    public const float Single = 1.17549435e-38f;

    /// <summary>float64: 2^-1022.</summary>
    public const double Double = 2.2250738585072014e-308;
}
