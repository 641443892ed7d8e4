using MelGenre.Model.Training;
using static TorchSharp.torch;

namespace MelGenre.Model.Tests.Training;

public sealed class WeightAverageTests
{
    private const double Tolerance = 1e-6;

    /// <summary>A linear layer followed by batch norm: parameters to average and running statistics to copy.</summary>
    private static nn.Module<Tensor, Tensor> Net() => nn.Sequential(("linear", nn.Linear(3, 2)), ("norm", nn.BatchNorm1d(2)));

    private static void FillParameters(nn.Module module, double value)
    {
        using var noGrad = no_grad();
        foreach (var p in module.parameters())
            p.fill_(value);
    }

    private static float[] Values(Tensor t) => t.detach().contiguous().data<float>().ToArray();

    /// <summary>
    /// Closed form of ∏_{t=1..n} min(d, (1 + t)/(10 + t)). The warm-up factors telescope over the m updates where
    /// (1 + t)/(10 + t) ≤ d, i.e. t ≤ (10d − 1)/(1 − d): ∏_{t=1..m} (t + 1)/(t + 10) = 10! (m + 1)! / (m + 10)!
    /// = ∏_{k=2..10} k/(m + k); each later update multiplies by d.
    /// </summary>
    private static double DecayProduct(double decay, int updates)
    {
        var warmUp = (int)Math.Min(updates, Math.Floor((10 * decay - 1) / (1 - decay)));
        double product = 1;
        for (var k = 2; k <= 10; k++)
            product *= (double)k / (warmUp + k);
        return product * Math.Pow(decay, updates - warmUp);
    }

    [Theory]
    [InlineData(0.998, 1)]
    [InlineData(0.998, 20)]
    [InlineData(0.5, 20)]
    [InlineData(0.8, 40)]
    public void Average_of_a_constant_after_a_start_value_decays_geometrically_with_warm_up(double decay, int updates)
    {
        const double start = 2, target = -1;
        using var live = Net();
        using var average = Net();
        FillParameters(live, start);
        var averager = new WeightAverage(live, average, decay);

        FillParameters(live, target);
        for (var i = 0; i < updates; i++)
            averager.Update();

        // a_n = target + (start − target) · ∏ d_t: every update moves the average a fraction (1 − d_t) towards target.
        var expected = target + (start - target) * DecayProduct(decay, updates);
        foreach (var (name, parameter) in average.named_parameters())
            foreach (var value in Values(parameter))
                Assert.True(Math.Abs(value - expected) <= Tolerance,
                    $"{name} = {value:R} after {updates} updates with decay {decay}, expected {expected:R} ± {Tolerance}");
    }

    [Fact]
    public void Averages_a_varying_sequence_by_the_recurrence()
    {
        const double decay = 0.6;
        double[] sequence = [0.5, 1.5, -2, 3, 0.25, 4, -1, 2, 2, 0, 1, -3];
        using var live = Net();
        using var average = Net();
        FillParameters(live, 1);
        var averager = new WeightAverage(live, average, decay);

        double expected = 1;
        for (var t = 1; t <= sequence.Length; t++)
        {
            FillParameters(live, sequence[t - 1]);
            averager.Update();
            var d = Math.Min(decay, (1.0 + t) / (10.0 + t));
            expected = d * expected + (1 - d) * sequence[t - 1];
        }

        foreach (var (name, parameter) in average.named_parameters())
            foreach (var value in Values(parameter))
                Assert.True(Math.Abs(value - expected) <= Tolerance, $"{name} = {value:R}, expected {expected:R} ± {Tolerance}");
    }

    [Fact]
    public void Starts_as_a_copy_and_copies_batch_norm_statistics_instead_of_averaging_them()
    {
        using var live = Net();
        using var average = Net();
        FillParameters(average, 9);
        var averager = new WeightAverage(live, average, 0.998);

        foreach (var ((name, a), (_, l)) in average.named_parameters().Zip(live.named_parameters()))
            Assert.True(Values(a).SequenceEqual(Values(l)), $"{name} was not copied from the live network at construction");

        using (no_grad())
        {
            foreach (var (_, buffer) in live.named_buffers())
                buffer.add_(5);
        }
        averager.Update();

        foreach (var ((name, a), (_, l)) in average.named_buffers().Zip(live.named_buffers()))
            Assert.True(Values(a.to_type(ScalarType.Float32)).SequenceEqual(Values(l.to_type(ScalarType.Float32))),
                $"buffer {name} differs from the live network's after an update: [{string.Join(", ", Values(a.to_type(ScalarType.Float32)))}]");
    }

    [Fact]
    public void Decay_zero_makes_the_average_follow_the_live_weights()
    {
        using var live = Net();
        using var average = Net();
        var averager = new WeightAverage(live, average, 0);

        FillParameters(live, 0.75);
        averager.Update();

        foreach (var (name, parameter) in average.named_parameters())
            Assert.All(Values(parameter), v => Assert.True(v == 0.75f, $"{name} = {v:R}, expected exactly 0.75"));
    }
}
