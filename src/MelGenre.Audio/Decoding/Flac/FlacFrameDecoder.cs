namespace MelGenre.Audio.Decoding.Flac;

/// <summary>
/// Decodes one FLAC frame at a time into per-channel integer samples: header (checked by CRC-8),
/// one subframe per channel (CONSTANT, VERBATIM, FIXED, LPC; wasted bits; Rice residuals), stereo
/// decorrelation, and the frame CRC-16. Arithmetic is 64-bit throughout, since a 32-bit stream's side
/// channel carries 33 bits and its predictions exceed 32.
/// </summary>
/// <remarks>Every violation of the format (reserved codes, bad CRC, sizes beyond STREAMINFO) is a
/// <see cref="AudioErrorKind.Corrupt"/> error, as libFLAC reports an error for each.</remarks>
internal sealed class FlacFrameDecoder
{
    private const int MaxLpcOrder = 32;

    private static readonly int[] FrameBitsPerSample = [0, 8, 12, 0, 16, 20, 24, 32];

    private readonly FlacStreamInfo _info;
    private readonly string? _source;
    private readonly long[] _samples;

    private long _frameOffset;

    public FlacFrameDecoder(FlacStreamInfo info, string? source)
    {
        _info = info;
        _source = source;
        _samples = new long[info.ChannelCount * info.MaxBlockSize];
    }

    /// <summary>Samples per channel in the last decoded frame.</summary>
    public int BlockSize { get; private set; }

    /// <summary>Channel <paramref name="channel"/> of the last decoded frame, in the stream's bit depth.</summary>
    public ReadOnlySpan<long> Channel(int channel) => _samples.AsSpan(channel * _info.MaxBlockSize, BlockSize);

    /// <summary>
    /// Decodes the frame that starts at <paramref name="data"/>[0] and returns its length in bytes.
    /// <paramref name="streamOffset"/> (the frame's position in the file) only names it in errors.
    /// </summary>
    /// <exception cref="FlacEndOfDataException">The frame runs past the end of <paramref name="data"/>.</exception>
    /// <exception cref="AudioDecodeException">The frame is corrupt.</exception>
    public int Decode(ReadOnlySpan<byte> data, long streamOffset)
    {
        _frameOffset = streamOffset;
        var reader = new FlacBitReader(data);
        var header = ReadHeader(ref reader, data);
        for (var channel = 0; channel < header.ChannelCount; channel++)
        {
            // The side channel of a stereo pair needs one bit more than the stream's depth.
            var isSide = (header.Assignment == ChannelAssignment.LeftSide && channel == 1)
                || (header.Assignment == ChannelAssignment.RightSide && channel == 0)
                || (header.Assignment == ChannelAssignment.MidSide && channel == 1);
            var bitsPerSample = _info.BitsPerSample + (isSide ? 1 : 0);
            DecodeSubframe(ref reader, _samples.AsSpan(channel * _info.MaxBlockSize, header.BlockSize), bitsPerSample, channel);
        }
        if (reader.AlignToByte() != 0)
            throw Corrupt("nonzero padding after the last subframe");
        var crcEnd = (int)(reader.BitPosition / 8);
        var expectedCrc = reader.ReadBits(16);
        var actualCrc = FlacCrc.Crc16(data[..crcEnd]);
        if (actualCrc != expectedCrc)
            throw Corrupt($"frame CRC-16 mismatch (stored 0x{expectedCrc:X4}, computed 0x{actualCrc:X4})");

        BlockSize = header.BlockSize;
        Decorrelate(header.Assignment);
        return crcEnd + 2;
    }

