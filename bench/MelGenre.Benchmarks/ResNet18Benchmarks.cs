using BenchmarkDotNet.Attributes;
using MelGenre.Model;
using static TorchSharp.torch;

namespace MelGenre.Benchmarks;

/// <summary>
/// Inference with the frozen ImageNet ResNet18 backbone (eval, no_grad): 224 × 224 images in, 512 features out,
/// for batches of 1 and 16 on 1 and 2 libtorch threads. These figures decide whether training recomputes the
/// backbone every epoch or caches its embeddings once. Needs the ResNet18 package restored (see ResNet18OnnxFiles).
/// </summary>
public class ResNet18Benchmarks
{
    private ImageNetResNet18? _network;
    private Tensor? _images;

    /// <summary>Images per forward pass.</summary>
    [Params(1, 16)]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize(Threads);
        _network = ImageNetResNet18.LoadPretrained();
        random.manual_seed(1);
        _images = randn(Batch, 3, 224, 224) * 60;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _images?.Dispose();
        _network?.Dispose();
    }

    [Benchmark]
    public void Forward224()
    {
        using var noGrad = no_grad();
        using var features = _network!.forward(_images!);
    }
}
