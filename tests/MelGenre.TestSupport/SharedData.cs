using Xunit;

namespace MelGenre.TestSupport;

/// <summary>
/// Finds the read-only <c>shared/</c> folder (data the tests read at run time, never copied into the repo):
/// <c>$MELGENRE_SHARED</c> if set, else <c>../shared</c> beside the repository root.
/// </summary>
public static class SharedData
{
    /// <summary>The environment variable that overrides the location of <c>shared/</c>.</summary>
    public const string EnvironmentVariable = "MELGENRE_SHARED";

    /// <summary>The <c>shared/</c> folder, or null when it is absent.</summary>
    public static string? Root { get; } = Locate();

    /// <summary>The path of <paramref name="relative"/> under <c>shared/data/</c>; skips the calling test when absent.</summary>
    public static string RequirePath(string relative)
    {
        var root = Root ?? throw SkipException($"shared data folder not found (set {EnvironmentVariable} or place it at ../shared beside the repository)");
        var path = Path.Combine(root, "data", relative);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw SkipException($"shared data file missing: {path}");
        return path;
    }

    private static Exception SkipException(string reason)
    {
        Assert.Skip(reason);
        return new InvalidOperationException("unreachable: Assert.Skip throws");
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MelGenre.slnx")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }
        return null;
    }
}
