using System.Globalization;
using MelGenre.Audio.Decoding;

namespace MelGenre.Audio.Processing;

/// <summary>
/// <c>librosa.load(path, sr=22050, mono=True)</c> as a stream, for recordings too long to hold: decodes block by block,
/// mixes each block to mono (<see cref="AudioClip.ToMono"/>'s arithmetic) and resamples it with a
/// <see cref="StreamingResampler"/>. The samples read are bit for bit
/// <c>Resampler.Resample(AudioDecoder.Decode(input).ToMono(), sampleRate).Samples</c>, while memory stays bounded by one
/// decoded block plus one resampler chunk, whatever the recording's length.
/// </summary>
/// <remarks>
/// Every failure while opening or reading is an <see cref="AudioDecodeException"/> naming <see cref="Source"/>, as
/// <see cref="AudioDecoder"/>'s are; only null or unusable arguments throw <see cref="ArgumentException"/>. After an
/// exception the stream is in no defined state: dispose it. Not thread-safe: one stream serves one consumer.
/// </remarks>
public sealed class MonoAudioStream : IDisposable
{
    /// <summary>The name errors give a clip opened without one.</summary>
    public const string UnnamedClip = "<clip>";

    // Frames pulled from the decoder at a time: large enough that per-block costs vanish, small next to a chunk.
    private const int BlockFrames = 16384;

    private readonly IAudioReader _reader;
    private readonly StreamingResampler _resampler;
    private readonly TimeSpan? _maxDuration;
    private readonly long _maxFrames;
    private readonly float[] _block;
    private readonly float[] _mono;
    private readonly Func<Span<float>, int> _readCore;
    private bool _disposed;

    private MonoAudioStream(IAudioReader reader, string source, int sampleRate, TimeSpan? maxDuration)
    {
        _reader = reader;
        Source = source;
        SampleRate = sampleRate;
        SourceSampleRate = reader.SampleRate;
        SourceChannelCount = reader.ChannelCount;
        try
        {
            _resampler = new StreamingResampler(reader.SampleRate, sampleRate);
        }
        catch (NotSupportedException e)
        {
            throw new AudioDecodeException(AudioErrorKind.Unsupported, e.Message, source, e);
        }
        _maxDuration = maxDuration;
        // The most frames that last no longer than the limit: floor(ticks · rate / ticks per second), exactly.
        _maxFrames = maxDuration is { } limit
            ? (long)Int128.Min(limit.Ticks * (Int128)reader.SampleRate / TimeSpan.TicksPerSecond, long.MaxValue)
            : long.MaxValue;
        _block = new float[BlockFrames * reader.ChannelCount];
        _mono = reader.ChannelCount == 1 ? [] : new float[BlockFrames];
        _readCore = ReadCore;
    }

    /// <summary>What errors call the input: the path, or the name given for a stream or clip.</summary>
    public string Source { get; }

    /// <summary>Rate of the samples <see cref="Read"/> gives, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The decoded audio's own rate, in Hz.</summary>
    public int SourceSampleRate { get; }

    /// <summary>The decoded audio's channel count (the output is always mono).</summary>
    public int SourceChannelCount { get; }

    /// <summary>Frames decoded so far; all of them once <see cref="Read"/> has returned 0.</summary>
    public long SourceFrameCount { get; private set; }

    /// <summary>Length in time of the frames decoded so far (<see cref="AudioClip.Duration"/> of the whole decoded
    /// clip once <see cref="Read"/> has returned 0).</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)SourceFrameCount / SourceSampleRate);

    /// <summary>Opens the file at <paramref name="path"/>; the stream owns the file until disposed.</summary>
    /// <param name="path">An audio file in any format <see cref="AudioDecoder"/> reads.</param>
    /// <param name="sampleRate">Output rate in Hz; librosa's 22050 by default.</param>
    /// <param name="maxDuration">Longest audio accepted; longer audio fails with <see cref="AudioErrorKind.TooLong"/>
    /// as soon as the decoding passes it. No limit when null.</param>
    /// <exception cref="AudioDecodeException">The file cannot be read, is not audio we decode, or its rate cannot be
    /// resampled to <paramref name="sampleRate"/> (<see cref="AudioErrorKind.Unsupported"/>).</exception>
    public static MonoAudioStream Open(string path, int sampleRate = Resampler.DefaultTargetRate, TimeSpan? maxDuration = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckOptions(sampleRate, maxDuration);
        return Create(AudioDecoder.Open(path), path, sampleRate, maxDuration);
    }

    /// <summary>Opens <paramref name="stream"/> from its current position; the stream is left open, and must outlive
    /// this one.</summary>
    /// <param name="stream">Readable; need not be seekable.</param>
    /// <param name="name">What errors call the input; <see cref="AudioDecoder.UnnamedStream"/> when null.</param>
    /// <param name="sampleRate">Output rate in Hz; librosa's 22050 by default.</param>
    /// <param name="maxDuration">Longest audio accepted, as for <see cref="Open(string, int, TimeSpan?)"/>.</param>
    /// <exception cref="AudioDecodeException">As for <see cref="Open(string, int, TimeSpan?)"/>.</exception>
    public static MonoAudioStream Open(Stream stream, string? name = null, int sampleRate = Resampler.DefaultTargetRate, TimeSpan? maxDuration = null)
    {
        CheckOptions(sampleRate, maxDuration);
        return Create(AudioDecoder.Open(stream, name), name ?? AudioDecoder.UnnamedStream, sampleRate, maxDuration);
    }

