namespace MelGenre.Model.Data;

/// <summary>
/// Clip id → artist, from B. L. Sturm's <c>GTZANindex.txt</c> (<c>blues.00000.wav ::: John Lee Hooker ::: title</c>;
/// lines starting with <c>##</c> are comments). Clip ids drop the extension and any folder (<c>blues.00000</c>).
/// </summary>
public sealed class ArtistIndex
{
    private const string Separator = ":::";

    // Cannot begin a trimmed artist name, so an unknown clip's group never equals a real artist.
    private const string UnknownGroupPrefix = "\u0000unknown:";

    private readonly Dictionary<string, string?> _artists;

    private ArtistIndex(Dictionary<string, string?> artists) => _artists = artists;

    /// <summary>Number of clips listed (with or without an artist).</summary>
    public int Count => _artists.Count;

    /// <summary>Reads the index file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A line that is neither a comment, blank, nor <c>clip ::: artist ::: title</c>.</exception>
    public static ArtistIndex Load(string path) => Parse(File.ReadLines(path));

    /// <summary>Parses index lines; a blank artist field means the artist is unknown. A clip listed twice keeps its
    /// last entry.</summary>
    /// <exception cref="InvalidDataException">A line that is neither a comment, blank, nor <c>clip ::: artist ::: title</c>.</exception>
    public static ArtistIndex Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var artists = new Dictionary<string, string?>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.StartsWith("##", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(line))
                continue;
            var fields = line.Split(Separator);
            if (fields.Length < 2 || string.IsNullOrWhiteSpace(fields[0]))
                throw new InvalidDataException($"Artist index line {number}: expected 'clip ::: artist ::: title', got '{line}'.");
            var artist = fields[1].Trim();
            artists[ClipIdOf(fields[0])] = artist.Length == 0 ? null : artist;
        }
        return new ArtistIndex(artists);
    }

    /// <summary>The clip id of a file name or relative path: <c>blues/blues.00000.wav</c> → <c>blues.00000</c>.</summary>
    public static string ClipIdOf(string fileOrPath) =>
        Path.GetFileNameWithoutExtension(fileOrPath.Trim().Replace('\\', '/').Split('/')[^1]);

    /// <summary>Whether the index lists <paramref name="clipId"/>.</summary>
    public bool Contains(string clipId) => _artists.ContainsKey(clipId);

    /// <summary>The artist of <paramref name="clipId"/>; null when unknown or not listed.</summary>
    public string? ArtistOf(string clipId) => _artists.GetValueOrDefault(clipId);

    /// <summary>The group to split by: the artist in lower case with runs of white space made one space (the index
    /// spells one artist both "Rage Against The Machine" and "Rage Against the Machine"), or for a clip whose artist is
    /// unknown (blank or not listed) a group of its own, so it shares a fold with no other clip and cannot leak an
    /// unnamed artist across folds.</summary>
    public string GroupOf(string clipId) =>
        ArtistOf(clipId) is { } artist
            ? string.Join(' ', artist.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            : UnknownGroupPrefix + clipId;
}
