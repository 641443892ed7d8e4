using System.Numerics;
using MelGenre.Audio.Decoding.Flac;
using MelGenre.Audio.Decoding.Wav;
using MelGenre.Audio.Decoding.Ffmpeg;
using MelGenre.Audio.Decoding.Mp3;
using MelGenre.Audio.Decoding.Ogg;

namespace MelGenre.Audio.Decoding;

/// <summary>
/// The one way in: recognises an audio file by its first bytes (never by its name) and decodes it with the
/// matching <see cref="IAudioReader"/>. Every failure surfaces as an <see cref="AudioDecodeException"/> naming the
/// file or stream; only a null or unusable argument throws an <see cref="ArgumentException"/>. Thread-safe (stateless).
/// </summary>
public static class AudioDecoder
{
    /// <summary>Bytes read from the start of an input to recognise its format: enough for MP3's two-frame check
    /// (<see cref="Mp3Reader.StrictDetectionBytes"/>), which keeps random bytes from passing for MP3.</summary>
    public const int ProbeLength = 2048;

    /// <summary>The most interleaved samples <see cref="Decode(string)"/> holds: the largest .NET array.</summary>
    public static readonly long MaxSamples = Array.MaxLength;

    /// <summary>The name errors give a stream opened without one.</summary>
    public const string UnnamedStream = "<stream>";

    /// <summary>Samples a header may make us allocate before the file has shown it holds them (4 MiB of floats).</summary>
    private const int UntrustedHintSamples = 1 << 20;

    /// <summary>More decoded samples per encoded byte than any codec we read produces (MP3 at 32 kbit/s mono gives
    /// about 2.8); a size hint above this many per byte of input is a lie and is not allocated.</summary>
    private const int MaxSamplesPerInputByte = 16;

    /// <summary>First allocation when nothing says how long the audio is.</summary>
    private const int UnknownLengthSamples = 1 << 16;

    private delegate bool FormatDetector(ReadOnlySpan<byte> header);

    private sealed record AudioFormat(string Name, FormatDetector Detect, Func<Stream, string, IAudioReader> Open);

    /// <summary>Tried in order; the first detector that accepts the first <see cref="ProbeLength"/> bytes opens the
    /// input. Each decoder adds one line here.</summary>
    private static readonly AudioFormat[] Formats =
    [
        new("WAV", WavReader.IsWav, static (stream, source) => new WavReader(stream, source)),
        new("FLAC", FlacReader.IsMatch, static (stream, source) => new FlacReader(stream, source)),
        new("Ogg Vorbis", OggVorbisReader.IsMatch, static (stream, source) => new OggVorbisReader(stream, source)),
        new("Ogg Opus", OggOpusReader.IsMatch, static (stream, source) => new OggOpusReader(stream, source)),
        new("MP3", Mp3Reader.IsMatch, static (stream, source) => new Mp3Reader(stream, source)),
        // Last: hands the containers we do not decode ourselves to ffmpeg, or says it is missing.
        new("ffmpeg", FfmpegReader.IsMatch, static (stream, source) => new FfmpegReader(stream, source)),
    ];

    /// <summary>Opens the file at <paramref name="path"/> for block-by-block reading; the reader owns the file.</summary>
    /// <exception cref="AudioDecodeException">The file cannot be read or is not audio we decode.</exception>
    public static IAudioReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Guard(path, () =>
        {
            var file = OpenFile(path);
            try
            {
                return OpenProbed(file, path, leaveOpen: false);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        });
    }

    /// <summary>Opens <paramref name="stream"/> (from its current position) for block-by-block reading. The reader
    /// reads the stream but never disposes it; it must not outlive the stream.</summary>
    /// <param name="stream">Readable; need not be seekable.</param>
    /// <param name="name">What errors call the input; <see cref="UnnamedStream"/> when null.</param>
    /// <exception cref="AudioDecodeException">The stream fails or is not audio we decode.</exception>
    public static IAudioReader Open(Stream stream, string? name = null)
    {
        var source = CheckReadable(stream, name);
        return Guard(source, () => OpenProbed(stream, source, leaveOpen: true));
    }

