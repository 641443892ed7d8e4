using MelGenre.Audio.Decoding.Ogg;

namespace MelGenre.Audio.Tests.Decoding.Ogg;

public class VorbisCodebookCheckTests
{
    [Fact]
    public void AnOrderedCodebookWhoseLengthsCoverEveryEntryPasses()
    {
        // 100 entries: 60 of length 1, 40 of length 2 (ilog(100) = 7 bits, then ilog(40) = 6 bits).
        var setup = SetupWithOneCodebook(entries: 100, ordered: [(60, 7), (40, 6)]);

        VorbisCodebookCheck.Check(setup, "ordered.ogg");
    }

    [Fact]
    public void AnOrderedCodebookCutShortBeforeEveryEntryHasALengthIsRefused()
    {
        // NVorbis 0.10.5 reads zeros past the packet's end and never leaves its ordered-length loop.
        var setup = SetupWithOneCodebook(entries: 100, ordered: [(10, 7)]);

        var error = Assert.Throws<AudioDecodeException>(() => VorbisCodebookCheck.Check(setup, "cut.ogg"));

        Assert.True(error.Kind == AudioErrorKind.Corrupt, $"expected Corrupt, got {error.Kind}: {error.Reason}");
        Assert.Contains("codebook 0 entry 10, cut short by the end of its packet", error.Reason, StringComparison.Ordinal);
        Assert.Equal("cut.ogg", error.Source);
    }

    [Fact]
    public void AnOrderedRunLongerThanTheEntriesLeftIsRefused()
    {
        var setup = SetupWithOneCodebook(entries: 100, ordered: [(60, 7), (41, 6)]);

        var error = Assert.Throws<AudioDecodeException>(() => VorbisCodebookCheck.Check(setup, null));

        Assert.Contains("gives 41 entries length 2 with 40 entries left", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderedCodebookNeedingLengthsPast32IsRefused()
    {
        // Runs of zero entries raise the length by one each: the 33rd length is past libvorbis's limit.
        var runs = Enumerable.Repeat((0u, 7), 32).Append((100u, 7)).ToArray();
        var setup = SetupWithOneCodebook(entries: 100, ordered: runs);

        var error = Assert.Throws<AudioDecodeException>(() => VorbisCodebookCheck.Check(setup, null));

        Assert.Contains("length 33", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACodebookWithoutItsSyncPatternIsRefused()
    {
        var bits = new BitWriter();
        bits.Write(0, 8);
        bits.Write(0x123456, 24);

        var error = Assert.Throws<AudioDecodeException>(() => VorbisCodebookCheck.Check(bits.Packet(), null));

        Assert.Contains("codebook 0 lacks its sync pattern", error.Reason, StringComparison.Ordinal);
    }

    /// <summary>A setup header holding one one-dimensional ordered codebook without a lookup table, then nothing.</summary>
    private static byte[] SetupWithOneCodebook(uint entries, (uint Run, int Bits)[] ordered)
    {
        var bits = new BitWriter();
        bits.Write(0, 8); // one codebook
        bits.Write(0x564342, 24);
        bits.Write(1, 16);
        bits.Write(entries, 24);
        bits.Write(1, 1); // ordered
        bits.Write(0, 5); // first length 1
        foreach (var (run, width) in ordered)
            bits.Write(run, width);
        return bits.Packet();
    }

    /// <summary>Vorbis's LSB-first bit packing, after the <c>\x05vorbis</c> magic.</summary>
    private sealed class BitWriter
    {
        private readonly List<bool> _bits = [];

        public void Write(uint value, int count)
        {
            for (var i = 0; i < count; i++)
                _bits.Add(((value >> i) & 1) != 0);
        }

        public byte[] Packet()
        {
            var packet = new byte[7 + (_bits.Count + 7) / 8];
            "\x05vorbis"u8.CopyTo(packet);
            for (var i = 0; i < _bits.Count; i++)
                if (_bits[i])
                    packet[7 + i / 8] |= (byte)(1 << (i % 8));
            return packet;
        }
    }
}
