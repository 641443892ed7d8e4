using System.Buffers.Binary;
using MelGenre.Audio;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Decoding.Flac;
using MelGenre.Audio.Decoding.Wav;
using MelGenre.Audio.Decoding.Mp3;
using MelGenre.Audio.Decoding.Ogg;

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
/// One decoder under test: how to open a reader on an input. <see cref="Run(byte[])"/> decodes an input the way
/// <see cref="AudioDecoder"/> does, and lets through (as a finding) everything that is not a clean result or a typed
/// refusal. Shared by the afl harness and the regression-corpus test, so both judge an input alike.
/// </summary>
/// <param name="Name">The target's command-line name; also its seed and regression folder name.</param>
/// <param name="Open">Opens a reader on a seekable input.</param>
/// <param name="FixOggCrcs">Give every whole Ogg page a correct CRC before decoding: a mutated page otherwise dies at
/// the checksum and the fuzzer never reaches the codec behind it.</param>
public sealed record FuzzTarget(string Name, Func<Stream, IAudioReader> Open, bool FixOggCrcs = false)
{
    /// <summary>Samples decoded before stopping: a legitimately long output is not a hang (4 MiB of floats).</summary>
    public const int MaxSamples = 1 << 20;

    /// <summary>The name errors give the input.</summary>
    private const string Source = "fuzz-input";

    /// <summary>Sniffs the format as <see cref="AudioDecoder.Open(Stream, string?)"/> does, minus the catch-all that
    /// turns any exception into an <see cref="AudioDecodeException"/> (it would hide the bugs we are looking for).</summary>
    public static FuzzTarget Any { get; } = new("any", static stream => AudioDecoder.OpenProbed(stream, Source, leaveOpen: true));

    /// <summary>Every target: one per decoder (its reader built directly, so no time goes on detection), then <see cref="Any"/>.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("wav", static stream => new WavReader(stream, Source)),
        new("flac", static stream => new FlacReader(stream, Source)),
        new("mp3", static stream => new Mp3Reader(stream, Source)),
        new("ogg-vorbis", static stream => new OggVorbisReader(stream, Source), FixOggCrcs: true),
        new("ogg-opus", static stream => new OggOpusReader(stream, Source), FixOggCrcs: true),
        Any,
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Decodes <paramref name="input"/> through <see cref="Open"/> and <see cref="AudioDecoder"/>'s own read loop,
    /// up to <see cref="MaxSamples"/>.</summary>
    /// <exception cref="Exception">Any exception other than an <see cref="AudioDecodeException"/>: a finding. (A reader
    /// that wraps a third-party decoder's failure in an <see cref="AudioDecodeException"/> has contained it.)</exception>
    public FuzzOutcome Run(byte[] input) => Run(input, out _);

    /// <inheritdoc cref="Run(byte[])" path="/summary"/>
    /// <param name="input">The file's bytes.</param>
    /// <param name="refusal">Why the decoder refused the input, when it did.</param>
    public FuzzOutcome Run(byte[] input, out string? refusal)
    {
        refusal = null;
        // Seekable, like the files the CLI reads.
        using var stream = new MemoryStream(FixOggCrcs ? WithValidOggCrcs(input) : input, writable: false);
        try
        {
            using var reader = Open(stream);
            AudioDecoder.ReadAll(reader, stream.Length, Source, MaxSamples);
            return FuzzOutcome.Decoded;
        }
        catch (AudioDecodeException e)
        {
            refusal = $"{e.Kind}: {e.Reason}";
            return FuzzOutcome.Rejected;
        }
    }

    /// <summary>A copy of <paramref name="input"/> in which every whole page (from an <c>OggS</c> capture pattern to
    /// the end of the body its lacing values announce) carries its correct CRC.</summary>
    private static byte[] WithValidOggCrcs(byte[] input)
    {
        const int HeaderSize = 27;
        var bytes = (byte[])input.Clone();
        for (var at = 0; at + HeaderSize <= bytes.Length;)
        {
            if (!bytes.AsSpan(at, 4).SequenceEqual("OggS"u8))
            {
                at++;
                continue;
            }
            var segments = bytes[at + 26];
            if (at + HeaderSize + segments > bytes.Length)
                break;
            var length = HeaderSize + segments;
            foreach (var lacing in bytes.AsSpan(at + HeaderSize, segments))
                length += lacing;
            if (at + length > bytes.Length)
                break;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 22), OggPacketReader.Crc(bytes.AsSpan(at, length)));
            at += length;
        }
        return bytes;
    }
}
