using System.CommandLine;
using MelGenre.Features.Mel;
using MelGenre.Model.Data;

namespace MelGenre.Cli.Commands.Training;

/// <summary>Loads a labelled dataset's clips and their (cached) log-mel features, reporting progress on stderr.</summary>
internal static class DatasetFeatures
{
    /// <summary><c>--data DIR</c>, required by every verb that reads a labelled dataset.</summary>
    public static Option<string> DataOption() =>
        new("--data") { Description = "Dataset folder: one sub-folder per genre holding its audio files.", Required = true };

    /// <summary>Clips of <paramref name="dataFolder"/> (a folder per label), restricted to <paramref name="listFile"/> when given.</summary>
    /// <exception cref="DirectoryNotFoundException">No such data folder.</exception>
    /// <exception cref="FileNotFoundException">No such list file.</exception>
    /// <exception cref="InvalidDataException">A list entry matches several files.</exception>
    public static LabeledDataset Scan(string dataFolder, string? listFile, TextWriter log)
    {
        var dataset = listFile is null ? LabeledDataset.Scan(dataFolder) : LabeledDataset.ScanList(dataFolder, listFile);
        if (dataset.UnmatchedEntries.Count > 0)
            log.WriteLine($"melgenre: {listFile}: {dataset.UnmatchedEntries.Count} entries match no file in {dataFolder} (first: {dataset.UnmatchedEntries[0]})");
        return dataset;
    }

    /// <summary>Log-mel features of every clip, from the cache or computed (two decoding threads); undecodable clips
    /// are reported and left out.</summary>
    public static IReadOnlyList<ClipFeatures> Load(IReadOnlyList<LabeledClip> clips, LogMelOptions options, TextWriter log)
    {
        var cache = new FeatureCache(options: options);
        var step = Math.Max(1, clips.Count / 10);
        var progress = new SynchronousProgress<FeatureProgress>(p =>
        {
            if (p.Done % step == 0 || p.Done == p.Total)
                log.WriteLine($"features {p.Done}/{p.Total} ({p.Computed} computed, {p.Done - p.Computed - p.Failed} cached, {p.Failed} failed)");
        });
        var set = cache.Load(clips, maxParallelism: 2, progress);
        foreach (var failure in set.Failures)
            log.WriteLine($"melgenre: {failure.Clip.Path}: {failure.Error.Reason} (left out)");
        return set.Features;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order (the framework's
/// <see cref="Progress{T}"/> posts to the thread pool, so lines could interleave or arrive after the work ended).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _lock = new();

    public void Report(T value)
    {
        lock (_lock)
            report(value);
    }
}
