namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// Decodes MPEG-1, 2 and 2.5 layer III frames (ISO 11172-3 2.4.2.7 and 2.4.3.4, ISO 13818-3 2.4.3.2) to PCM:
/// side information, bit reservoir, scale factors, Huffman data, requantisation, joint stereo, short-block
/// reordering, alias reduction, IMDCT with overlap-add and the polyphase filterbank. Holds the state that links
/// frames (reservoir, overlap, filterbank history). Corrupt data never throws: a granule whose data does not
/// fit its frame decodes as silence.
/// </summary>
internal sealed class LayerIIIDecoder
{
    /// <summary>The reservoir can reach 511 bytes back; keep more than that plus the largest frame's main data.</summary>
    private const int MainDataCapacity = 4096;

    private readonly int _channels;
    private readonly byte[] _mainData = new byte[MainDataCapacity + Mp3BitReader.Padding];
    private int _mainDataLength;
    private readonly GranuleInfo[] _granules = new GranuleInfo[4];
    private readonly int[] _scfsi = new int[2];
    private readonly ScaleFactors[] _scaleFactors = [new(), new()];
    private readonly float[][] _spectrum = [new float[576], new float[576]];
    private readonly int[] _nonzero = new int[2];
    private readonly HybridSynthesis[] _hybrid = [new(), new()];
    private readonly SynthesisFilterbank[] _filterbank = [new(), new()];
    private readonly float[] _time = new float[576];

    public LayerIIIDecoder(int channels)
    {
        _channels = channels;
    }

    /// <summary>
    /// Decodes one whole frame into <paramref name="output"/> (interleaved, <see cref="MpegFrameHeader.SamplesPerFrame"/>
    /// frames). A frame whose reservoir reaches before the data seen so far decodes as silence.
    /// </summary>
    public void DecodeFrame(in MpegFrameHeader header, ReadOnlySpan<byte> frame, Span<float> output)
    {
        var lsf = header.IsLowSamplingFrequency;
        var granuleCount = lsf ? 1 : 2;
        var sideStart = header.DataOffset;
        var mainStart = sideStart + header.SideInfoLength;
        Span<byte> side = stackalloc byte[32 + Mp3BitReader.Padding];
        side.Clear();
        frame[sideStart..Math.Min(mainStart, frame.Length)].CopyTo(side);
        var valid = ReadSideInfo(header, side, out var mainDataBegin);

        // Append this frame's main data to the reservoir, keeping only what a later frame can reach back to.
        var mainData = mainStart < frame.Length ? frame[mainStart..] : [];
        if (_mainDataLength + mainData.Length > MainDataCapacity)
        {
            var keep = Math.Min(_mainDataLength, 511);
            _mainData.AsSpan(_mainDataLength - keep, keep).CopyTo(_mainData);
            _mainDataLength = keep;
        }
        var frameDataStart = _mainDataLength;
        mainData.CopyTo(_mainData.AsSpan(_mainDataLength));
        _mainDataLength += mainData.Length;
        _mainData.AsSpan(_mainDataLength, Mp3BitReader.Padding).Clear();
        valid &= mainDataBegin <= frameDataStart;

        var reader = new Mp3BitReader(_mainData, (frameDataStart - mainDataBegin) * 8);
        var dataEnd = _mainDataLength * 8;
        var sampleRateIndex = header.SampleRateIndex;
        for (var gr = 0; gr < granuleCount; gr++)
        {
            for (var ch = 0; ch < _channels; ch++)
            {
                ref var granule = ref _granules[gr * 2 + ch];
                var start = reader.Position;
                var end = start + granule.Part23Length;
                var spectrum = _spectrum[ch];
                if (!valid || end > dataEnd)
                {
                    valid = false;
                    spectrum.AsSpan().Clear();
                    _nonzero[ch] = 0;
                    continue;
                }
                var scaleFactors = _scaleFactors[ch];
                if (lsf)
                    scaleFactors.ReadLowSamplingFrequency(ref reader, granule, intensityChannel: ch == 1 && (header.ModeExtension & 1) != 0 && header.Mode == MpegChannelMode.JointStereo);
                else
                    scaleFactors.ReadMpeg1(ref reader, granule, gr == 0 ? 0 : _scfsi[ch]);
                if (reader.Position > end)
                {
                    // Scale factors longer than the granule: the side info is damaged.
                    spectrum.AsSpan().Clear();
                    _nonzero[ch] = 0;
                    reader.Position = end;
                    continue;
                }
                var count = SpectrumDecoder.ReadHuffman(ref reader, granule, sampleRateIndex, end, spectrum);
                _nonzero[ch] = count;
                SpectrumDecoder.Requantize(spectrum, count, granule, scaleFactors, sampleRateIndex);
                reader.Position = end;
            }
            if (header.Mode == MpegChannelMode.JointStereo && _channels == 2)
                JointStereo.Apply(header, _granules[gr * 2], _granules[gr * 2 + 1], _scaleFactors[1], _spectrum, _nonzero);
            for (var ch = 0; ch < _channels; ch++)
                Synthesize(_granules[gr * 2 + ch], ch, sampleRateIndex, output[(gr * 576 * _channels + ch)..]);
        }
    }

    /// <summary>Reorders, reduces aliasing, runs the hybrid filterbank and the polyphase synthesis of one granule.</summary>
    private void Synthesize(in GranuleInfo granule, int ch, int sampleRateIndex, Span<float> output)
    {
        var spectrum = _spectrum[ch];
        var count = _nonzero[ch];
        var isShort = granule.BlockType == 2;
        if (isShort)
            count = SpectrumDecoder.ReorderShortBlocks(spectrum, count, granule.Mixed, sampleRateIndex);
        var boundaries = !isShort ? 31 : granule.Mixed ? 1 : 0;
        boundaries = Math.Min(boundaries, (count + 17) / 18);
        SpectrumDecoder.ReduceAliasing(spectrum, boundaries);
        var subbandLimit = Math.Min(32, Math.Max((count + 17) / 18, boundaries + 1));
        _hybrid[ch].Transform(spectrum, _time, granule.BlockType, granule.Mixed, subbandLimit);
        _filterbank[ch].SynthesizeGranule(_time, output, _channels);
    }

    /// <summary>Reads the side information; false when it announces something impossible (a reserved block type).</summary>
    private bool ReadSideInfo(in MpegFrameHeader header, ReadOnlySpan<byte> side, out int mainDataBegin)
    {
        var reader = new Mp3BitReader(side, 0);
        var lsf = header.IsLowSamplingFrequency;
        var valid = true;
        if (lsf)
        {
            mainDataBegin = reader.Read(8);
            reader.Read(_channels == 1 ? 1 : 2);
        }
        else
        {
            mainDataBegin = reader.Read(9);
            reader.Read(_channels == 1 ? 5 : 3);
            for (var ch = 0; ch < _channels; ch++)
                _scfsi[ch] = reader.Read(4);
        }
        for (var gr = 0; gr < (lsf ? 1 : 2); gr++)
            for (var ch = 0; ch < _channels; ch++)
                valid &= GranuleInfo.Read(ref reader, lsf, out _granules[gr * 2 + ch]);
        return valid;
    }
}
