using NLayer;

namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// MPEG-1/2 layers I and II through NLayer, which <see cref="LayerIIIDecoder"/> does not implement. NLayer seeks,
/// so <c>stream</c> must be seekable and positioned at the first frame; the reader owns it.
/// </summary>
internal sealed class NLayerReader : IAudioReader
{
    private readonly MpegFile _mpeg;
    private readonly string? _source;

    public NLayerReader(Stream stream, string? source)
    {
        _source = source;
        try
        {
            _mpeg = new MpegFile(stream);
            SampleRate = _mpeg.SampleRate;
            ChannelCount = _mpeg.Channels;
            FrameCountHint = _mpeg.Length / (sizeof(float) * ChannelCount);
        }
        catch (Exception e)
        {
            stream.Dispose();
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"no decodable MPEG audio frame: {e.Message}", source, e);
        }
    }

    public int SampleRate { get; }

    public int ChannelCount { get; }

    public long? FrameCountHint { get; }

    public int Read(Span<float> buffer)
    {
        try
        {
            return _mpeg.ReadSamples(buffer);
        }
        catch (Exception e)
        {
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the MPEG audio cannot be decoded past {_mpeg.Time.TotalSeconds:0.###} s: {e.Message}", _source, e);
        }
    }

    public void Dispose() => _mpeg.Dispose();
}
