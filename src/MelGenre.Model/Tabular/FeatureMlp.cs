using MelGenre.Model.Training;
using static TorchSharp.torch;

namespace MelGenre.Model.Tabular;

/// <summary>Settings of <see cref="FeatureMlp"/>: one hidden ReLU layer with dropout, AdamW full-batch.</summary>
/// <param name="Hidden">Hidden units (default 64).</param>
/// <param name="Dropout">Dropout after the hidden layer (default 0.3).</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay (default 0.01).</param>
/// <param name="Epochs">Full-batch steps (default 200).</param>
/// <param name="LearningRate">AdamW's learning rate (default 0.01).</param>
/// <param name="Seed">Seeds libtorch's generator (weights and dropout masks).</param>
public sealed record FeatureMlpOptions(int Hidden = 64, double Dropout = 0.3, double WeightDecay = 0.01, int Epochs = 200,
    double LearningRate = 0.01, int Seed = 1);

/// <summary>
/// A small TorchSharp MLP on standardised feature rows, as a candidate to compare with <see cref="SoftmaxRegression"/>
/// under the same protocol: fitted and scored in one call, not saved. Call <see cref="TorchRuntime.Initialize"/> first;
/// uses libtorch's process-wide generator, so one fit at a time.
/// </summary>
public static class FeatureMlp
{
    /// <summary>Fits on <paramref name="inputs"/> and returns the predicted class of each of <paramref name="queries"/>.</summary>
    /// <param name="inputs">Standardised training rows.</param>
    /// <param name="classes">Their classes.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="options">Network and training settings.</param>
    /// <param name="queries">Standardised rows to classify after training.</param>
    public static int[] FitAndPredict(IReadOnlyList<double[]> inputs, IReadOnlyList<int> classes, int classCount,
        FeatureMlpOptions options, IReadOnlyList<double[]> queries)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queries);
        TrainingStart.Seed(options.Seed);
        var width = inputs[0].Length;
        using var scope = NewDisposeScope();
        var network = nn.Sequential(
            nn.Linear(width, options.Hidden), nn.ReLU(), nn.Dropout(options.Dropout), nn.Linear(options.Hidden, classCount));
        var rows = Matrix(inputs, width);
        var targets = tensor(classes.Select(c => (long)c).ToArray());
        using var optimizer = optim.AdamW(network.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        network.train();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            using var step = NewDisposeScope();
            var loss = nn.functional.cross_entropy(network.forward(rows), targets);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        network.eval();
        using var noGrad = no_grad();
        var predicted = network.forward(Matrix(queries, width)).argmax(1).data<long>().ToArray();
        return [.. predicted.Select(p => (int)p)];
    }

    private static Tensor Matrix(IReadOnlyList<double[]> rows, int width)
    {
        var values = new float[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < width; c++)
                values[r * width + c] = (float)rows[r][c];
        return tensor(values, [rows.Count, width]);
    }
}
