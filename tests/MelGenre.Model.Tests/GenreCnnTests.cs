using static TorchSharp.torch;

namespace MelGenre.Model.Tests;

public class GenreCnnTests
{
    private const int Labels = 4;

    [Fact]
    public void ThreeSecondPatchesGiveOneLogitPerLabelPerPatch()
    {
        using var scope = NewDisposeScope();
        using var model = new GenreCnn(new GenreCnnOptions { LabelCount = 10 });
        model.eval();
        using var noGrad = no_grad();

        var logits = model.forward(zeros(3, 1, 128, 130));

        Assert.Equal([3L, 10], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>(), "logits of a silent patch are not all finite");
    }

    [Fact]
    public void OverfitsOneSmallSyntheticBatchWithinThirtySteps()
    {
        const int steps = 30;
        const double lossBound = 0.05;
        random.manual_seed(20240601);
        using var model = new GenreCnn(new GenreCnnOptions { LabelCount = Labels });
        // Eight noise patches, two per label: memorising them needs working gradients through every layer.
        using var patches = randn(8, 1, 32, 40);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 0, 1, 2, 3 });
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        model.train();

        double first = double.NaN, last = double.NaN;
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(patches), labels);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0) first = last;
        }

        Assert.True(Math.Abs(first - Math.Log(Labels)) < 0.5,
            $"first cross-entropy {first:F4} is far from ln({Labels}) = {Math.Log(Labels):F4}: initial logits are not near uniform");
        Assert.True(last < lossBound, $"cross-entropy after {steps} steps is {last:F4} (first {first:F4}), expected below {lossBound}");
        model.eval();
        using (no_grad())
        using (var predicted = model.forward(patches).argmax(1))
            Assert.Equal(labels.data<long>().ToArray(), predicted.data<long>().ToArray());
    }

    [Fact]
    public void SaveThenLoadReproducesEvalOutputBitForBit()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        var options = new GenreCnnOptions { LabelCount = Labels };
        using var trained = new GenreCnn(options);
        // A few training-mode passes move the batch-norm running statistics away from their initial 0 and 1,
        // so the round trip must carry buffers as well as parameters.
        trained.train();
        using (no_grad())
            for (var i = 0; i < 3; i++)
                trained.forward(randn(4, 1, 32, 40) * 10 + 3);
        trained.eval();
        var input = randn(2, 1, 32, 40);
        var path = Path.Combine(Path.GetTempPath(), $"genrecnn-{Guid.NewGuid():N}.bin");
        try
        {
            trained.save(path);
            random.manual_seed(8);
            using var loaded = new GenreCnn(options);
            loaded.eval();
            using var noGrad = no_grad();
            var expected = trained.forward(input).data<float>().ToArray();
            Assert.NotEqual(expected, loaded.forward(input).data<float>().ToArray());

            loaded.load(path);

            Assert.Equal(expected, loaded.forward(input).data<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(10, 1.0)]
    [InlineData(10, -0.1)]
    public void RejectsFewerThanTwoLabelsOrDropoutOutsideZeroToOne(int labels, double dropout) =>
        Assert.ThrowsAny<ArgumentException>(() => new GenreCnn(new GenreCnnOptions { LabelCount = labels, Dropout = dropout }));

    [Fact]
    public void RejectsBlockWidthsOtherThanFourPositiveCounts() =>
        Assert.Throws<ArgumentException>(() => new GenreCnn(new GenreCnnOptions { LabelCount = 10, BlockChannels = [16, 32, 64] }));
}
