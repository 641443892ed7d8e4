[assembly: AssemblyFixture(typeof(MelGenre.Model.Tests.TorchFixture))]
// libtorch's thread count and random generator are process-wide: tests that seed or train must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MelGenre.Model.Tests;

/// <summary>Loads libtorch once for the test assembly, single-threaded so results do not depend on the machine.</summary>
public sealed class TorchFixture
{
    public const int Threads = 1;

    public TorchFixture() => TorchRuntime.Initialize(Threads);
}
