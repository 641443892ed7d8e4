namespace MelGenre.Plots;

/// <summary>
/// The Slaney mel scale (librosa <c>hz_to_mel</c>/<c>mel_to_hz</c> with <c>htk=False</c>): linear below 1000 Hz
/// (200/3 Hz per mel), logarithmic above (27 mels per factor 6.4). Kept here, small, so that Plots can place
/// mel bands without depending on how Features builds its filterbank.
/// </summary>
internal static class SlaneyMel
{
    private const double HzPerMel = 200.0 / 3.0;
    private const double LogRegionHz = 1000.0;
    private const double LogRegionMel = LogRegionHz / HzPerMel;
    private static readonly double _logStep = Math.Log(6.4) / 27.0;

    public static double HzToMel(double hz) =>
        hz < LogRegionHz ? hz / HzPerMel : LogRegionMel + Math.Log(hz / LogRegionHz) / _logStep;

    public static double MelToHz(double mel) =>
        mel < LogRegionMel ? mel * HzPerMel : LogRegionHz * Math.Exp(_logStep * (mel - LogRegionMel));

    /// <summary>librosa <c>mel_frequencies(n, fmin, fmax)</c>: <paramref name="count"/> centres evenly spaced in mel.</summary>
    public static double[] Frequencies(int count, double fMin, double fMax)
    {
        var low = HzToMel(fMin);
        var high = HzToMel(fMax);
        var result = new double[count];
        for (var i = 0; i < count; i++)
            result[i] = MelToHz(count == 1 ? low : low + (high - low) * i / (count - 1));
        return result;
    }
}