    /// <summary>Decodes the whole file at <paramref name="path"/> into one clip, channels interleaved, at its own rate.</summary>
    /// <exception cref="AudioDecodeException">The file cannot be read, is not audio we decode, holds more than
    /// <see cref="MaxSamples"/> samples (<see cref="AudioErrorKind.TooLarge"/>), or holds NaN or infinite samples
    /// (<see cref="AudioErrorKind.Corrupt"/>: a spectrogram of them would be meaningless).</exception>
    public static AudioClip Decode(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Guard(path, () =>
        {
            using var file = OpenFile(path);
            using var reader = OpenProbed(file, path, leaveOpen: false);
            return ReadAll(reader, file.Length, path, MaxSamples);
        });
    }

    /// <summary>Decodes <paramref name="stream"/> from its current position to its end into one clip; the stream
    /// is left open.</summary>
    /// <param name="stream">Readable; need not be seekable.</param>
    /// <param name="name">What errors call the input; <see cref="UnnamedStream"/> when null.</param>
    /// <exception cref="AudioDecodeException">As for <see cref="Decode(string)"/>.</exception>
    public static AudioClip Decode(Stream stream, string? name = null)
    {
        var source = CheckReadable(stream, name);
        return Guard(source, () =>
        {
            long? inputBytes = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
            using var reader = OpenProbed(stream, source, leaveOpen: true);
            return ReadAll(reader, inputBytes, source, MaxSamples);
        });
    }

    /// <summary>
    /// Pulls every frame from <paramref name="reader"/> into one clip. The reader's length hint sizes the first
    /// allocation only as far as <paramref name="inputBytes"/> makes it plausible; the buffer then doubles as
    /// audio actually arrives, up to <paramref name="maxSamples"/>.
    /// </summary>
    internal static AudioClip ReadAll(IAudioReader reader, long? inputBytes, string source, long maxSamples)
    {
        var channels = reader.ChannelCount;
        var limit = (int)Math.Min(maxSamples, Array.MaxLength) / channels * channels;
        var hinted = reader.FrameCountHint is long frames ? SaturatingMultiply(frames, channels) : (long?)null;
        var plausible = inputBytes is long bytes ? Math.Max(UntrustedHintSamples, SaturatingMultiply(bytes, MaxSamplesPerInputByte)) : UntrustedHintSamples;
        var wanted = hinted is long h ? Math.Min(h, plausible) : UnknownLengthSamples;
        if (hinted is not null && wanted > limit)
            throw TooLarge(source, $"the header announces {hinted} samples", limit);

        // Uninitialised: only the filled prefix is ever read, and zeroing megabytes costs as much as decoding them.
        var samples = GC.AllocateUninitializedArray<float>(Math.Max(channels, (int)(Math.Min(wanted, limit) / channels) * channels));
        var filled = 0;
        float[]? nextFrame = null;
        while (true)
        {
            if (filled == samples.Length)
            {
                // Full: read one more frame aside to learn whether the audio goes on before growing.
                nextFrame ??= new float[channels];
                var extra = reader.Read(nextFrame);
                if (extra == 0)
                    break;
                if (samples.Length == limit)
                    throw TooLarge(source, "the audio goes on past the limit", limit);
                var grown = GC.AllocateUninitializedArray<float>((int)Math.Min(2L * samples.Length, limit));
                samples.CopyTo(grown, 0);
                samples = grown;
                nextFrame.AsSpan(0, extra).CopyTo(samples.AsSpan(filled));
                filled += extra;
                continue;
            }
            var read = reader.Read(samples.AsSpan(filled));
            if (read == 0)
                break;
            filled += read;
        }
        if (filled != samples.Length)
            samples = samples.AsSpan(0, filled).ToArray();

        var bad = IndexOfNonFinite(samples);
        if (bad >= 0)
            throw NonFinite(bad, channels, samples[bad], source);
        return new AudioClip(samples, reader.SampleRate, channels);
    }

