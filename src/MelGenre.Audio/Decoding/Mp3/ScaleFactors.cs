namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// The scale factors of one channel (ISO 11172-3 2.4.2.7 <c>part2</c>; 13818-3 2.4.3.2 for MPEG-2/2.5), kept
/// across granules because MPEG-1's scfsi lets granule 1 reuse granule 0's. For the right channel of an
/// intensity-stereo frame they are intensity positions, and <see cref="IllegalLong"/>/<see cref="IllegalShort"/>
/// hold the value that marks a band as not intensity-coded.
/// </summary>
internal sealed class ScaleFactors
{
    // MPEG-1 (slen1, slen2) by scalefac_compress.
    private static ReadOnlySpan<byte> Slen1 => [0, 0, 0, 0, 3, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4];
    private static ReadOnlySpan<byte> Slen2 => [0, 1, 2, 3, 0, 1, 2, 3, 1, 2, 3, 1, 2, 3, 2, 3];

    /// <summary>MPEG-2 nr_of_sfb[table][long, short, mixed][partition] (13818-3 table B.1 / 2.4.3.2).</summary>
    private static ReadOnlySpan<byte> BandsPerPartition =>
    [
        6, 5, 5, 5, 9, 9, 9, 9, 6, 9, 9, 9,
        6, 5, 7, 3, 9, 9, 12, 6, 6, 9, 12, 6,
        11, 10, 0, 0, 18, 18, 0, 0, 15, 18, 0, 0,
        7, 7, 7, 0, 12, 12, 12, 0, 6, 15, 12, 0,
        6, 6, 6, 3, 12, 9, 9, 6, 6, 12, 9, 6,
        8, 8, 5, 0, 15, 12, 9, 0, 6, 18, 9, 0,
    ];

    /// <summary>Long-band factors 0–21 (21 is never transmitted and stays 0).</summary>
    public readonly int[] Long = new int[22];
    /// <summary>Short-band factors by band·3 + window, bands 0–12 (12 stays 0).</summary>
    public readonly int[] Short = new int[39];
    public readonly int[] IllegalLong = new int[22];
    public readonly int[] IllegalShort = new int[39];

    /// <summary>Whether the pretab boost applies (MPEG-1: the side info's preflag; MPEG-2: implied by scalefac_compress ≥ 500).</summary>
    public bool Preflag { get; private set; }

    /// <summary>MPEG-2 intensity stereo: 1 for ratio steps of 2^−½, 0 for 2^−¼.</summary>
    public int IntensityScale { get; private set; }

    /// <summary>Reads MPEG-1 scale factors; <paramref name="scfsi"/> (granule 1 only) keeps band groups of granule 0.</summary>
    public void ReadMpeg1(ref Mp3BitReader reader, in GranuleInfo granule, int scfsi)
    {
        int slen1 = Slen1[granule.ScalefacCompress], slen2 = Slen2[granule.ScalefacCompress];
        Preflag = granule.Preflag;
        IllegalLong.AsSpan().Fill(7);
        IllegalShort.AsSpan().Fill(7);
        if (granule.BlockType == 2)
        {
            var firstShort = 0;
            if (granule.Mixed)
            {
                for (var sfb = 0; sfb < 8; sfb++)
                    Long[sfb] = reader.Read(slen1);
                firstShort = 3;
            }
            for (var i = firstShort * 3; i < 18; i++)
                Short[i] = reader.Read(slen1);
            for (var i = 18; i < 36; i++)
                Short[i] = reader.Read(slen2);
            Short.AsSpan(36).Clear();
            return;
        }
        // Band groups 0–5, 6–10, 11–15, 16–20; scfsi bit 3 is group 0.
        ReadGroup(ref reader, 0, 6, slen1, (scfsi & 8) != 0);
        ReadGroup(ref reader, 6, 11, slen1, (scfsi & 4) != 0);
        ReadGroup(ref reader, 11, 16, slen2, (scfsi & 2) != 0);
        ReadGroup(ref reader, 16, 21, slen2, (scfsi & 1) != 0);
        Long[21] = 0;
    }

    /// <summary>Reads MPEG-2/2.5 scale factors, whose bit lengths scalefac_compress packs with the partition table.</summary>
    public void ReadLowSamplingFrequency(ref Mp3BitReader reader, in GranuleInfo granule, bool intensityChannel)
    {
        Span<int> slen = stackalloc int[4];
        var compress = granule.ScalefacCompress;
        int table;
        Preflag = false;
        if (intensityChannel)
        {
            IntensityScale = compress & 1;
            compress >>= 1;
            if (compress < 180)
                (slen[0], slen[1], slen[2], slen[3], table) = (compress / 36, compress % 36 / 6, compress % 6, 0, 3);
            else if (compress < 244)
                (slen[0], slen[1], slen[2], slen[3], table) = ((compress - 180) % 64 >> 4, (compress - 180) % 16 >> 2, (compress - 180) % 4, 0, 4);
            else
                (slen[0], slen[1], slen[2], slen[3], table) = ((compress - 244) / 3, (compress - 244) % 3, 0, 0, 5);
        }
        else if (compress < 400)
            (slen[0], slen[1], slen[2], slen[3], table) = ((compress >> 4) / 5, (compress >> 4) % 5, (compress & 15) >> 2, compress & 3, 0);
        else if (compress < 500)
            (slen[0], slen[1], slen[2], slen[3], table) = (((compress - 400) >> 2) / 5, ((compress - 400) >> 2) % 5, (compress - 400) & 3, 0, 1);
        else
        {
            (slen[0], slen[1], slen[2], slen[3], table) = ((compress - 500) / 3, (compress - 500) % 3, 0, 0, 2);
            Preflag = true;
        }
        var kind = granule.BlockType != 2 ? 0 : granule.Mixed ? 2 : 1;
        var counts = BandsPerPartition.Slice(table * 12 + kind * 4, 4);
        Long.AsSpan().Clear();
        Short.AsSpan().Clear();
        var index = 0;
        for (var partition = 0; partition < 4; partition++)
        {
            var bits = slen[partition];
            for (var n = 0; n < counts[partition]; n++, index++)
            {
                var value = reader.Read(bits);
                var illegal = (1 << bits) - 1;
                if (kind == 0)
                    (Long[index], IllegalLong[index]) = (value, illegal);
                else if (kind == 2 && index < 6)
                    (Long[index], IllegalLong[index]) = (value, illegal);
                else
                {
                    // Short factors run band-major; a mixed block's start at short band 3.
                    var slot = kind == 2 ? index - 6 + 9 : index;
                    (Short[slot], IllegalShort[slot]) = (value, illegal);
                }
            }
        }
    }

    private void ReadGroup(ref Mp3BitReader reader, int from, int to, int bits, bool reuse)
    {
        if (reuse)
            return;
        for (var sfb = from; sfb < to; sfb++)
            Long[sfb] = reader.Read(bits);
    }
}
