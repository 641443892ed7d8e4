namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>
/// A tiny FLAC encoder for what the <c>flac</c> tool never writes: variable block sizes, escaped
/// (raw-bits) residual partitions, 5-bit Rice parameters on small signals, explicit sample-rate codes,
/// and deliberately broken residual layouts. Its checksums are computed bit by bit, independently of
/// the decoder's tables. Its output is checked against <c>flac -d</c> before being trusted.
/// </summary>
public static class TestFlacWriter
{
    /// <summary>How residual partitions are coded.</summary>
    public enum Residual
    {
        /// <summary>Every partition escaped: raw signed numbers of the width its largest value needs.</summary>
        Escaped,
        /// <summary>Rice with 5-bit parameters (coding method 1), alternating with escaped partitions.</summary>
        Rice5Mixed,
    }

    /// <summary>Options of a written stream; <see cref="PartitionOrder"/> may be set beyond what the blocks allow, to break them.</summary>
    public sealed record Options(int[] BlockSizes, bool Variable, Residual Residual, int PartitionOrder = 1, int FixedOrder = 2);

    internal static byte[] Write(TestPcm pcm, Options options)
    {
        var writer = new BitWriter();
        writer.Bytes("fLaC"u8);
        writer.Bits(0x80, 8); // Last metadata block, type STREAMINFO.
        writer.Bits(34, 24);
        writer.Bits((uint)options.BlockSizes.Min(), 16);
        writer.Bits((uint)options.BlockSizes.Max(), 16);
        writer.Bits(0, 24); // Frame sizes unknown.
        writer.Bits(0, 24);
        writer.Bits((uint)pcm.SampleRate, 20);
        writer.Bits((uint)pcm.ChannelCount - 1, 3);
        writer.Bits((uint)pcm.BitsPerSample - 1, 5);
        writer.Bits(0, 4);
        writer.Bits((uint)pcm.FrameCount, 32);
        writer.Bytes(new byte[16]); // MD5 unknown.

        var frameStart = 0;
        for (var frameIndex = 0; frameStart < pcm.FrameCount; frameIndex++)
        {
            var blockSize = Math.Min(options.BlockSizes[frameIndex % options.BlockSizes.Length], pcm.FrameCount - frameStart);
            WriteFrame(writer, pcm, options, frameIndex, frameStart, blockSize);
            frameStart += blockSize;
        }
        return writer.ToArray();
    }

    private static void WriteFrame(BitWriter writer, TestPcm pcm, Options options, int frameIndex, int frameStart, int blockSize)
    {
        var start = writer.ByteLength;
        writer.Bits(options.Variable ? 0xFFF9u : 0xFFF8u, 16);
        // Explicit 8- or 16-bit block sizes (codes 6 and 7); the rate from STREAMINFO (0) or as 16-bit Hz (13).
        var blockCode = blockSize <= 256 ? 6u : 7u;
        var rateCode = frameIndex % 2 == 0 ? 0u : 13u;
        writer.Bits(blockCode, 4);
        writer.Bits(rateCode, 4);
        writer.Bits((uint)pcm.ChannelCount - 1, 4);
        writer.Bits(0, 3); // Bits per sample from STREAMINFO.
        writer.Bits(0, 1);
        WriteCodedNumber(writer, options.Variable ? (ulong)frameStart : (ulong)frameIndex);
        writer.Bits((uint)blockSize - 1, blockCode == 6 ? 8 : 16);
        if (rateCode == 13)
            writer.Bits((uint)pcm.SampleRate, 16);
        writer.Bits(Crc8(writer.Slice(start)), 8);

        for (var channel = 0; channel < pcm.ChannelCount; channel++)
        {
            var block = new long[blockSize];
            for (var i = 0; i < blockSize; i++)
                block[i] = pcm.Samples[((frameStart + i) * pcm.ChannelCount) + channel];
            WriteFixedSubframe(writer, block, pcm.BitsPerSample, options, frameIndex + channel);
        }
        writer.AlignToByte();
        writer.Bits(Crc16(writer.Slice(start)), 16);
    }

