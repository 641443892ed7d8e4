namespace MelGenre.Cli.Output;

/// <summary>File formats a matrix (spectrogram) can be written in.</summary>
public enum OutputFormat
{
    /// <summary>NumPy .npy, float32, C order, shape [rows, frames].</summary>
    Npy,
    /// <summary>Comma-separated text, one line per row.</summary>
    Csv,
    /// <summary>A picture drawn like librosa.display.specshow.</summary>
    Png,
}

/// <summary>Maps file extensions to <see cref="OutputFormat"/> and back.</summary>
public static class OutputFormats
{
    /// <summary>The format a path's extension names, or null for an extension we do not write.</summary>
    public static OutputFormat? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".npy" => OutputFormat.Npy,
        ".csv" => OutputFormat.Csv,
        ".png" => OutputFormat.Png,
        _ => null,
    };

    /// <summary>The extension, with its dot, files of <paramref name="format"/> get.</summary>
    public static string Extension(OutputFormat format) => "." + format.ToString().ToLowerInvariant();
}
