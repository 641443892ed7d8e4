namespace MelGenre.Benchmarks;

/// <summary>Files the benchmarks read from the checkout they were built in and from the shared data beside it.</summary>
internal static class RepositoryFiles
{
    /// <summary>The checkout: the nearest folder above the benchmark binaries that holds MelGenre.slnx.</summary>
    public static string Root { get; } = LocateRoot();

    /// <summary>The shipped default model.</summary>
    public static string DefaultModel => Path.Combine(Root, "models", "default");

    /// <summary>A file of the shared data: <c>$MELGENRE_SHARED/data/…</c>, else <c>../shared/data/…</c> beside the checkout.</summary>
    /// <exception cref="FileNotFoundException">The shared data is not there.</exception>
    public static string SharedData(string relative)
    {
        var shared = Environment.GetEnvironmentVariable("MELGENRE_SHARED") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Root, "..", "shared");
        var path = Path.GetFullPath(Path.Combine(shared, "data", relative));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Shared data file not found (set MELGENRE_SHARED): {path}", path);
    }

    private static string LocateRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MelGenre.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No MelGenre.slnx above {AppContext.BaseDirectory}: run the benchmarks from a build inside the checkout.");
    }
}
