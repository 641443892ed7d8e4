namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// The frequency-domain steps of one granule of one channel: Huffman decoding (ISO 11172-3 2.4.2.7
/// huffmancodebits), requantisation (2.4.3.4.7), short-block reordering and alias reduction (2.4.3.4.9).
/// </summary>
internal static class SpectrumDecoder
{
    /// <summary>Largest magnitude a big value can have: 15 plus 13 linbits.</summary>
    private const int MaxMagnitude = 15 + 8191;

    /// <summary>Offset of quarter-step exponent 0 in <see cref="GainTable"/>.</summary>
    private const int GainOffset = 420;

    /// <summary>|x|^(4/3) for every magnitude a big value can have.</summary>
    private static readonly float[] Power43 = BuildPower43();

    /// <summary>2^(q/4) for quarter-step exponents q from −<see cref="GainOffset"/> to 59 (global gain 255 gives 45).</summary>
    private static readonly float[] GainTable = BuildGainTable();

    private static ReadOnlySpan<byte> Pretab => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 2, 0];

    /// <summary>Alias-reduction butterfly coefficients cs and ca from c = −0.6, −0.535, −0.33, −0.185, −0.095, −0.041, −0.0142, −0.0037.</summary>
    private static readonly float[] AliasCs = BuildAlias(cs: true);
    private static readonly float[] AliasCa = BuildAlias(cs: false);

    /// <summary>
    /// Decodes the Huffman-coded lines up to bit <paramref name="end"/> into <paramref name="spectrum"/> as signed
    /// |x|^(4/3), zeroes the rest, and returns how many lines may be non-zero. Every loop is bounded by 576 lines
    /// and stops once it has read past <paramref name="end"/>, so damaged data cannot run away.
    /// </summary>
    public static int ReadHuffman(ref Mp3BitReader reader, in GranuleInfo granule, int sampleRateIndex, int end, Span<float> spectrum)
    {
        var longBands = ScaleFactorBands.Long[sampleRateIndex];
        var bigEnd = granule.BigValues * 2;
        int region1, region2;
        if (granule.WindowSwitching)
        {
            region1 = granule.BlockType == 2 && !granule.Mixed ? ScaleFactorBands.Short[sampleRateIndex][3] * 3 : longBands[8];
            region2 = 576;
        }
        else
        {
            region1 = longBands[Math.Min(granule.Region0Count + 1, 22)];
            region2 = longBands[Math.Min(granule.Region0Count + granule.Region1Count + 2, 22)];
        }
        region1 = Math.Min(region1, bigEnd);
        region2 = Math.Clamp(region2, region1, bigEnd);

        var line = ReadBigValues(ref reader, granule.Table0, 0, region1, end, spectrum);
        if (line == region1)
            line = ReadBigValues(ref reader, granule.Table1, line, region2, end, spectrum);
        if (line == region2)
            line = ReadBigValues(ref reader, granule.Table2, line, bigEnd, end, spectrum);
        if (line == bigEnd)
            line = ReadCount1(ref reader, granule.Count1Table, line, end, spectrum);
        spectrum[line..].Clear();
        return line;
    }

    private static int ReadBigValues(ref Mp3BitReader reader, int tableSelect, int line, int regionEnd, int end, Span<float> spectrum)
    {
        if (!Mp3Huffman.TryGetBigValueTable(tableSelect, out var table))
        {
            // Table 0 codes zeros without bits; 4 and 14 are unused, so treat their region as silent too.
            spectrum[line..regionEnd].Clear();
            return regionEnd;
        }
        var linBits = Mp3Huffman.LinBits[tableSelect];
        var power = Power43;
        for (; line < regionEnd; line += 2)
        {
            if (reader.Position > end)
                break;
            var window = reader.Peek();
            var entry = table.Decode(window);
            var used = entry >> 8;
            window <<= used;
            var x = (entry >> 4) & 15;
            var y = entry & 15;
            if (x == 15 && linBits > 0)
            {
                x += (int)(window >> (64 - linBits));
                window <<= linBits;
                used += linBits;
            }
            var valueX = 0f;
            if (x != 0)
            {
                valueX = (long)window < 0 ? -power[x] : power[x];
                window <<= 1;
                used++;
            }
            if (y == 15 && linBits > 0)
            {
                y += (int)(window >> (64 - linBits));
                window <<= linBits;
                used += linBits;
            }
            var valueY = 0f;
            if (y != 0)
            {
                valueY = (long)window < 0 ? -power[y] : power[y];
                used++;
            }
            spectrum[line] = valueX;
            spectrum[line + 1] = valueY;
            reader.Position += used;
        }
        return line;
    }

    /// <summary>Quadruples of −1, 0, 1 until the granule's bits end; a quadruple that runs past the end is dropped.</summary>
    private static int ReadCount1(ref Mp3BitReader reader, int select, int line, int end, Span<float> spectrum)
    {
        var table = Mp3Huffman.Count1Table(select);
        while (line <= 572 && reader.Position < end)
        {
            var window = reader.Peek();
            var entry = table.Decode(window);
            var used = entry >> 8;
            window <<= used;
            for (var bit = 3; bit >= 0; bit--)
            {
                var value = 0f;
                if ((entry >> bit & 1) != 0)
                {
                    value = (long)window < 0 ? -1f : 1f;
                    window <<= 1;
                    used++;
                }
                spectrum[line + 3 - bit] = value;
            }
            if (reader.Position + used > end)
                break;
            reader.Position += used;
            line += 4;
        }
        return line;
    }

    /// <summary>Scales the first <paramref name="count"/> lines by 2^(¼(global_gain − 210 − 8·subblock_gain) − scale·(sf + pretab)).</summary>
    public static void Requantize(Span<float> spectrum, int count, in GranuleInfo granule, ScaleFactors scaleFactors, int sampleRateIndex)
    {
        var baseExponent = granule.GlobalGain - 210;
        var shift = granule.ScalefacScale + 1; // a factor step is 2^−½ (shift 1) or 2^−1 (shift 2), in quarter steps ×2
        var longBands = ScaleFactorBands.Long[sampleRateIndex];
        var longBandCount = granule.BlockType != 2 ? 22 : granule.Mixed ? ScaleFactorBands.MixedLongBands(sampleRateIndex) : 0;
        for (var sfb = 0; sfb < longBandCount; sfb++)
        {
            int start = longBands[sfb], stop = Math.Min(longBands[sfb + 1], count);
            if (start >= count)
                return;
            var factor = scaleFactors.Long[sfb] + (scaleFactors.Preflag ? Pretab[sfb] : 0);
            Scale(spectrum[start..stop], baseExponent - 2 * shift * factor);
        }
        if (granule.BlockType != 2)
            return;
        var shortBands = ScaleFactorBands.Short[sampleRateIndex];
        for (var sfb = granule.Mixed ? 3 : 0; sfb < 13; sfb++)
        {
            var width = shortBands[sfb + 1] - shortBands[sfb];
            for (var window = 0; window < 3; window++)
            {
                var start = shortBands[sfb] * 3 + window * width;
                if (start >= count)
                    return;
                var exponent = baseExponent - 8 * granule.SubblockGain(window) - 2 * shift * scaleFactors.Short[sfb * 3 + window];
                Scale(spectrum[start..Math.Min(start + width, count)], exponent);
            }
        }
    }

    private static void Scale(Span<float> lines, int quarterExponent)
    {
        var gain = GainTable[Math.Max(quarterExponent + GainOffset, 0)];
        for (var i = 0; i < lines.Length; i++)
            lines[i] *= gain;
    }

    /// <summary>
    /// Reorders short-block lines from band-window-frequency order to the subband order the IMDCT reads
    /// (<c>3·frequency + window</c> within each band); returns the new bound of non-zero lines.
    /// </summary>
    public static int ReorderShortBlocks(Span<float> spectrum, int count, bool mixed, int sampleRateIndex)
    {
        var shortBands = ScaleFactorBands.Short[sampleRateIndex];
        Span<float> band = stackalloc float[3 * 66]; // the widest short band: 48 kHz band 12
        var bound = mixed ? 36 : 0;
        for (var sfb = mixed ? 3 : 0; sfb < 13; sfb++)
        {
            var start = shortBands[sfb] * 3;
            if (start >= count)
                break;
            var width = shortBands[sfb + 1] - shortBands[sfb];
            var lines = spectrum.Slice(start, 3 * width);
            lines.CopyTo(band);
            for (var window = 0; window < 3; window++)
                for (var f = 0; f < width; f++)
                    lines[3 * f + window] = band[window * width + f];
            bound = start + 3 * width;
        }
        return Math.Max(bound, Math.Min(count, 36));
    }

    /// <summary>The eight butterflies across each of the first <paramref name="boundaries"/> subband boundaries.</summary>
    public static void ReduceAliasing(Span<float> spectrum, int boundaries)
    {
        for (var sb = 1; sb <= boundaries; sb++)
        {
            var edge = sb * 18;
            for (var i = 0; i < 8; i++)
            {
                var lower = spectrum[edge - 1 - i];
                var upper = spectrum[edge + i];
                spectrum[edge - 1 - i] = lower * AliasCs[i] - upper * AliasCa[i];
                spectrum[edge + i] = upper * AliasCs[i] + lower * AliasCa[i];
            }
        }
    }

    private static float[] BuildPower43()
    {
        var table = new float[MaxMagnitude + 1];
        for (var i = 0; i < table.Length; i++)
            table[i] = (float)Math.Pow(i, 4.0 / 3.0);
        return table;
    }

    private static float[] BuildGainTable()
    {
        var table = new float[GainOffset + 60];
        for (var i = 0; i < table.Length; i++)
            table[i] = (float)Math.Pow(2, (i - GainOffset) / 4.0);
        return table;
    }

    private static float[] BuildAlias(bool cs)
    {
        double[] c = [-0.6, -0.535, -0.33, -0.185, -0.095, -0.041, -0.0142, -0.0037];
        var table = new float[8];
        for (var i = 0; i < 8; i++)
        {
            var norm = Math.Sqrt(1 + c[i] * c[i]);
            table[i] = (float)(cs ? 1 / norm : c[i] / norm);
        }
        return table;
    }
}
