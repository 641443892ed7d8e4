namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// Cuts an MPEG audio stream into whole frames. The first frame must be confirmed by a compatible header right
/// after it (or the end of the stream), and so must any frame found by scanning after damage; frames that follow
/// in step need only a compatible header. Bytes that are not frames (junk, ID3v1 or APE tags) are skipped. A
/// frame cut by the end of the stream is dropped.
/// </summary>
internal sealed class Mp3FrameSource
{
    /// <summary>Longest frame (MPEG-1 layer II at 384 kb/s, 32 kHz, padded) with the next header, rounded up.</summary>
    private const int MaxFrameBytes = 1736;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _inStep;

    public Mp3FrameSource(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>The header every frame must be compatible with, once the first frame is found.</summary>
    public MpegFrameHeader? Format { get; private set; }

    /// <summary>
    /// The next whole frame; its bytes stay valid until the next call. False at the end of the stream (or when
    /// only junk and a cut frame remain).
    /// </summary>
    public bool TryReadFrame(out MpegFrameHeader header, out ReadOnlySpan<byte> frame)
    {
        while (true)
        {
            if (_end - _start < MaxFrameBytes + 4 && !_endOfStream)
                Fill();
            if (_end - _start < 4)
                break;
            var bytes = _buffer.AsSpan(_start, _end - _start);
            if (MpegFrameHeader.TryParse(bytes, out header) && (Format is not { } format || format.IsCompatible(header)))
            {
                if (header.Length > bytes.Length)
                    break; // cut by the end of the stream
                if (_inStep || IsConfirmed(bytes, header))
                {
                    Format ??= header;
                    frame = bytes[..header.Length];
                    _start += header.Length;
                    _inStep = true;
                    return true;
                }
            }
            _inStep = false;
            _start++;
        }
        header = default;
        frame = default;
        return false;
    }

    /// <summary>Whether a compatible header follows the frame, or the stream ends right after it.</summary>
    private bool IsConfirmed(ReadOnlySpan<byte> bytes, in MpegFrameHeader header)
    {
        if (bytes.Length < header.Length + 4)
            return _endOfStream;
        return MpegFrameHeader.TryParse(bytes[header.Length..], out var next) && header.IsCompatible(next);
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                return;
            }
            _end += read;
        }
    }
}
