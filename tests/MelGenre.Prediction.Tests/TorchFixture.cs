using MelGenre.Model;

[assembly: AssemblyFixture(typeof(MelGenre.Prediction.Tests.TorchFixture))]
// libtorch's thread count and random generator are process-wide: tests that seed must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MelGenre.Prediction.Tests;

/// <summary>Loads libtorch once for the test assembly, single-threaded so results do not depend on the machine.</summary>
public sealed class TorchFixture
{
    public TorchFixture() => TorchRuntime.Initialize(TinyModel.Threads);
}
