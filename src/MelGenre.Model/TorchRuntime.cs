using TorchSharp;

namespace MelGenre.Model;

/// <summary>
/// Process-wide libtorch settings, set in this one place before any tensor work (training, inference, tests).
/// </summary>
/// <remarks>
/// libtorch runs its intra-op parallelism (convolutions, matmuls) on an OpenMP pool that by default has one
/// thread per core, and OpenMP workers spin-wait for a while after every parallel region instead of sleeping.
/// On a small machine that is busy with other work (CI, the web host's request threads, a decoding thread
/// pool) those spinning workers take cores from the threads that have real work, so more threads make each
/// step slower, not faster. The count is therefore always chosen on purpose by the caller. The setting is
/// global to the process; calls are not meant to race with tensor work on other threads.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>
    /// Loads libtorch (CPU) and sets its intra-op thread count. Safe to call again to change the count.
    /// </summary>
    /// <param name="threads">Threads libtorch may use for one operation; at least 1. One is the right choice
    /// on a shared two-core machine; a dedicated trainer may use the number of physical cores.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    /// <exception cref="NotSupportedException">The native libraries could not be loaded (see docs/TORCHSHARP.md).</exception>
    public static void Initialize(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        QuietNativeWarnings();
        KeepFreedMemory();
        torch.InitializeDeviceType(DeviceType.CPU);
        torch.set_num_threads(threads);
        Threads = threads;
    }

    /// <summary>The thread count of the last <see cref="Initialize"/> (0 before it).</summary>
    public static int Threads { get; private set; }

    /// <summary>
    /// Applies <see cref="Threads"/> to the calling thread. OpenMP keeps the thread count per thread, and libtorch
    /// copies its global setting into a new thread only once, on its first parallel operation: a long-lived thread
    /// that runs networks (a classifier's) calls this when it starts, so the count it uses is the one chosen. Before
    /// any <see cref="Initialize"/> it does nothing (libtorch's default applies).
    /// </summary>
    public static void ApplyToCurrentThread()
    {
        if (Threads > 0)
            torch.set_num_threads(Threads);
    }

    /// <summary>
    /// libtorch logs warnings such as "Could not initialize NNPACK! Reason: Unsupported hardware." straight to stderr,
    /// where our CLI promises one line per failed input. c10 reads <c>TORCH_CPP_LOG_LEVEL</c> when it loads, from the
    /// C environment: .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach it on
    /// Linux, so it is set with libc's setenv, before the first tensor, unless the user chose a level.
    /// </summary>
    private static void QuietNativeWarnings()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(LogLevelVariable) is null)
            _ = SetEnvironment(LogLevelVariable, "ERROR", overwrite: 0);
    }

    private const string LogLevelVariable = "TORCH_CPP_LOG_LEVEL";

    /// <summary>
    /// libtorch allocates every activation afresh. glibc serves blocks above its mmap threshold (128 KB, rising
    /// with use) with fresh mmap'd pages and unmaps them on free, so each layer of each batch page-faults its
    /// output in again; on this project's VM that made a CNN forward 3× slower, erratically (2.2 ms against 6–10 ms
    /// per patch, with high system time). Keeping blocks up to 32 MB (glibc's largest mmap threshold) on the heap,
    /// and not trimming the heap below 1 GB of free space, lets freed activations be reused.
    /// </summary>
    private static void KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
            return;
        _ = SetMallocOption(MallocMmapThreshold, 32 << 20);
        _ = SetMallocOption(MallocTrimThreshold, 1 << 30);
    }

    private const int MallocTrimThreshold = -1;
    private const int MallocMmapThreshold = -3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mallopt")]
    private static extern int SetMallocOption(int parameter, int value);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment(string name, string value, int overwrite);
}
