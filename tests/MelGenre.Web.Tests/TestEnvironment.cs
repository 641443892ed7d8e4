using System.Runtime.CompilerServices;

[assembly: AssemblyFixture(typeof(MelGenre.Web.Tests.SharedServer))]
// The temp-folder census must see only this assembly's work, and servers share libtorch's process-wide settings.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MelGenre.Web.Tests;

/// <summary>
/// Where the tests keep files: their own audio under the machine's temp folder, and TMPDIR pointed at a fresh empty
/// folder before anything runs, so that any temporary file the server made would show up there.
/// </summary>
internal static class TestEnvironment
{
    public static string MachineTemp { get; } = Path.GetTempPath();

    public static string ServerTemp { get; } = Path.Combine(MachineTemp, "melgenre-web-tests-tmp-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every file under <see cref="ServerTemp"/>.</summary>
    public static string[] ServerTempFiles() => Directory.GetFiles(ServerTemp, "*", SearchOption.AllDirectories);

    [ModuleInitializer]
    internal static void RedirectTemp()
    {
        Directory.CreateDirectory(ServerTemp);
        Environment.SetEnvironmentVariable("TMPDIR", ServerTemp);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", ServerTemp);
    }
}
