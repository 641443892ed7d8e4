using TorchSharp;
using static TorchSharp.torch;

namespace MelGenre.Model.Training;

/// <summary>
/// Exponential moving average of a network's weights (Polyak averaging), kept in a second instance of the same
/// architecture: <c>average ← decay · average + (1 − decay) · live</c> after every step. Batch-norm statistics
/// are copied, not averaged: they describe the live weights' activations and are already running averages.
/// Early on the decay is lowered to <c>(1 + t) / (10 + t)</c> after t updates, so the average forgets the random
/// initial weights within the first epochs. The caller owns both networks.
/// </summary>
internal sealed class WeightAverage
{
    private readonly (Tensor Average, Tensor Live)[] _parameters;
    private readonly (Tensor Average, Tensor Live)[] _buffers;
    private readonly double _decay;
    private long _updates;

    public WeightAverage(nn.Module live, nn.Module average, double decay)
    {
        _decay = decay;
        Average = average;
        _parameters = Pair(average.named_parameters().Select(p => (p.name, (Tensor)p.parameter)),
            live.named_parameters().Select(p => (p.name, (Tensor)p.parameter)));
        _buffers = Pair(average.named_buffers(), live.named_buffers());
        using var noGrad = no_grad();
        foreach (var (avg, cur) in _parameters.Concat(_buffers))
            avg.copy_(cur);
    }

    /// <summary>The averaged network (same architecture as the live one).</summary>
    public nn.Module Average { get; }

    /// <summary>Folds the live weights into the average; call after every optimiser step.</summary>
    public void Update()
    {
        using var noGrad = no_grad();
        _updates++;
        var decay = Math.Min(_decay, (1.0 + _updates) / (10.0 + _updates));
        using var keep = decay.ToScalar();
        using var take = (1 - decay).ToScalar();
        foreach (var (avg, cur) in _parameters)
            avg.mul_(keep).add_(cur, alpha: take);
        foreach (var (avg, cur) in _buffers)
            avg.copy_(cur);
    }

    private static (Tensor, Tensor)[] Pair(IEnumerable<(string Name, Tensor Tensor)> average, IEnumerable<(string Name, Tensor Tensor)> live)
    {
        var byName = live.ToDictionary(p => p.Name, p => p.Tensor);
        return average.Select(p => (p.Tensor, byName[p.Name])).ToArray();
    }
}