    private static void WriteFixedSubframe(BitWriter writer, long[] block, int bitsPerSample, Options options, int variant)
    {
        var order = Math.Min(options.FixedOrder, block.Length);
        writer.Bits(0, 1);
        writer.Bits(8u + (uint)order, 6);
        writer.Bits(0, 1); // No wasted bits.
        for (var i = 0; i < order; i++)
            writer.Signed(block[i], bitsPerSample);
        var residual = new long[block.Length];
        for (var i = order; i < block.Length; i++)
        {
            residual[i] = order switch
            {
                0 => block[i],
                1 => block[i] - block[i - 1],
                _ => block[i] - (2 * block[i - 1]) + block[i - 2],
            };
        }

        var partitionOrder = options.PartitionOrder;
        while (partitionOrder > 0 && ((block.Length >> partitionOrder) << partitionOrder != block.Length || (block.Length >> partitionOrder) < order) && partitionOrder <= 8)
            partitionOrder--; // Shrink to what the block allows, unless the test asks for a broken order (> 8).
        if (options.PartitionOrder > 8)
            partitionOrder = options.PartitionOrder;
        var rice5 = options.Residual == Residual.Rice5Mixed;
        writer.Bits(rice5 ? 1u : 0u, 2);
        writer.Bits((uint)partitionOrder, 4);
        var partitionSize = block.Length >> partitionOrder;
        for (var partition = 0; partition < 1 << partitionOrder; partition++)
        {
            var from = partition == 0 ? order : partition * partitionSize;
            var to = Math.Min((partition + 1) * partitionSize, block.Length);
            var values = residual.AsSpan(from, Math.Max(0, to - from));
            if (rice5 && (partition + variant) % 2 == 0)
            {
                var parameter = RiceParameter(values);
                writer.Bits((uint)parameter, 5);
                foreach (var value in values)
                {
                    var folded = (ulong)((value << 1) ^ (value >> 63));
                    for (var q = folded >> parameter; q > 0; q--)
                        writer.Bits(0, 1);
                    writer.Bits(1, 1);
                    writer.Bits((uint)(folded & ((1ul << parameter) - 1)), parameter);
                }
            }
            else
            {
                var width = RawWidth(values);
                writer.Bits(rice5 ? 31u : 15u, rice5 ? 5 : 4);
                writer.Bits((uint)width, 5);
                foreach (var value in values)
                    writer.Signed(value, width);
            }
        }
    }

    /// <summary>The bits a two's-complement number needs for every value (0 when all are zero).</summary>
    private static int RawWidth(ReadOnlySpan<long> values)
    {
        var width = 0;
        foreach (var value in values)
        {
            if (value != 0)
                width = Math.Max(width, 65 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(value ^ (value >> 63))));
        }
        return width;
    }

    private static int RiceParameter(ReadOnlySpan<long> values)
    {
        double mean = 0;
        foreach (var value in values)
            mean += Math.Abs(value);
        mean /= Math.Max(values.Length, 1);
        return Math.Clamp((int)Math.Ceiling(Math.Log2(mean + 1)), 0, 30);
    }

    private static void WriteCodedNumber(BitWriter writer, ulong number)
    {
        if (number < 0x80)
        {
            writer.Bits((uint)number, 8);
            return;
        }
        var continuation = 1;
        while (number >= 1ul << (6 - continuation + (6 * continuation)))
            continuation++;
        var lead = (0xFF00u >> (continuation + 1)) & 0xFF;
        writer.Bits(lead | (uint)(number >> (6 * continuation)), 8);
        for (var i = continuation - 1; i >= 0; i--)
            writer.Bits(0x80u | (uint)((number >> (6 * i)) & 0x3F), 8);
    }

    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        }
        return (byte)crc;
    }

    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return (ushort)crc;
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _pending;
        private int _pendingBits;

        public int ByteLength => _bytes.Count;

        public ReadOnlySpan<byte> Slice(int start) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes)[start..];

        public void Bits(uint value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                _pending = (_pending << 1) | (int)((value >> i) & 1);
                if (++_pendingBits == 8)
                {
                    _bytes.Add((byte)_pending);
                    _pending = 0;
                    _pendingBits = 0;
                }
            }
        }

        public void Signed(long value, int count)
        {
            if (count > 32)
            {
                Bits((uint)(value >> 32), count - 32);
                count = 32;
            }
            Bits((uint)value & (uint)((1ul << count) - 1), count);
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
                Bits(b, 8);
        }

        public void AlignToByte()
        {
            while (_pendingBits != 0)
                Bits(0, 1);
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
