using System.Buffers.Binary;

namespace MelGenre.Audio.Tests.Processing;

/// <summary>
/// A forward-only 16-bit PCM WAV of any length, made as it is read: a 44-byte header, then one precomputed period of
/// audio (a stereo pair of sines and a little noise) repeated. Hours of audio without holding them.
/// </summary>
internal sealed class GeneratedWavStream : Stream
{
    private readonly byte[] _header = new byte[44];
    private readonly byte[] _period;
    private readonly long _length;
    private long _position;

    public GeneratedWavStream(int sampleRate, int channels, long frames, int periodFrames = 4410)
    {
        var frameBytes = 2 * channels;
        var dataBytes = checked((uint)(frames * frameBytes));
        "RIFF"u8.CopyTo(_header);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), dataBytes + 36);
        "WAVEfmt "u8.CopyTo(_header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(_header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(_header.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(28), frameBytes * sampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(_header.AsSpan(32), (short)frameBytes);
        BinaryPrimitives.WriteInt16LittleEndian(_header.AsSpan(34), 16);
        "data"u8.CopyTo(_header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(40), dataBytes);

        var random = new Random(7);
        _period = new byte[periodFrames * frameBytes];
        for (var i = 0; i < periodFrames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                var value = 0.4 * Math.Sin(2 * Math.PI * (c + 1) * 10 * i / periodFrames) + 0.05 * (random.NextDouble() - 0.5);
                BinaryPrimitives.WriteInt16LittleEndian(_period.AsSpan(2 * (i * channels + c)), (short)Math.Round(32767 * value));
            }
        }
        _length = _header.Length + (long)dataBytes;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, _length - _position);
        var written = 0;
        while (written < wanted)
        {
            ReadOnlySpan<byte> source = _position < _header.Length
                ? _header.AsSpan((int)_position)
                : _period.AsSpan((int)((_position - _header.Length) % _period.Length));
            var count = Math.Min(source.Length, wanted - written);
            source[..count].CopyTo(buffer[written..]);
            written += count;
            _position += count;
        }
        return written;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
