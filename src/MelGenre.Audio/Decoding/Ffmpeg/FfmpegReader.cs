using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using MelGenre.Audio.Decoding.Ogg;

namespace MelGenre.Audio.Decoding.Ffmpeg;

/// <summary>
/// Reads the containers and codecs MelGenre does not decode itself (M4A/AAC, WMA, AIFF, Matroska…) through
/// an installed <c>ffmpeg</c>: the first audio stream is converted to 32-bit float WAV on ffmpeg's standard
/// output, whose header gives the rate and channel count, and streamed from there. The process is killed
/// when the reader is disposed; its error output is quoted when it fails.
/// </summary>
/// <remarks>
/// ffmpeg reads a <see cref="FileStream"/>'s file by path; any other stream is first copied to a temporary
/// file (deleted on dispose), because MP4 files often keep their index at the end, which a pipe cannot reach.
/// The reader owns <c>stream</c> and disposes it.
/// </remarks>
public sealed class FfmpegReader : IAudioReader
{
    /// <summary>The executable looked up on <c>PATH</c> by default.</summary>
    public const string DefaultExecutable = "ffmpeg";

    private const int WaveFormatPcm = 1;
    private const int WaveFormatFloat = 3;
    private const int WaveFormatExtensible = 0xFFFE;
    private const int MaxStderrChars = 4000;
    private const int MaxSkippedChunkBytes = 1 << 20;
    private const int MaxChannels = 64;

