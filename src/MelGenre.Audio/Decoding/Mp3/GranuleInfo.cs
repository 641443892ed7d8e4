namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>The side information of one granule of one channel (ISO 11172-3 2.4.1.7, 13818-3 2.4.1.7).</summary>
internal struct GranuleInfo
{
    /// <summary>Bits of scale factors and Huffman data.</summary>
    public int Part23Length;
    /// <summary>Pairs of lines in the big-value region (at most 288).</summary>
    public int BigValues;
    public int GlobalGain;
    public int ScalefacCompress;
    public bool WindowSwitching;
    /// <summary>0 normal, 1 start, 2 short (three windows), 3 stop.</summary>
    public int BlockType;
    /// <summary>Short block whose two lowest subbands are long.</summary>
    public bool Mixed;
    public int Table0, Table1, Table2;
    public int SubblockGain0, SubblockGain1, SubblockGain2;
    public int Region0Count, Region1Count;
    public bool Preflag;
    public int ScalefacScale;
    public int Count1Table;

    /// <summary>The subblock gain of short window <paramref name="window"/>.</summary>
    public readonly int SubblockGain(int window) => window == 0 ? SubblockGain0 : window == 1 ? SubblockGain1 : SubblockGain2;

    /// <summary>Reads the fields; false when they are impossible (block type 0 with window switching).</summary>
    public static bool Read(ref Mp3BitReader reader, bool lsf, out GranuleInfo granule)
    {
        granule = default;
        granule.Part23Length = reader.Read(12);
        granule.BigValues = Math.Min(reader.Read(9), 288);
        granule.GlobalGain = reader.Read(8);
        granule.ScalefacCompress = reader.Read(lsf ? 9 : 4);
        granule.WindowSwitching = reader.Read(1) == 1;
        var valid = true;
        if (granule.WindowSwitching)
        {
            granule.BlockType = reader.Read(2);
            granule.Mixed = reader.Read(1) == 1 && granule.BlockType == 2;
            granule.Table0 = reader.Read(5);
            granule.Table1 = reader.Read(5);
            granule.SubblockGain0 = reader.Read(3);
            granule.SubblockGain1 = reader.Read(3);
            granule.SubblockGain2 = reader.Read(3);
            valid = granule.BlockType != 0;
        }
        else
        {
            granule.Table0 = reader.Read(5);
            granule.Table1 = reader.Read(5);
            granule.Table2 = reader.Read(5);
            granule.Region0Count = reader.Read(4);
            granule.Region1Count = reader.Read(3);
        }
        if (!lsf)
            granule.Preflag = reader.Read(1) == 1;
        granule.ScalefacScale = reader.Read(1);
        granule.Count1Table = reader.Read(1);
        return valid;
    }
}
