namespace MelGenre.Web.Uploads;

/// <summary>
/// The name a client gave its upload, made safe to show: only a label in the JSON and the pictures' titles, never a
/// path on this machine.
/// </summary>
internal static class UploadName
{
    /// <summary>The label of an upload that came without a usable name.</summary>
    public const string Unnamed = "upload";

    /// <summary>Longest label kept, in characters (a file system's usual name limit).</summary>
    public const int MaxLength = 255;

    /// <summary>The file name part of <paramref name="clientName"/> (after the last <c>/</c> or <c>\</c>, as browsers of
    /// old sent whole paths) without control characters, trimmed, at most <see cref="MaxLength"/> characters;
    /// <see cref="Unnamed"/> when nothing is left.</summary>
    public static string Sanitise(string? clientName)
    {
        if (string.IsNullOrEmpty(clientName))
            return Unnamed;
        var name = clientName[(clientName.LastIndexOfAny(['/', '\\']) + 1)..];
        name = string.Concat(name.Where(c => !char.IsControl(c))).Trim();
        if (name.Length > MaxLength)
            name = name[..(char.IsHighSurrogate(name[MaxLength - 1]) ? MaxLength - 1 : MaxLength)];
        return name.Length == 0 || name is "." or ".." ? Unnamed : name;
    }
}
