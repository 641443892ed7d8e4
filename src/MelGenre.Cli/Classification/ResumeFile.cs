using System.Text;
using System.Text.Json;

namespace MelGenre.Cli.Classification;

/// <summary>
/// What an interrupted <c>classify --format jsonl --out FILE --resume</c> run already wrote: the <c>file</c> of every
/// complete line. A last line cut short by the interruption is removed from the file, so the rerun appends whole lines
/// only and each file ends up in it exactly once.
/// </summary>
internal static class ResumeFile
{
    /// <summary>The files already in <paramref name="path"/> (none when it does not exist); trims a partial last line.</summary>
    /// <exception cref="InvalidDataException">A complete line that is not a classify result: not our file, so it is
    /// left alone.</exception>
    public static HashSet<string> ReadDone(string path)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return done;
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        var complete = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, complete).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lineNumber++;
            done.Add(FileOf(line) ?? throw new InvalidDataException(
                $"{path}: line {lineNumber} is not a classify result; cannot resume into this file."));
        }
        if (complete < bytes.Length)
            file.SetLength(complete);
        return done;
    }

    private static string? FileOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String
                ? file.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
