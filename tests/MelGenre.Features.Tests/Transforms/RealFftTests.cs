using System.Numerics;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Tests.Transforms;

public class RealFftTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(2048)]
    [InlineData(4096)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(2047)]
    public void ForwardMatchesNaiveDftOnRandomInput(int size)
    {
        var random = new Random(size);
        var input = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var fft = new RealFft(size);
        var real = new float[fft.BinCount];
        var imaginary = new float[fft.BinCount];

        fft.Forward(input, real, imaginary);

        var expected = NaiveDft(input);
        // Outputs are float32 (Bluestein computes in float64 and rounds once): error ≲ ε·log n·‖x‖, ‖x‖ ≤ √n.
        var tolerance = 2e-7 * Math.Sqrt(size) * Math.Max(1, Math.Log2(size));
        for (var k = 0; k < fft.BinCount; k++)
        {
            var error = Complex.Abs(new Complex(real[k], imaginary[k]) - expected[k]);
            Assert.True(error <= tolerance, $"n={size} bin {k}: ({real[k]}, {imaginary[k]}) vs DFT {expected[k]}, |error| {error:E2} > {tolerance:E2}");
        }
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(1000)]
    public void PowerIsSquaredMagnitudeOfForward(int size)
    {
        var random = new Random(7);
        var input = Enumerable.Range(0, size).Select(_ => (float)random.NextDouble()).ToArray();
        var window = Enumerable.Range(0, size).Select(i => (float)(0.5 + 0.5 * Math.Cos(i))).ToArray();
        var fft = new RealFft(size);
        var real = new float[fft.BinCount];
        var imaginary = new float[fft.BinCount];
        var power = new float[fft.BinCount];

        fft.Forward(input, window, real, imaginary);
        fft.Power(input, window, power);

        for (var k = 0; k < power.Length; k++)
        {
            var expected = real[k] * real[k] + imaginary[k] * imaginary[k];
            Assert.True(Math.Abs(power[k] - expected) <= 1e-5 * Math.Max(1, expected), $"bin {k}: power {power[k]} vs |X|² {expected}");
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(2048)]
    [InlineData(30)]
    public void ConstantSignalProducesDcOnly(int size)
    {
        var fft = new RealFft(size);
        var power = new float[fft.BinCount];

        fft.Power(Enumerable.Repeat(0.25f, size).ToArray(), power);

        Assert.True(Math.Abs(power[0] - (0.25 * size) * (0.25 * size)) <= 1e-4 * size * size, $"DC power {power[0]}, expected {(0.25 * size) * (0.25 * size)}");
        for (var k = 1; k < power.Length; k++)
            Assert.True(power[k] <= 1e-8 * size * size, $"n={size} bin {k}: power {power[k]} should be 0 for a constant signal");
    }

    [Fact]
    public void RejectsSpansOfTheWrongLength()
    {
        var fft = new RealFft(8);
        Assert.Throws<ArgumentException>(() => fft.Power(new float[7], new float[5]));
        Assert.Throws<ArgumentException>(() => fft.Power(new float[8], new float[4]));
    }

    private static Complex[] NaiveDft(float[] input)
    {
        var n = input.Length;
        var output = new Complex[n / 2 + 1];
        for (var k = 0; k < output.Length; k++)
        {
            var sum = Complex.Zero;
            for (var j = 0; j < n; j++)
                sum += input[j] * Complex.FromPolarCoordinates(1, -2 * Math.PI * ((long)k * j % n) / n);
            output[k] = sum;
        }
        return output;
    }
}