    /// <summary>Streams a clip already in memory through the same checks, mix and resampler as a file.</summary>
    /// <param name="clip">Any rate and channel count.</param>
    /// <param name="sampleRate">Output rate in Hz; librosa's 22050 by default.</param>
    /// <param name="name">What errors call the clip; <see cref="UnnamedClip"/> when null.</param>
    /// <exception cref="AudioDecodeException">The clip holds NaN or infinite samples (when read), or its rate cannot be
    /// resampled to <paramref name="sampleRate"/>.</exception>
    public static MonoAudioStream FromClip(AudioClip clip, int sampleRate = Resampler.DefaultTargetRate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        CheckOptions(sampleRate, maxDuration: null);
        return Create(new ClipReader(clip), name ?? UnnamedClip, sampleRate, maxDuration: null);
    }

    /// <summary><c>librosa.load(path, sr=sampleRate, mono=True)</c> held whole: the file as one mono clip at
    /// <paramref name="sampleRate"/> (the samples <see cref="Read"/> gives), for callers that need all of it at once.</summary>
    /// <exception cref="AudioDecodeException">As for <see cref="Open(string, int, TimeSpan?)"/> and <see cref="ReadToEnd"/>.</exception>
    public static AudioClip Load(string path, int sampleRate = Resampler.DefaultTargetRate)
    {
        using var audio = Open(path, sampleRate);
        return audio.ReadToEnd();
    }

    /// <summary>Reads the rest of the audio into one mono clip at <see cref="SampleRate"/>; memory grows with the audio
    /// (read block by block with <see cref="Read"/> to stay bounded).</summary>
    /// <param name="cancellation">Checked before each block.</param>
    /// <exception cref="AudioDecodeException">As for <see cref="Read"/>; more samples than one array holds
    /// (<see cref="AudioErrorKind.TooLarge"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public AudioClip ReadToEnd(CancellationToken cancellation = default)
    {
        // Uninitialised: only the filled prefix is kept. 2^18 samples is 12 s at 22050 Hz; the buffer doubles as needed.
        var samples = GC.AllocateUninitializedArray<float>(1 << 18);
        var count = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (count == samples.Length)
            {
                if (count == Array.MaxLength)
                    throw new AudioDecodeException(AudioErrorKind.TooLarge, $"too large to hold in memory: more than {Array.MaxLength} samples", Source);
                Array.Resize(ref samples, (int)Math.Min(2L * count, Array.MaxLength));
            }
            var read = Read(samples.AsSpan(count));
            if (read == 0)
                break;
            count += read;
        }
        return new AudioClip(count == samples.Length ? samples : samples.AsSpan(0, count).ToArray(), SampleRate);
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> with as many mono samples at <see cref="SampleRate"/> as fit and are ready, and
    /// returns how many; 0 only at the end of the audio (and on every read after it).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is empty.</exception>
    /// <exception cref="AudioDecodeException">The input fails or is corrupt; it holds NaN or infinite samples
    /// (<see cref="AudioErrorKind.Corrupt"/>); it lasts longer than the limit (<see cref="AudioErrorKind.TooLong"/>).</exception>
    public int Read(Span<float> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
            throw new ArgumentException("An empty buffer cannot be filled; 0 is reserved for the end of the audio.", nameof(buffer));
        return AudioDecoder.Guard(Source, buffer, _readCore);
    }

    /// <summary>Closes the decoder (and the file it owns; never a caller's stream).</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _reader.Dispose();
    }

    private static MonoAudioStream Create(IAudioReader reader, string source, int sampleRate, TimeSpan? maxDuration)
    {
        try
        {
            return new MonoAudioStream(reader, source, sampleRate, maxDuration);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static void CheckOptions(int sampleRate, TimeSpan? maxDuration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (maxDuration is { } limit)
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero, nameof(maxDuration));
    }

    private int ReadCore(Span<float> buffer)
    {
        while (true)
        {
            var read = _resampler.Read(buffer);
            if (read > 0 || _resampler.IsFinished)
                return read;
            DecodeBlock();
        }
    }

    /// <summary>Decodes one block, checks it, and hands its mono mix to the resampler (completing it at the end).</summary>
    private void DecodeBlock()
    {
        var count = _reader.Read(_block);
        if (count == 0)
        {
            _resampler.Complete();
            return;
        }
        var channels = SourceChannelCount;
        var block = _block.AsSpan(0, count);
        var frames = count / channels;
        if (SourceFrameCount + frames > _maxFrames)
            throw new AudioDecodeException(AudioErrorKind.TooLong, $"longer than the {Describe(_maxDuration!.Value)} limit", Source);
        var bad = AudioDecoder.IndexOfNonFinite(block);
        if (bad >= 0)
            throw AudioDecoder.NonFinite(SourceFrameCount * channels + bad, channels, block[bad], Source);
        SourceFrameCount += frames;
        if (channels == 1)
        {
            _resampler.Write(block);
            return;
        }
        var mono = _mono.AsSpan(0, frames);
        AudioClip.MixDown(block, channels, mono);
        _resampler.Write(mono);
    }

    /// <summary>A duration as a person writes it: "20 min", "1 h 30 min", "2.5 s".</summary>
    internal static string Describe(TimeSpan span)
    {
        var parts = new List<string>(3);
        var hours = span.Ticks / TimeSpan.TicksPerHour;
        if (hours > 0)
            parts.Add($"{hours} h");
        if (span.Minutes > 0)
            parts.Add($"{span.Minutes} min");
        var seconds = (double)(span.Ticks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerSecond;
        if (seconds > 0 || parts.Count == 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s"));
        return string.Join(' ', parts);
    }
}
