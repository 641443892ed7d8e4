using MelGenre.Audio;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Decoding.Wav;

namespace MelGenre.Fuzz;

/// <summary>What one input did to a decoder, when it did nothing wrong.</summary>
public enum FuzzOutcome
{
    /// <summary>Decoded to the end, or to <see cref="FuzzTarget.MaxSamples"/>.</summary>
    Decoded,
    /// <summary>Refused with an <see cref="AudioDecodeException"/> of our own making.</summary>
    Rejected,
}

/// <summary>
/// One decoder under test: how to open a reader on an input. <see cref="Run"/> decodes an input the way
/// <see cref="AudioDecoder"/> does, and lets through (as a finding) everything that is not a clean result or a typed
/// refusal. Shared by the afl harness and the regression-corpus test, so both judge an input alike.
/// </summary>
/// <param name="Name">The target's command-line name; also its seed and regression folder name.</param>
/// <param name="Open">Opens a reader on a seekable input.</param>
public sealed record FuzzTarget(string Name, Func<Stream, IAudioReader> Open)
{
    /// <summary>Samples decoded before stopping: a legitimately long output is not a hang (4 MiB of floats).</summary>
    public const int MaxSamples = 1 << 20;

    /// <summary>The name errors give the input.</summary>
    private const string Source = "fuzz-input";

    /// <summary>Sniffs the format as <see cref="AudioDecoder.Open(Stream, string?)"/> does.</summary>
    public static FuzzTarget Any { get; } = new("any", static stream => AudioDecoder.Open(stream, Source));

    /// <summary>Every target: one per decoder (its reader built directly, so no time goes on detection), then <see cref="Any"/>.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("wav", static stream => new WavReader(stream, Source)),
        new("mp3", static stream => new Mp3Reader(stream, Source)),
        new("ogg-vorbis", static stream => new OggVorbisReader(stream, Source)),
        new("ogg-opus", static stream => new OggOpusReader(stream, Source)),
        Any,
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Decodes <paramref name="input"/> through <see cref="Open"/> and <see cref="AudioDecoder"/>'s own read loop,
    /// up to <see cref="MaxSamples"/>.</summary>
    /// <exception cref="Exception">Any exception other than an <see cref="AudioDecodeException"/>, or an
    /// <see cref="AudioDecodeException"/> that wraps a programming error raised in MelGenre code (the decoder's catch-all
    /// must not hide our own bugs): a finding.</exception>
    public FuzzOutcome Run(byte[] input)
    {
        // Seekable, like the files the CLI reads.
        using var stream = new MemoryStream(input, writable: false);
        try
        {
            using var reader = Open(stream);
            AudioDecoder.ReadAll(reader, stream.Length, Source, MaxSamples);
            return FuzzOutcome.Decoded;
        }
        catch (AudioDecodeException e) when (!HidesOwnBug(e))
        {
            return FuzzOutcome.Rejected;
        }
    }

    /// <summary>True when the error's cause is a bug in our code (a null dereference, an index out of range…)
    /// that a catch-all turned into a typed error. Third-party decoder failures wrapped by our readers are the
    /// intended containment and pass.</summary>
    private static bool HidesOwnBug(AudioDecodeException error)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AudioDecodeException or IOException or OutOfMemoryException)
                continue;
            if (ThrowingAssembly(inner)?.StartsWith("MelGenre.", StringComparison.Ordinal) == true)
                return true;
        }
        return false;
    }

    /// <summary>The assembly of the innermost stack frame outside the base library and outside stream wrappers:
    /// where the failure really started. A stream relays its caller's arguments (NVorbis asking our guard stream for a
    /// negative count is NVorbis's bug), and the JIT may inline a wrapper's frame away anyway, so it is skipped.</summary>
    private static string? ThrowingAssembly(Exception e) =>
        new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod()?.DeclaringType)
            .Where(type => type is not null && !type.IsSubclassOf(typeof(Stream)))
            .Select(type => type!.Assembly.GetName().Name)
            .FirstOrDefault(name => name is not null && name != "System.Private.CoreLib" && !name.StartsWith("System.", StringComparison.Ordinal));
}