    private static readonly (string Name, Func<ReadOnlySpan<byte>, bool> Matches)[] Containers =
    [
        ("MP4/M4A (AAC, ALAC)", h => h.Length >= 8 && h[4..].StartsWith("ftyp"u8)),
        ("ASF (WMA)", h => h.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11])),
        ("AAC (ADTS)", h => h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xF6) == 0xF0),
        ("AIFF", h => h.Length >= 12 && h.StartsWith("FORM"u8) && (h[8..].StartsWith("AIFF"u8) || h[8..].StartsWith("AIFC"u8))),
        ("Matroska/WebM", h => h.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])),
        ("CAF", h => h.StartsWith("caff"u8)),
        ("AMR", h => h.StartsWith("#!AMR"u8)),
        ("Monkey's Audio (APE)", h => h.StartsWith("MAC "u8)),
        ("WavPack", h => h.StartsWith("wvpk"u8)),
        ("AC-3", h => h.StartsWith((ReadOnlySpan<byte>)[0x0B, 0x77])),
        ("Ogg (a codec other than Vorbis or Opus)", h => OggPacketReader.Identify(h) == OggCodec.Other),
    ];

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly string? _temporaryFile;
    private readonly Process _process;
    private readonly Stream _output;
    private readonly StringBuilder _stderr = new();
    private readonly byte[] _bytes = new byte[64 * 1024];
    private int _pendingBytes;
    private bool _ended;

    /// <summary>Starts <see cref="DefaultExecutable"/> on <paramref name="stream"/>.</summary>
    /// <inheritdoc cref="FfmpegReader(Stream, string?, string)"/>
    public FfmpegReader(Stream stream, string? source)
        : this(stream, source, DefaultExecutable)
    {
    }

    /// <summary>Starts <paramref name="ffmpegPath"/> on <paramref name="stream"/> and reads the format it announces.</summary>
    /// <param name="stream">The file's bytes, from their first byte.</param>
    /// <param name="source">The file path or stream name that errors mention; may be null.</param>
    /// <param name="ffmpegPath">The ffmpeg executable: a name looked up on <c>PATH</c>, or a path.</param>
    /// <exception cref="AudioDecodeException">
    /// <see cref="AudioErrorKind.ToolMissing"/> when ffmpeg cannot be started; otherwise ffmpeg's own complaint.
    /// </exception>
    public FfmpegReader(Stream stream, string? source, string ffmpegPath)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(ffmpegPath);
        _stream = stream;
        _source = source;
        var formatName = DescribeFormat(stream, source);
        string inputPath;
        if (stream is FileStream file)
        {
            inputPath = file.Name;
        }
        else
        {
            _temporaryFile = Path.GetTempFileName();
            using (var copy = File.Create(_temporaryFile))
                stream.CopyTo(copy);
            inputPath = _temporaryFile;
        }

        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-nostdin", "-v", "error", "-i", "file:" + inputPath, "-map", "0:a:0", "-map_metadata", "-1",
                     "-fflags", "+bitexact", "-f", "wav", "-acodec", "pcm_f32le", "pipe:1",
                 })
            start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, line) => AppendStderr(line.Data);
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            _process.Dispose();
            DeleteTemporaryFile();
            throw new AudioDecodeException(
                AudioErrorKind.ToolMissing,
                $"{formatName} is not a format MelGenre decodes itself; install ffmpeg (apt-get install ffmpeg) to read it",
                source,
                e);
        }
        _process.StandardInput.Close();
        _process.BeginErrorReadLine();
        _output = _process.StandardOutput.BaseStream;
        try
        {
            (SampleRate, ChannelCount) = ReadWaveHeader();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Always null: ffmpeg streams its output without a length.</summary>
    public long? FrameCountHint => null;

    /// <summary>
    /// Whether <paramref name="header"/> (the file's first bytes) is a container this reader is meant for:
    /// MP4/M4A, ASF/WMA, ADTS AAC, AIFF, Matroska/WebM, CAF, AMR, APE, WavPack, AC-3, or Ogg with another codec.
    /// Try it after the built-in readers.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<byte> header) => FormatName(header) is not null;

    /// <inheritdoc />
    public int Read(Span<float> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        var frameBytes = ChannelCount * sizeof(float);
        var wholeFrames = buffer.Length - buffer.Length % ChannelCount;
        if (wholeFrames == 0)
            throw new ArgumentException($"The buffer holds fewer samples than one {ChannelCount}-channel frame.", nameof(buffer));
        var wanted = Math.Min(wholeFrames * sizeof(float), _bytes.Length - _bytes.Length % frameBytes);
        while (!_ended && _pendingBytes < frameBytes)
        {
            var read = _output.Read(_bytes.AsSpan(_pendingBytes, wanted - _pendingBytes));
            if (read == 0)
                Finish();
            _pendingBytes += read;
        }
        var usable = Math.Min(_pendingBytes - _pendingBytes % frameBytes, wanted);
        MemoryMarshal.Cast<byte, float>(_bytes.AsSpan(0, usable)).CopyTo(buffer);
        _bytes.AsSpan(usable, _pendingBytes - usable).CopyTo(_bytes);
        _pendingBytes -= usable;
        return usable / sizeof(float);
    }

    /// <summary>Kills ffmpeg if it is still running, deletes the temporary copy and disposes the stream.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
        DeleteTemporaryFile();
        _stream.Dispose();
    }

    /// <summary>A person's name for the container in <paramref name="header"/>, or null when it is not one of ours.</summary>
    internal static string? FormatName(ReadOnlySpan<byte> header)
    {
        foreach (var (name, matches) in Containers)
            if (matches(header))
                return name;
        return null;
    }

    private static string DescribeFormat(Stream stream, string? source)
    {
        if (stream.CanSeek)
        {
            Span<byte> header = stackalloc byte[64];
            var start = stream.Position;
            var length = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            stream.Position = start;
            if (FormatName(header[..length]) is { } name)
                return name;
        }
        var extension = Path.GetExtension(source);
        return string.IsNullOrEmpty(extension) ? "This audio" : $"'{extension}' audio";
    }

    /// <summary>Reads ffmpeg's WAV header up to the data chunk; its sizes are unknown on a pipe and ignored.</summary>
    private (int SampleRate, int Channels) ReadWaveHeader()
    {
        Span<byte> riff = stackalloc byte[12];
        if (!ReadHeaderBytes(riff))
            throw Failure("produced no audio");
        if (!riff.StartsWith("RIFF"u8) || !riff[8..].StartsWith("WAVE"u8))
            throw Failure("produced output that is not WAV");
        int? rate = null, channels = null;
        Span<byte> chunk = stackalloc byte[8];
        while (ReadHeaderBytes(chunk))
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk.StartsWith("data"u8))
            {
                if (rate is null || channels is null)
                    throw Failure("produced WAV without a format chunk");
                return (rate.Value, channels.Value);
            }
            if (size > MaxSkippedChunkBytes)
                throw Failure($"produced a {size}-byte WAV header chunk");
            var body = new byte[size + (size & 1)];
            if (!ReadHeaderBytes(body))
                break;
            if (chunk.StartsWith("fmt "u8) && size >= 16)
            {
                int format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4));
                int bits = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(14));
                if (format is not (WaveFormatFloat or WaveFormatExtensible or WaveFormatPcm) || bits != 32
                    || channels is < 1 or > MaxChannels || rate <= 0)
                    throw Failure($"produced WAV of format {format}, {bits} bits, {channels} channels, {rate} Hz instead of float32");
            }
        }
        throw Failure("produced a WAV header without audio");
    }

    private bool ReadHeaderBytes(Span<byte> buffer) =>
        _output.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    /// <summary>At the end of ffmpeg's output: an error exit means ffmpeg gave up part-way.</summary>
    private void Finish()
    {
        _ended = true;
        _process.WaitForExit();
        if (_process.ExitCode != 0)
            throw Failure("stopped");
    }

    /// <summary>ffmpeg's complaint as an error; a format it cannot tell is an unknown format, anything else corrupt.</summary>
    private AudioDecodeException Failure(string what)
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        string stderr;
        lock (_stderr)
            stderr = _stderr.ToString().Trim().ReplaceLineEndings("; ");
        var kind = stderr.Contains("Invalid data found", StringComparison.Ordinal) ? AudioErrorKind.UnknownFormat : AudioErrorKind.Corrupt;
        var said = stderr.Length > 0 ? stderr : "nothing on stderr";
        return new AudioDecodeException(kind, $"ffmpeg {what} (exit code {_process.ExitCode}): {said}", _source);
    }

    private void AppendStderr(string? line)
    {
        if (line is null)
            return;
        lock (_stderr)
            if (_stderr.Length < MaxStderrChars)
                _stderr.AppendLine(line);
    }

    private void DeleteTemporaryFile()
    {
        if (_temporaryFile is not null && File.Exists(_temporaryFile))
            File.Delete(_temporaryFile);
    }
}
