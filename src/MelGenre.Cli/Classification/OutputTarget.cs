using System.Text;
using MelGenre.Cli.Output;

namespace MelGenre.Cli.Classification;

/// <summary>
/// Where classify results go: stdout; a file written atomically (it appears, complete, when the run ends); or, with
/// <c>--resume</c>, a file appended to line by line and flushed after each, so an interruption loses at most the line
/// being written (which the next run's <see cref="ResumeFile"/> trims).
/// </summary>
internal sealed class OutputTarget : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly PendingFile? _pending;
    private bool _ownsWriter;

    private OutputTarget(TextWriter writer, PendingFile? pending, bool ownsWriter)
    {
        Writer = writer;
        _pending = pending;
        _ownsWriter = ownsWriter;
    }

    /// <summary>Where to write.</summary>
    public TextWriter Writer { get; }

    /// <summary>The command's standard output (left open).</summary>
    public static OutputTarget Standard(TextWriter output) => new(output, null, ownsWriter: false);

    /// <summary>A file replaced atomically at <see cref="Commit"/>.</summary>
    public static OutputTarget Atomic(string path)
    {
        var pending = AtomicFile.Create(path);
        return new OutputTarget(new StreamWriter(pending.Stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" }, pending, ownsWriter: true);
    }

    /// <summary>A file appended to (created when missing).</summary>
    public static OutputTarget Append(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new OutputTarget(new StreamWriter(stream, Utf8) { NewLine = "\n" }, null, ownsWriter: true);
    }

    /// <summary>Makes what was written so far durable for readers: pushed to the file or the pipe.</summary>
    public void Flush() => Writer.Flush();

    /// <summary>Ends the output: flushes, and renames an atomic file over its target.</summary>
    public void Commit()
    {
        Writer.Flush();
        if (_ownsWriter)
        {
            // Closed before the rename; a StreamWriter disposed twice would flush into the closed file.
            Writer.Dispose();
            _ownsWriter = false;
        }
        _pending?.Commit();
    }

    /// <summary>Closes a file (an atomic one not committed is deleted, leaving the target as it was).</summary>
    public void Dispose()
    {
        if (_ownsWriter)
            Writer.Dispose();
        _pending?.Dispose();
    }
}
