namespace MelGenre.Audio.Decoding.Flac;

/// <summary>The STREAMINFO block of a FLAC stream: the properties every frame is checked against.</summary>
/// <param name="MinBlockSize">Smallest block size in samples per channel (the last block may be smaller).</param>
/// <param name="MaxBlockSize">Largest block size in samples per channel; a frame with a larger block is corrupt.</param>
/// <param name="MinFrameSize">Smallest frame in bytes; 0 when unknown.</param>
/// <param name="MaxFrameSize">Largest frame in bytes; 0 when unknown.</param>
/// <param name="SampleRate">Samples per second of one channel, in Hz.</param>
/// <param name="ChannelCount">Number of channels, 1–8.</param>
/// <param name="BitsPerSample">Bits per sample, 4–32.</param>
/// <param name="TotalFrames">Samples per channel in the whole stream; 0 when unknown.</param>
public sealed record FlacStreamInfo(
    int MinBlockSize,
    int MaxBlockSize,
    int MinFrameSize,
    int MaxFrameSize,
    int SampleRate,
    int ChannelCount,
    int BitsPerSample,
    long TotalFrames);
