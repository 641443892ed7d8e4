namespace MelGenre.Model.Tabular;

/// <summary>
/// Multinomial logistic regression: <c>p = softmax(W x + b)</c>, fitted by minimising the mean cross-entropy plus
/// <c>(L2 / 2) ‖W‖²</c> (the intercepts <c>b</c> are not penalised). scikit-learn's <c>C</c> is <c>1 / (L2 · n)</c>.
/// </summary>
/// <param name="Weights">One row of coefficients per class, one coefficient per (standardised) feature.</param>
/// <param name="Intercepts">One intercept per class.</param>
public sealed record SoftmaxRegression(IReadOnlyList<IReadOnlyList<double>> Weights, IReadOnlyList<double> Intercepts)
{
    /// <summary>Default iteration cap of <see cref="Fit"/>.</summary>
    public const int DefaultMaxIterations = 3000;

    /// <summary>Default stopping threshold of <see cref="Fit"/> on the gradient's largest component.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Number of classes.</summary>
    public int ClassCount => Intercepts.Count;

    /// <summary>
    /// Fits the model by Nesterov-accelerated gradient descent (step 1/L from the data's largest curvature, restarted
    /// whenever the loss rises), from zero weights: deterministic, no seed.
    /// </summary>
    /// <param name="inputs">Standardised rows, all of one width.</param>
    /// <param name="classes">Each row's class, in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Number of classes (some may have no rows).</param>
    /// <param name="l2">Penalty strength on the mean loss, &gt; 0.</param>
    /// <param name="maxIterations">Iteration cap (default <see cref="DefaultMaxIterations"/>).</param>
    /// <param name="tolerance">Stop when every gradient component is below this (default <see cref="DefaultTolerance"/>).</param>
    /// <exception cref="ArgumentException">No rows, mismatched counts, a class out of range or a non-positive penalty.</exception>
    public static SoftmaxRegression Fit(IReadOnlyList<double[]> inputs, IReadOnlyList<int> classes, int classCount, double l2,
        int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(classes);
        if (inputs.Count == 0 || inputs.Count != classes.Count)
            throw new ArgumentException($"{inputs.Count} rows and {classes.Count} classes: need as many, at least one.", nameof(inputs));
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l2);
        if (classes.Any(c => c < 0 || c >= classCount))
            throw new ArgumentException($"A class outside [0, {classCount}).", nameof(classes));

