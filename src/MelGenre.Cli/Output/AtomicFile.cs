namespace MelGenre.Cli.Output;

/// <summary>
/// Writes files so that readers see either the old file or the complete new one, never a half-written file:
/// the content goes to a temporary file in the same folder (same file system, so the rename is atomic), which is
/// flushed to disk and then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, replacing any existing file atomically.</summary>
    /// <param name="path">Target file; its folder must exist.</param>
    /// <param name="write">Writes the whole content to the stream it is given. If it throws, the target is left as it was.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"{path} has no folder.", nameof(path));
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> (for example a PNG) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) =>
        Write(path, stream => stream.Write(bytes.Span));
}