    /// <summary>Detects the format and opens its reader, without <see cref="Guard{T}"/>: a reader's untyped exception
    /// escapes as it is. The fuzz harness calls this so that the catch-all cannot hide a decoder bug.</summary>
    internal static IAudioReader OpenProbed(Stream input, string source, bool leaveOpen)
    {
        var header = new byte[ProbeLength];
        var length = input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (length == 0)
            throw new AudioDecodeException(AudioErrorKind.Empty, "the file is empty (0 bytes)", source);
        Stream readable;
        if (input.CanSeek)
        {
            input.Seek(-length, SeekOrigin.Current);
            readable = leaveOpen ? new ProbedStream(input, ReadOnlyMemory<byte>.Empty) : input;
        }
        else
        {
            readable = new ProbedStream(input, header.AsMemory(0, length));
        }
        foreach (var format in Formats)
        {
            if (format.Detect(header.AsSpan(0, length)))
                return format.Open(readable, source);
        }
        throw new AudioDecodeException(AudioErrorKind.UnknownFormat, $"not a recognised audio format ({Describe(header.AsSpan(0, length))})", source);
    }

    /// <summary>The first bytes as hex and as text, so a person can see what the file actually is.</summary>
    private static string Describe(ReadOnlySpan<byte> header)
    {
        var shown = header[..Math.Min(8, header.Length)];
        var text = string.Concat(shown.ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '.'));
        return $"starts with {Convert.ToHexString(shown)} \"{text}\"";
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);

    private static string CheckReadable(Stream stream, string? name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        return name ?? UnnamedStream;
    }

    /// <summary>Runs <paramref name="action"/>, turning whatever escapes it into an <see cref="AudioDecodeException"/>
    /// that names <paramref name="source"/> (the inner exception keeps the original).</summary>
    internal static T Guard<T>(string source, Func<T> action) => Guard(source, action, static run => run());

    /// <summary><see cref="Guard{T}(string, Func{T})"/> for an action that takes <paramref name="state"/>, which may be
    /// a span (a block reader's buffer) and so cannot be captured.</summary>
    internal static TResult Guard<TState, TResult>(string source, TState state, Func<TState, TResult> action)
        where TState : allows ref struct
    {
        try
        {
            return action(state);
        }
        catch (AudioDecodeException e) when (e.Source is null)
        {
            throw e.WithSource(source);
        }
        catch (Exception e) when (e is not AudioDecodeException)
        {
            var (kind, reason) = e switch
            {
                EndOfStreamException => (AudioErrorKind.Truncated, "the file ends unexpectedly"),
                FileNotFoundException or DirectoryNotFoundException => (AudioErrorKind.Unreadable, "no such file"),
                UnauthorizedAccessException => (AudioErrorKind.Unreadable, "permission denied (or not a file)"),
                IOException => (AudioErrorKind.Unreadable, $"reading failed: {e.Message}"),
                OutOfMemoryException => (AudioErrorKind.TooLarge, "not enough memory to hold the decoded audio"),
                _ => (AudioErrorKind.Corrupt, $"the decoder failed ({e.GetType().Name}: {e.Message})"),
            };
            throw new AudioDecodeException(kind, reason, source, e);
        }
    }

    /// <summary>The error for NaN or infinite audio, naming the first bad sample (<paramref name="index"/> in the
    /// interleaved audio of <paramref name="channels"/> channels, of <paramref name="value"/>) and <paramref name="source"/>:
    /// a spectrogram of such audio would be meaningless.</summary>
    internal static AudioDecodeException NonFinite(long index, int channels, float value, string source) =>
        new(AudioErrorKind.Corrupt, $"non-finite samples: sample {index} (frame {index / channels}, channel {index % channels}) is {value}", source);

    private static AudioDecodeException TooLarge(string source, string what, int limit) =>
        new(AudioErrorKind.TooLarge, $"too large to hold in memory: {what}; at most {limit} samples are decoded", source);

    private static long SaturatingMultiply(long value, int factor) => value > long.MaxValue / factor ? long.MaxValue : value * factor;

    /// <summary>Index of the first NaN or infinity, or -1. A vector pass first: 0 × x is 0 unless x is not finite.</summary>
    internal static int IndexOfNonFinite(ReadOnlySpan<float> samples)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sum = Vector<float>.Zero;
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
                sum += new Vector<float>(samples[i..]) * Vector<float>.Zero;
            if (!Vector.EqualsAll(sum, Vector<float>.Zero))
                i = 0;
        }
        for (; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
                return i;
        }
        return -1;
    }
}
