namespace MelGenre.Model.Data;

/// <summary>
/// The labelled audio files of a folder-per-label tree (the GTZAN / Kaggle layout <c>root/genre/genre.00012.wav</c>),
/// optionally restricted to the entries of a list file. Labels are the names of the folders holding at least one
/// audio file, sorted ordinally, taken from the whole tree even when a list restricts the clips, so a train and a
/// validation list of the same tree number their labels alike.
/// </summary>
public sealed class LabeledDataset
{
    /// <summary>File extensions scanned by default (lower case, with the dot): the formats <c>AudioDecoder</c> reads
    /// itself (WAV, FLAC, Ogg Vorbis/Opus, MP3) and the common ones it hands to ffmpeg.</summary>
    public static readonly IReadOnlySet<string> DefaultExtensions = new HashSet<string>(StringComparer.Ordinal)
    {
        ".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".aif", ".aiff", ".wma",
    };

    private LabeledDataset(string root, IReadOnlyList<string> labels, IReadOnlyList<LabeledClip> clips, IReadOnlyList<string> unmatched)
    {
        Root = root;
        Labels = labels;
        Clips = clips;
        UnmatchedEntries = unmatched;
    }

    /// <summary>Full path of the scanned root folder.</summary>
    public string Root { get; }

    /// <summary>Label names, sorted ordinally; a clip's <see cref="LabeledClip.LabelIndex"/> points into it.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The clips, ordered by relative path (ordinal).</summary>
    public IReadOnlyList<LabeledClip> Clips { get; }

    /// <summary>List entries that name no file of the tree, as written in the list, in list order. Always empty
    /// without a list. Reported rather than thrown: GTZAN's split lists name all 1000 clips while a partial copy holds
    /// fewer, so unmatched entries are expected there; callers that need every entry check this is empty.</summary>
    public IReadOnlyList<string> UnmatchedEntries { get; }

    /// <summary>Scans <paramref name="root"/>: every file with an audio extension directly inside a first-level
    /// folder (hidden files and folders skipped; files at the root or deeper are not clips).</summary>
    /// <param name="root">The dataset folder.</param>
    /// <param name="extensions">Extensions to accept, lower case with the dot; null: <see cref="DefaultExtensions"/>.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    public static LabeledDataset Scan(string root, IReadOnlySet<string>? extensions = null) =>
        Create(root, entries: null, extensions);

    /// <summary>Scans <paramref name="root"/> like <see cref="Scan(string, IReadOnlySet{string})"/>, keeping only the
    /// files named by the list file at <paramref name="listPath"/> (see <see cref="Restrict"/> for its format).</summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">No list file.</exception>
    /// <exception cref="InvalidDataException">An entry without exact match names several files by its stem.</exception>
    public static LabeledDataset ScanList(string root, string listPath, IReadOnlySet<string>? extensions = null) =>
        Create(root, File.ReadLines(listPath), extensions);

    /// <summary>
    /// Scans <paramref name="root"/> keeping only the files named by <paramref name="listLines"/>: one path relative
    /// to the root per line (<c>\</c> or <c>/</c>, optional leading <c>./</c>); blank lines and lines starting with
    /// <c>#</c> are ignored, repeated entries count once. An entry matches the file at that relative path (ordinal,
    /// case-sensitive), or else the one file whose relative path without extension equals the entry's without
    /// extension: GTZAN's lists name <c>blues/blues.00029.wav</c> where a copy holds <c>blues/blues.00029.ogg</c>.
    /// Entries matching nothing land in <see cref="UnmatchedEntries"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">An entry without exact match names several files by its stem.</exception>
    public static LabeledDataset Restrict(string root, IEnumerable<string> listLines, IReadOnlySet<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(listLines);
        return Create(root, listLines, extensions);
    }

    private static LabeledDataset Create(string root, IEnumerable<string>? entries, IReadOnlySet<string>? extensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        extensions ??= DefaultExtensions;
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
            throw new DirectoryNotFoundException($"Dataset folder not found: {fullRoot}");

        var files = new List<(string Label, string Path, string Relative)>();
        foreach (var folder in Directory.EnumerateDirectories(fullRoot))
        {
            var label = Path.GetFileName(folder);
            if (label.StartsWith('.'))
                continue;
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith('.') && extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                    files.Add((label, file, label + "/" + name));
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        var labels = files.Select(f => f.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);

        IEnumerable<(string Label, string Path, string Relative)> kept = files;
        var unmatched = new List<string>();
        if (entries is not null)
        {
            var byPath = files.ToDictionary(f => f.Relative, StringComparer.Ordinal);
            var byStem = files.ToLookup(f => WithoutExtension(f.Relative), StringComparer.Ordinal);
            var chosen = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var line in entries)
            {
                var entry = line.Trim();
                if (entry.Length == 0 || entry.StartsWith('#'))
                    continue;
                var relative = Normalize(entry);
                if (byPath.ContainsKey(relative))
                {
                    chosen.Add(relative);
                    continue;
                }
                var candidates = byStem[WithoutExtension(relative)].ToArray();
                if (candidates.Length > 1)
                    throw new InvalidDataException(
                        $"List entry '{entry}' matches {candidates.Length} files by name without extension: " +
                        string.Join(", ", candidates.Select(c => c.Relative)));
                if (candidates.Length == 1)
                    chosen.Add(candidates[0].Relative);
                else
                    unmatched.Add(entry);
            }
            kept = chosen.Select(r => byPath[r]);
        }

        var clips = kept
            .Select(f => new LabeledClip(f.Path, f.Relative, Path.GetFileNameWithoutExtension(f.Path), f.Label, labelIndex[f.Label]))
            .ToArray();
        return new LabeledDataset(fullRoot, labels, clips, unmatched.Distinct(StringComparer.Ordinal).ToArray());
    }

    private static string Normalize(string entry)
    {
        var relative = entry.Replace('\\', '/');
        while (relative.StartsWith("./", StringComparison.Ordinal))
            relative = relative[2..];
        return relative;
    }

    private static string WithoutExtension(string relative)
    {
        var slash = relative.LastIndexOf('/');
        var dot = relative.LastIndexOf('.');
        return dot > slash + 1 ? relative[..dot] : relative;
    }
}
