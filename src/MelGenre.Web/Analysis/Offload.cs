namespace MelGenre.Web.Analysis;

/// <summary>
/// Runs an analysis on a thread of its own: decoding and features take seconds of CPU and read uploads synchronously,
/// which must tie up neither Kestrel's I/O threads nor the shared thread pool. The rate limiter bounds how many such
/// threads exist at once (<see cref="WebOptions.MaxConcurrentAnalyses"/>).
/// </summary>
internal static class Offload
{
    public static Task<T> Run<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
