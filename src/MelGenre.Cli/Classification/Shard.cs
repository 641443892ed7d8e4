using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MelGenre.Cli.Classification;

/// <summary>
/// The share of the inputs one process takes when a library is split over many (<c>--shard I/N</c>, I from 0 to N − 1,
/// as Kubernetes' <c>JOB_COMPLETION_INDEX</c> or a Slurm array index gives it): a file belongs to shard
/// <c>SHA-256(path) mod N</c>. It depends on the path alone, so every shard decides alone, the N shards together take
/// every file exactly once, and adding files to the library never moves the others.
/// </summary>
/// <param name="Index">This shard, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">Number of shards, at least 1.</param>
internal readonly record struct Shard(int Index, int Count)
{
    /// <summary>Parses <c>I/N</c>; null and a message saying what is wrong when the text is not a shard.</summary>
    public static Shard? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count)
            return new Shard(index, count);
        error = $"--shard {text}: expected I/N with 0 ≤ I < N (e.g. 0/4 … 3/4).";
        return null;
    }

    /// <summary>Whether <paramref name="path"/> (exactly as listed) falls in this shard.</summary>
    public bool Contains(string path)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(path), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)Count) == Index;
    }
}
