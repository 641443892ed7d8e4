using System.Security.Cryptography;

namespace MelGenre.Model.Data;

/// <summary>What the on-disk caches (<see cref="FeatureCache"/>, <see cref="Embeddings.EmbeddingCache"/>) share: content
/// keys and whole-file writes.</summary>
internal static class CacheFile
{
    /// <summary>Hex SHA-256 of the file's bytes: the part of an entry's name that identifies the audio.</summary>
    public static string ContentHash(string audioPath)
    {
        using var file = File.OpenRead(audioPath);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary file and renames it to <paramref name="entry"/>, so
    /// readers never see half a file.</summary>
    public static void WriteAtomically(string entry, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        var temporary = entry + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, entry, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