    private FrameHeader ReadHeader(ref FlacBitReader reader, ReadOnlySpan<byte> data)
    {
        var sync = reader.ReadBits(15);
        if (sync != 0x7FFC)
        {
            throw Corrupt(sync == 0x7FFD
                ? "the reserved bit after the frame sync code is set"
                : "no frame sync code where a frame should start");
        }
        reader.ReadBits(1); // Blocking strategy: fixed or variable sizes decode alike.
        var blockSizeCode = (int)reader.ReadBits(4);
        var sampleRateCode = (int)reader.ReadBits(4);
        var channelCode = (int)reader.ReadBits(4);
        var bitsPerSampleCode = (int)reader.ReadBits(3);
        if (reader.ReadBits(1) != 0)
            throw Corrupt("the reserved bit in the frame header is set");
        ReadCodedNumber(ref reader);

        var blockSize = blockSizeCode switch
        {
            0 => throw Corrupt("the frame header uses the reserved block size code 0"),
            1 => 192,
            <= 5 => 576 << (blockSizeCode - 2),
            6 => (int)reader.ReadBits(8) + 1,
            7 => (int)reader.ReadBits(16) + 1,
            _ => 256 << (blockSizeCode - 8),
        };
        switch (sampleRateCode)
        {
            // The frame's rate is informative only: the stream's rate comes from STREAMINFO.
            case 12: reader.ReadBits(8); break;
            case 13 or 14: reader.ReadBits(16); break;
            case 15: throw Corrupt("the frame header uses the invalid sample rate code 15");
        }
        var headerLength = (int)(reader.BitPosition / 8);
        var expectedCrc = reader.ReadBits(8);
        var actualCrc = FlacCrc.Crc8(data[..headerLength]);
        if (actualCrc != expectedCrc)
            throw Corrupt($"frame header CRC-8 mismatch (stored 0x{expectedCrc:X2}, computed 0x{actualCrc:X2})");

        if (blockSize > _info.MaxBlockSize)
            throw Corrupt($"block size {blockSize} exceeds the STREAMINFO maximum {_info.MaxBlockSize}");
        var (channelCount, assignment) = channelCode switch
        {
            <= 7 => (channelCode + 1, ChannelAssignment.Independent),
            8 => (2, ChannelAssignment.LeftSide),
            9 => (2, ChannelAssignment.RightSide),
            10 => (2, ChannelAssignment.MidSide),
            _ => throw Corrupt($"the frame header uses the reserved channel assignment {channelCode}"),
        };
        if (channelCount != _info.ChannelCount)
            throw Corrupt($"the frame has {channelCount} channels, STREAMINFO says {_info.ChannelCount}");
        if (bitsPerSampleCode == 3)
            throw Corrupt("the frame header uses the reserved sample size code 3");
        var bitsPerSample = bitsPerSampleCode == 0 ? _info.BitsPerSample : FrameBitsPerSample[bitsPerSampleCode];
        if (bitsPerSample != _info.BitsPerSample)
            throw Corrupt($"the frame has {bitsPerSample} bits per sample, STREAMINFO says {_info.BitsPerSample}");
        return new FrameHeader(blockSize, channelCount, assignment);
    }

    /// <summary>Skips the frame or sample number, coded like UTF-8 in 1–7 bytes, checking its shape.</summary>
    private void ReadCodedNumber(ref FlacBitReader reader)
    {
        var first = reader.ReadBits(8);
        var continuationBytes = first switch
        {
            < 0x80 => 0,
            < 0xC0 => -1,
            < 0xE0 => 1,
            < 0xF0 => 2,
            < 0xF8 => 3,
            < 0xFC => 4,
            < 0xFE => 5,
            0xFE => 6,
            _ => -1,
        };
        if (continuationBytes < 0)
            throw Corrupt($"the frame number starts with the invalid byte 0x{first:X2}");
        for (var i = 0; i < continuationBytes; i++)
        {
            if ((reader.ReadBits(8) & 0xC0) != 0x80)
                throw Corrupt("the frame number has an invalid continuation byte");
        }
    }

    private void DecodeSubframe(ref FlacBitReader reader, Span<long> samples, int bitsPerSample, int channel)
    {
        if (reader.ReadBits(1) != 0)
            throw Corrupt($"channel {channel}: the subframe's zero padding bit is set");
        var type = (int)reader.ReadBits(6);
        var wastedBits = 0;
        if (reader.ReadBits(1) != 0)
        {
            var zeros = reader.ReadUnary();
            if (zeros >= bitsPerSample - 1)
                throw Corrupt($"channel {channel}: {zeros + 1} wasted bits leave no bits of a {bitsPerSample}-bit sample");
            wastedBits = (int)zeros + 1;
        }
        bitsPerSample -= wastedBits;

        switch (type)
        {
            case 0:
                samples.Fill(reader.ReadSignedLong(bitsPerSample));
                break;
            case 1:
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = reader.ReadSignedLong(bitsPerSample);
                break;
            case >= 8 and <= 12:
                DecodeFixed(ref reader, samples, bitsPerSample, order: type - 8, channel);
                break;
            case >= 32:
                DecodeLpc(ref reader, samples, bitsPerSample, order: type - 31, channel);
                break;
            default:
                throw Corrupt($"channel {channel}: reserved subframe type {type}");
        }

        if (wastedBits > 0)
        {
            for (var i = 0; i < samples.Length; i++)
                samples[i] <<= wastedBits;
        }
    }

