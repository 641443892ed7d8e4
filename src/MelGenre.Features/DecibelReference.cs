namespace MelGenre.Features;

/// <summary>
/// The 0 dB reference of <see cref="Decibels"/>: a fixed value (librosa's default <c>ref=1.0</c>) or the maximum of
/// the input (<c>ref=np.max</c>).
/// </summary>
public readonly record struct DecibelReference
{
    private DecibelReference(bool isMaximum, double value)
    {
        IsMaximum = isMaximum;
        Value = value;
    }

    /// <summary>The input's maximum is 0 dB (<c>ref=np.max</c>).</summary>
    public static DecibelReference Maximum { get; } = new(true, double.NaN);

    /// <summary>1.0 is 0 dB (<c>ref=1.0</c>, librosa's default).</summary>
    public static DecibelReference One { get; } = new(false, 1.0);

    /// <summary>Whether the reference is the input's maximum.</summary>
    public bool IsMaximum { get; }

    /// <summary>The fixed reference (its absolute value is used, as librosa does); NaN for <see cref="Maximum"/>.</summary>
    public double Value { get; }

    /// <summary>A fixed reference value (an amplitude for <c>amplitude_to_db</c>, a power for <c>power_to_db</c>).</summary>
    public static DecibelReference Fixed(double value) => new(false, value);

    /// <summary>The reference for <paramref name="values"/>: their maximum, or the fixed value's magnitude.</summary>
    internal double Resolve(ReadOnlySpan<float> values) =>
        IsMaximum ? Decibels.Max(values) : Math.Abs(Value);
}