        var width = inputs[0].Length;
        var stride = width + 1; // coefficients then the intercept, per class
        var step = 1 / (0.5 * LargestEigenvalue(inputs, width) + l2);
        var theta = new double[classCount * stride];
        var previous = new double[theta.Length];
        var lookahead = new double[theta.Length];
        var gradient = new double[theta.Length];
        var probabilities = new double[classCount];
        var lastLoss = double.PositiveInfinity;
        var momentum = 1.0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var nextMomentum = (1 + Math.Sqrt(1 + 4 * momentum * momentum)) / 2;
            var beta = (momentum - 1) / nextMomentum;
            for (var i = 0; i < theta.Length; i++)
                lookahead[i] = theta[i] + beta * (theta[i] - previous[i]);
            Gradient(lookahead, inputs, classes, classCount, stride, l2, gradient, probabilities);
            Array.Copy(theta, previous, theta.Length);
            var largest = 0.0;
            for (var i = 0; i < theta.Length; i++)
            {
                theta[i] = lookahead[i] - step * gradient[i];
                largest = Math.Max(largest, Math.Abs(gradient[i]));
            }
            if (largest < tolerance)
                break;
            var loss = Gradient(theta, inputs, classes, classCount, stride, l2, null, probabilities);
            // Adaptive restart (O'Donoghue & Candès): momentum that overshoots is dropped.
            momentum = loss > lastLoss ? 1 : nextMomentum;
            lastLoss = loss;
        }
        var weights = new IReadOnlyList<double>[classCount];
        var intercepts = new double[classCount];
        for (var k = 0; k < classCount; k++)
        {
            weights[k] = theta.AsSpan(k * stride, width).ToArray();
            intercepts[k] = theta[k * stride + width];
        }
        return new SoftmaxRegression(weights, intercepts);
    }

    /// <summary>Every class's probability for one standardised row.</summary>
    public double[] Probabilities(IReadOnlyList<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var logits = new double[ClassCount];
        for (var k = 0; k < logits.Length; k++)
        {
            var row = Weights[k];
            if (row.Count != input.Count)
                throw new ArgumentException($"{input.Count} values, the model has {row.Count} coefficients per class.", nameof(input));
            var sum = Intercepts[k];
            for (var c = 0; c < input.Count; c++)
                sum += row[c] * input[c];
            logits[k] = sum;
        }
        Softmax(logits);
        return logits;
    }

    /// <summary>Penalised mean loss at <paramref name="theta"/>; fills <paramref name="gradient"/> when given.</summary>
    private static double Gradient(double[] theta, IReadOnlyList<double[]> inputs, IReadOnlyList<int> classes, int classCount,
        int stride, double l2, double[]? gradient, double[] probabilities)
    {
        var width = stride - 1;
        if (gradient is not null)
            Array.Clear(gradient);
        var loss = 0.0;
        for (var n = 0; n < inputs.Count; n++)
        {
            var x = inputs[n];
            for (var k = 0; k < classCount; k++)
            {
                var w = theta.AsSpan(k * stride, stride);
                var sum = w[width];
                for (var c = 0; c < width; c++)
                    sum += w[c] * x[c];
                probabilities[k] = sum;
            }
            Softmax(probabilities);
            loss -= Math.Log(Math.Max(probabilities[classes[n]], double.Epsilon));
            if (gradient is null)
                continue;
            for (var k = 0; k < classCount; k++)
            {
                var error = probabilities[k] - (classes[n] == k ? 1 : 0);
                var g = gradient.AsSpan(k * stride, stride);
                for (var c = 0; c < width; c++)
                    g[c] += error * x[c];
                g[width] += error;
            }
        }
        loss /= inputs.Count;
        for (var k = 0; k < classCount; k++)
            for (var c = 0; c < width; c++)
            {
                var w = theta[k * stride + c];
                loss += 0.5 * l2 * w * w;
                if (gradient is not null)
                    gradient[k * stride + c] = gradient[k * stride + c] / inputs.Count + l2 * w;
            }
        if (gradient is not null)
            for (var k = 0; k < classCount; k++)
                gradient[k * stride + width] /= inputs.Count;
        return loss;
    }

    /// <summary>Softmax in place, shifted by the maximum for stability.</summary>
    private static void Softmax(Span<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits)
            max = Math.Max(max, v);
        var total = 0.0;
        for (var k = 0; k < logits.Length; k++)
            total += logits[k] = Math.Exp(logits[k] - max);
        for (var k = 0; k < logits.Length; k++)
            logits[k] /= total;
    }

    /// <summary>Largest eigenvalue of the mean outer product of the rows augmented with 1 (power iteration): bounds
    /// the loss's curvature, so 1 / (λ/2 + L2) is a safe step.</summary>
    private static double LargestEigenvalue(IReadOnlyList<double[]> inputs, int width)
    {
        var size = width + 1;
        var gram = new double[size, size];
        var augmented = new double[size];
        foreach (var x in inputs)
        {
            x.AsSpan(0, width).CopyTo(augmented);
            augmented[width] = 1;
            for (var i = 0; i < size; i++)
                for (var j = 0; j < size; j++)
                    gram[i, j] += augmented[i] * augmented[j] / inputs.Count;
        }
        var vector = Enumerable.Repeat(1 / Math.Sqrt(size), size).ToArray();
        var next = new double[size];
        var eigenvalue = 0.0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            for (var i = 0; i < size; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < size; j++)
                    sum += gram[i, j] * vector[j];
                next[i] = sum;
            }
            var norm = Math.Sqrt(next.Sum(v => v * v));
            if (norm == 0)
                return 0;
            eigenvalue = norm;
            for (var i = 0; i < size; i++)
                vector[i] = next[i] / norm;
        }
        // A little margin: power iteration approaches the eigenvalue from below.
        return eigenvalue * 1.01;
    }
}
