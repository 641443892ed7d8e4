namespace MelGenre.Audio.Decoding;

/// <summary>For readers whose decoder must seek: a pipe-like input is held in memory instead.</summary>
internal static class SeekableStreams
{
    /// <summary>
    /// <paramref name="stream"/> itself when it can seek; otherwise its remaining bytes in a <see cref="MemoryStream"/>
    /// (the original is disposed, since the reader owns it).
    /// </summary>
    public static Stream Ensure(Stream stream)
    {
        if (stream.CanSeek)
            return stream;
        var copy = new MemoryStream();
        using (stream)
            stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
