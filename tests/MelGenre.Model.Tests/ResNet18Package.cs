using Microsoft.ML.OnnxRuntime;

namespace MelGenre.Model.Tests;

/// <summary>The ONNX files of the ResNet18 package, and ONNX Runtime as the reference that runs them.</summary>
internal static class ResNet18Package
{
    /// <summary>The path of a package file, or skips the test saying the package was not restored.</summary>
    public static string Require(string path)
    {
        if (!File.Exists(path))
            Assert.Skip($"{path} is absent: NuGet package {ResNet18OnnxFiles.PackageId} was not restored on this machine.");
        return path;
    }

    /// <summary>Runs a one-input, one-output ONNX file in ONNX Runtime, single-threaded, and returns its output.</summary>
    public static float[] RunOnnxRuntime(string path, float[] input, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [value], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Largest |a − b| and where it occurs.</summary>
    public static (float Diff, int Index) MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var (diff, index) = (0f, 0);
        for (var i = 0; i < a.Length; i++)
            if (Math.Abs(a[i] - b[i]) > diff)
                (diff, index) = (Math.Abs(a[i] - b[i]), i);
        return (diff, index);
    }
}
