namespace MelGenre.Features.Transforms;

/// <summary>What the values of a spectrogram measure.</summary>
public enum SpectrogramScale
{
    /// <summary>Magnitude <c>|X|</c> (librosa <c>power=1</c>).</summary>
    Magnitude,

    /// <summary>Power <c>|X|²</c> (librosa <c>power=2</c>).</summary>
    Power,

    /// <summary>Decibels, after <c>amplitude_to_db</c> or <c>power_to_db</c>.</summary>
    Decibels,
}