    private void DecodeFixed(ref FlacBitReader reader, Span<long> samples, int bitsPerSample, int order, int channel)
    {
        ReadWarmUp(ref reader, samples, bitsPerSample, order, channel);
        ReadResidual(ref reader, samples, order, channel);
        FlacPrediction.RestoreFixed(samples, order);
    }

    private void DecodeLpc(ref FlacBitReader reader, Span<long> samples, int bitsPerSample, int order, int channel)
    {
        ReadWarmUp(ref reader, samples, bitsPerSample, order, channel);
        var precision = (int)reader.ReadBits(4) + 1;
        if (precision == 16)
            throw Corrupt($"channel {channel}: invalid LPC coefficient precision code 15");
        var shift = reader.ReadSigned(5);
        if (shift < 0)
            throw Corrupt($"channel {channel}: negative LPC shift {shift}");
        Span<long> coefficients = stackalloc long[MaxLpcOrder];
        coefficients = coefficients[..order];
        for (var i = 0; i < order; i++)
            coefficients[i] = reader.ReadSigned(precision);
        ReadResidual(ref reader, samples, order, channel);
        FlacPrediction.RestoreLpc(samples, coefficients, shift);
    }

    private void ReadWarmUp(ref FlacBitReader reader, Span<long> samples, int bitsPerSample, int order, int channel)
    {
        if (order > samples.Length)
            throw Corrupt($"channel {channel}: predictor order {order} exceeds the block size {samples.Length}");
        for (var i = 0; i < order; i++)
            samples[i] = reader.ReadSignedLong(bitsPerSample);
    }

    /// <summary>Reads the residual of samples [order, blockSize) into place, ready for prediction.</summary>
    private void ReadResidual(ref FlacBitReader reader, Span<long> samples, int order, int channel)
    {
        var method = reader.ReadBits(2);
        if (method > 1)
            throw Corrupt($"channel {channel}: reserved residual coding method {method}");
        var parameterBits = method == 0 ? 4 : 5;
        var escapeCode = (1u << parameterBits) - 1;
        var partitionOrder = (int)reader.ReadBits(4);
        var partitionSize = samples.Length >> partitionOrder;
        if (partitionSize << partitionOrder != samples.Length || partitionSize < order)
            throw Corrupt($"channel {channel}: Rice partition order {partitionOrder} does not fit block size {samples.Length} with predictor order {order}");

        var start = order;
        for (var partition = 0; partition < 1 << partitionOrder; partition++)
        {
            var end = (partition + 1) * partitionSize;
            var residual = samples[start..end];
            var parameter = reader.ReadBits(parameterBits);
            if (parameter != escapeCode)
            {
                reader.ReadRice(residual, (int)parameter);
            }
            else
            {
                // Escaped partition: fixed-width signed numbers instead of Rice codes.
                var rawBits = (int)reader.ReadBits(5);
                for (var i = 0; i < residual.Length; i++)
                    residual[i] = reader.ReadSigned(rawBits);
            }
            start = end;
        }
    }

    private void Decorrelate(ChannelAssignment assignment)
    {
        if (assignment == ChannelAssignment.Independent)
            return;
        var first = _samples.AsSpan(0, BlockSize);
        var second = _samples.AsSpan(_info.MaxBlockSize, BlockSize);
        switch (assignment)
        {
            case ChannelAssignment.LeftSide:
                for (var i = 0; i < first.Length; i++)
                    second[i] = first[i] - second[i];
                break;
            case ChannelAssignment.RightSide:
                for (var i = 0; i < first.Length; i++)
                    first[i] += second[i];
                break;
            case ChannelAssignment.MidSide:
                for (var i = 0; i < first.Length; i++)
                {
                    var side = second[i];
                    var mid = (first[i] << 1) | (side & 1);
                    first[i] = (mid + side) >> 1;
                    second[i] = (mid - side) >> 1;
                }
                break;
        }
    }

    private AudioDecodeException Corrupt(string reason) =>
        new(AudioErrorKind.Corrupt, $"frame at byte {_frameOffset}: {reason}", _source);

    private enum ChannelAssignment
    {
        Independent,
        LeftSide,
        RightSide,
        MidSide,
    }

    private readonly record struct FrameHeader(int BlockSize, int ChannelCount, ChannelAssignment Assignment);
}
