using System.Collections.Frozen;

namespace MelGenre.Cli.Classification;

/// <summary>
/// The files one <c>classify</c> run works through, in a fixed order: each argument that is a file (or does not exist:
/// it will be reported), every audio file under a folder argument (recursively, ordinal path order, hidden entries
/// skipped), and for <c>-</c> the paths read from standard input, one per line. A path given twice is kept once.
/// </summary>
/// <param name="Files">The files, in order.</param>
/// <param name="Skipped">Files found in folders whose extension is not audio (covers, playlists, notes…): not
/// classified, only counted and named on stderr.</param>
internal sealed record InputList(IReadOnlyList<string> Files, IReadOnlyList<string> Skipped)
{
    /// <summary>The argument that stands for "read paths from standard input".</summary>
    public const string StandardInput = "-";

    /// <summary>Extensions of files taken from folders: the formats we decode, and what ffmpeg decodes for us.</summary>
    public static readonly FrozenSet<string> AudioExtensions = FrozenSet.ToFrozenSet(
        [".wav", ".wave", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".mp4", ".wma", ".aif", ".aiff", ".aifc",
         ".au", ".snd", ".caf", ".mka", ".webm", ".ape", ".wv", ".mpc", ".ac3", ".amr", ".mp2"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly EnumerationOptions Walk = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Expands the command line's inputs.</summary>
    /// <param name="arguments">Files, folders, or <see cref="StandardInput"/>.</param>
    /// <param name="standardInput">Read (to its end) when an argument is <see cref="StandardInput"/>.</param>
    public static InputList Expand(IEnumerable<string> arguments, TextReader standardInput)
    {
        var files = new List<string>();
        var skipped = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            if (argument == StandardInput)
            {
                while (standardInput.ReadLine() is { } line)
                {
                    var path = line.Trim();
                    if (path.Length > 0 && seen.Add(path))
                        files.Add(path);
                }
            }
            else if (Directory.Exists(argument))
            {
                var found = Directory.EnumerateFiles(argument, "*", Walk).Where(f => !IsHidden(f, argument)).ToList();
                found.Sort(StringComparer.Ordinal);
                foreach (var file in found)
                {
                    if (!AudioExtensions.Contains(Path.GetExtension(file)))
                        skipped.Add(file);
                    else if (seen.Add(file))
                        files.Add(file);
                }
            }
            else if (seen.Add(argument))
            {
                files.Add(argument);
            }
        }
        return new InputList(files, skipped);
    }

    /// <summary>Dot files and files inside dot folders below the root (Unix's hidden entries, which carry no attribute).</summary>
    private static bool IsHidden(string file, string root) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));
}
