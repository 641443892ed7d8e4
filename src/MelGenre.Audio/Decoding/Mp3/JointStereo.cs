namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// Joint-stereo decoding of one granule (ISO 11172-3 2.4.3.4.9.2–3, 13818-3 2.4.3.2): mid/side below the
/// intensity bands, and intensity stereo, where the right channel's scale factors are positions that split the
/// left channel's lines between both. Works on the lines before short-block reordering.
/// </summary>
internal static class JointStereo
{
    private static readonly float InverseSqrt2 = (float)(1 / Math.Sqrt(2));

    /// <summary>MPEG-1 left and right factors tan(p·π/12) / (1 + tan) and 1 / (1 + tan) for positions 0–6.</summary>
    private static readonly float[] Mpeg1Left = BuildMpeg1(left: true);
    private static readonly float[] Mpeg1Right = BuildMpeg1(left: false);

    public static void Apply(in MpegFrameHeader header, in GranuleInfo left, in GranuleInfo right, ScaleFactors positions, float[][] spectrum, int[] nonzero)
    {
        var midSide = (header.ModeExtension & 2) != 0;
        var intensity = (header.ModeExtension & 1) != 0;
        var count = Math.Max(nonzero[0], nonzero[1]);
        if (!intensity)
        {
            if (midSide)
                MidSide(spectrum[0], spectrum[1], 0, count);
            nonzero[0] = nonzero[1] = count;
            return;
        }
        var lsf = header.IsLowSamplingFrequency;
        var rate = header.SampleRateIndex;
        var l = spectrum[0];
        var r = spectrum[1];
        if (right.BlockType == 2)
        {
            var shortBands = ScaleFactorBands.Short[rate];
            var firstShort = right.Mixed ? 3 : 0;
            var allShortIntensity = true;
            for (var window = 0; window < 3; window++)
            {
                // Intensity starts above the highest band of this window with a non-zero right line.
                var start = firstShort;
                for (var sfb = 12; sfb >= firstShort; sfb--)
                {
                    var width = shortBands[sfb + 1] - shortBands[sfb];
                    if (HasNonZero(r, shortBands[sfb] * 3 + window * width, width))
                    {
                        start = sfb + 1;
                        break;
                    }
                }
                allShortIntensity &= start == firstShort;
                for (var sfb = firstShort; sfb < 13; sfb++)
                {
                    var width = shortBands[sfb + 1] - shortBands[sfb];
                    var from = shortBands[sfb] * 3 + window * width;
                    var slot = Math.Min(sfb, 11) * 3 + window; // band 12 has no factor: it takes band 11's
                    var position = sfb < start ? -1 : positions.Short[slot];
                    ApplyBand(l, r, from, from + width, position, positions.IllegalShort[slot], positions.IntensityScale, lsf, midSide);
                }
            }
            if (right.Mixed)
                LongBands(l, r, ScaleFactorBands.MixedLongBands(rate), allShortIntensity, positions, lsf, midSide, rate);
        }
        else
            LongBands(l, r, 22, allowIntensity: true, positions, lsf, midSide, rate);
        nonzero[0] = nonzero[1] = 576;
    }

    private static void LongBands(float[] l, float[] r, int bandCount, bool allowIntensity, ScaleFactors positions, bool lsf, bool midSide, int rate)
    {
        var longBands = ScaleFactorBands.Long[rate];
        var end = longBands[bandCount];
        var last = end - 1;
        while (last >= 0 && r[last] == 0)
            last--;
        var start = 0;
        while (start < bandCount && longBands[start] <= last)
            start++;
        if (!allowIntensity)
            start = bandCount;
        for (var sfb = 0; sfb < bandCount; sfb++)
        {
            var slot = Math.Min(sfb, 20); // band 21 has no factor: it takes band 20's
            var position = sfb < start ? -1 : positions.Long[slot];
            ApplyBand(l, r, longBands[sfb], longBands[sfb + 1], position, positions.IllegalLong[slot], positions.IntensityScale, lsf, midSide);
        }
    }

    /// <summary>Intensity stereo with <paramref name="position"/> when it is ≥ 0 and legal; otherwise mid/side if on.</summary>
    private static void ApplyBand(float[] l, float[] r, int from, int to, int position, int illegal, int intensityScale, bool lsf, bool midSide)
    {
        if (position < 0 || position == illegal || (!lsf && position >= 7))
        {
            if (midSide)
                MidSide(l, r, from, to);
            return;
        }
        float kl, kr;
        if (lsf)
        {
            // Steps of 2^−¼ or 2^−½: odd positions attenuate the left channel, even ones the right.
            var step = intensityScale == 1 ? 0.5 : 0.25;
            kl = position % 2 == 1 ? (float)Math.Pow(2, -step * ((position + 1) / 2)) : 1;
            kr = position % 2 == 0 ? (float)Math.Pow(2, -step * (position / 2)) : 1;
        }
        else
        {
            kl = Mpeg1Left[position];
            kr = Mpeg1Right[position];
        }
        for (var i = from; i < to; i++)
        {
            var value = l[i];
            l[i] = value * kl;
            r[i] = value * kr;
        }
    }

    private static void MidSide(float[] l, float[] r, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var mid = l[i];
            var side = r[i];
            l[i] = (mid + side) * InverseSqrt2;
            r[i] = (mid - side) * InverseSqrt2;
        }
    }

    private static bool HasNonZero(float[] lines, int from, int count)
    {
        for (var i = from; i < from + count; i++)
            if (lines[i] != 0)
                return true;
        return false;
    }

    private static float[] BuildMpeg1(bool left)
    {
        var table = new float[7];
        for (var p = 0; p < 7; p++)
        {
            if (p == 6)
            {
                table[p] = left ? 1 : 0;
                continue;
            }
            var ratio = Math.Tan(p * Math.PI / 12);
            table[p] = (float)(left ? ratio / (1 + ratio) : 1 / (1 + ratio));
        }
        return table;
    }
}
