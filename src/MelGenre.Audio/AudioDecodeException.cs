namespace MelGenre.Audio;

/// <summary>Why a file could not become an <see cref="AudioClip"/>.</summary>
public enum AudioErrorKind
{
    /// <summary>The input holds no bytes.</summary>
    Empty,
    /// <summary>No decoder recognises the bytes (not audio, or a container we do not read).</summary>
    UnknownFormat,
    /// <summary>A recognised format with a feature we do not decode (codec, bit depth…).</summary>
    Unsupported,
    /// <summary>The header or stream contradicts itself or the format's rules.</summary>
    Corrupt,
    /// <summary>The data stops before the header says it should, with nothing decodable.</summary>
    Truncated,
    /// <summary>The audio is larger than the decoder will hold in memory.</summary>
    TooLarge,
    /// <summary>A needed external tool (ffmpeg) is not installed.</summary>
    ToolMissing,
    /// <summary>The input cannot be read at all: no such file, no permission, an I/O failure.</summary>
    Unreadable,
    /// <summary>The audio lasts longer than the caller's limit.</summary>
    TooLong,
}

/// <summary>
/// The typed error of every decoder: what kind of failure, which file, and a reason a person can read.
/// The message is one line, suitable for <c>melgenre: FILE: REASON</c> on a terminal.
/// </summary>
public sealed class AudioDecodeException : Exception
{
    /// <summary>Creates the error for <paramref name="source"/> (a file path or a stream's name; may be null).</summary>
    public AudioDecodeException(AudioErrorKind kind, string reason, string? source = null, Exception? inner = null)
        : base(reason, inner)
    {
        Kind = kind;
        Source = source;
        Reason = reason;
    }

    /// <summary>The kind of failure.</summary>
    public AudioErrorKind Kind { get; }

    /// <summary>The file path or stream name that failed, when known.</summary>
    public new string? Source { get; }

    /// <summary>The reason, without the file name.</summary>
    public string Reason { get; }

    /// <summary>A copy naming <paramref name="source"/>, for errors raised below the layer that knows the file.</summary>
    public AudioDecodeException WithSource(string source) => new(Kind, Reason, source, InnerException);
}
