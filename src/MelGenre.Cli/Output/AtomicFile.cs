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
        ArgumentNullException.ThrowIfNull(write);
        using var pending = Create(path);
        write(pending.Stream);
        pending.Commit();
    }

    /// <summary>Writes <paramref name="bytes"/> (for example a PNG) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) =>
        Write(path, stream => stream.Write(bytes.Span));

    /// <summary>Starts writing <paramref name="path"/> piece by piece: write to <see cref="PendingFile.Stream"/>, then
    /// <see cref="PendingFile.Commit"/>; disposing without committing leaves the target as it was.</summary>
    /// <param name="path">Target file; its folder must exist.</param>
    public static PendingFile Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"{path} has no folder.", nameof(path));
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        return new PendingFile(fullPath, temporary);
    }
}

/// <summary>A file being written atomically (see <see cref="AtomicFile.Create"/>).</summary>
public sealed class PendingFile : IDisposable
{
    private readonly string _target;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private bool _committed;

    internal PendingFile(string target, string temporary)
    {
        _target = target;
        _temporary = temporary;
        _stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>Where to write the content.</summary>
    public Stream Stream => _stream;

    /// <summary>Flushes the content to disk and renames it over the target.</summary>
    public void Commit()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporary, _target, overwrite: true);
        _committed = true;
    }

    /// <summary>Deletes the temporary file unless <see cref="Commit"/> renamed it.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (!_committed)
            File.Delete(_temporary);
    }
}
