using System.Numerics;
using System.Runtime.CompilerServices;

namespace MelGenre.Audio.Processing;

/// <summary>
/// One rational rate change by <see cref="Up"/>/<see cref="Down"/> with a linear-phase FIR: conceptually, zero-stuff
/// by <see cref="Up"/>, filter, keep every <see cref="Down"/>-th sample; computed as polyphase dot products.
/// Output <c>j</c> sits at input time <c>j·Down/Up</c> exactly (the filter is centred, no delay), and the
/// input is zero before its start and after its end, as in libsoxr. Immutable and thread-safe.
/// </summary>
internal sealed class PolyphaseStage
{
    // Phase p's taps, reversed and front-padded with zeros to a whole number of SIMD vectors, at p * _width.
    private readonly float[] _phaseTaps;
    private readonly int _width;
    private readonly int _centre;

    /// <param name="taps">The prototype filter at the up-sampled rate: symmetric, odd length, gain included.</param>
    /// <param name="up">Up-sampling factor.</param>
    /// <param name="down">Decimation factor.</param>
    public PolyphaseStage(float[] taps, int up, int down)
    {
        if (taps.Length % 2 == 0)
            throw new ArgumentException("A centred filter needs an odd number of taps.", nameof(taps));
        Up = up;
        Down = down;
        _centre = (taps.Length - 1) / 2;
        var perPhase = (taps.Length + up - 1) / up;
        var lanes = Vector<float>.Count;
        _width = (perPhase + lanes - 1) / lanes * lanes;
        _phaseTaps = new float[up * _width];
        for (var phase = 0; phase < up; phase++)
        {
            for (var i = 0; i < perPhase; i++)
            {
                var tap = phase + i * up;
                if (tap < taps.Length)
                    _phaseTaps[phase * _width + _width - 1 - i] = taps[tap];
            }
        }
    }

    /// <summary>Up-sampling factor.</summary>
    public int Up { get; }

    /// <summary>Decimation factor.</summary>
    public int Down { get; }

    /// <summary>How many input samples (from the start, zeros past the end included) the first <paramref name="outputCount"/> outputs read.</summary>
    public long InputSpan(long outputCount) =>
        outputCount == 0 ? 0 : ((outputCount - 1) * Down + _centre) / Up + 1;

    /// <summary>Computes the first <c>output.Length</c> outputs of <paramref name="input"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        // Zero history before the start (width - 1) and zero tail after the end, so every dot product is whole.
        var span = InputSpan(output.Length);
        var padded = new float[_width - 1 + Math.Max(input.Length, span)];
        input.CopyTo(padded.AsSpan(_width - 1));

        // Outputs j, j+Up, j+2·Up, j+3·Up share a phase and read inputs Down apart: computing them together
        // reuses each tap load four times and keeps eight independent sums in flight.
        var block = 4 * Up;
        var first = 0;
        for (; first + block <= output.Length; first += block)
        {
            for (var j = first; j < first + Up; j++)
            {
                var (start, phase) = Locate(j);
                Dot4(ref _phaseTaps[phase * _width], ref padded[start], Down, _width, output.Slice(j, 3 * Up + 1), Up);
            }
        }
        for (var j = first; j < output.Length; j++)
        {
            var (start, phase) = Locate(j);
            output[j] = Dot(ref _phaseTaps[phase * _width], ref padded[start], _width);
        }
    }

    /// <summary>Where output <paramref name="j"/> starts reading the padded input, and which phase it uses.</summary>
    private (int Start, int Phase) Locate(int j)
    {
        var position = (long)j * Down + _centre; // in up-sampled samples
        var start = position / Up;
        return ((int)start, (int)(position - start * Up));
    }

    /// <summary>Four outputs <paramref name="spacing"/> apart in <paramref name="output"/>, reading inputs <paramref name="step"/> apart.</summary>
    private static void Dot4(ref float taps, ref float samples, int step, int length, Span<float> output, int spacing)
    {
        var lanes = Vector<float>.Count;
        ref var x0 = ref samples;
        ref var x1 = ref Unsafe.Add(ref samples, step);
        ref var x2 = ref Unsafe.Add(ref samples, 2 * step);
        ref var x3 = ref Unsafe.Add(ref samples, 3 * step);
        Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector<float> b0 = default, b1 = default, b2 = default, b3 = default;
        var i = 0;
        for (; i + 2 * lanes <= length; i += 2 * lanes)
        {
            var t = Vector.LoadUnsafe(ref taps, (nuint)i);
            var u = Vector.LoadUnsafe(ref taps, (nuint)(i + lanes));
            a0 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x0, (nuint)i), a0);
            a1 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x1, (nuint)i), a1);
            a2 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x2, (nuint)i), a2);
            a3 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x3, (nuint)i), a3);
            b0 = Vector.FusedMultiplyAdd(u, Vector.LoadUnsafe(ref x0, (nuint)(i + lanes)), b0);
            b1 = Vector.FusedMultiplyAdd(u, Vector.LoadUnsafe(ref x1, (nuint)(i + lanes)), b1);
            b2 = Vector.FusedMultiplyAdd(u, Vector.LoadUnsafe(ref x2, (nuint)(i + lanes)), b2);
            b3 = Vector.FusedMultiplyAdd(u, Vector.LoadUnsafe(ref x3, (nuint)(i + lanes)), b3);
        }
        if (i < length)
        {
            var t = Vector.LoadUnsafe(ref taps, (nuint)i);
            a0 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x0, (nuint)i), a0);
            a1 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x1, (nuint)i), a1);
            a2 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x2, (nuint)i), a2);
            a3 = Vector.FusedMultiplyAdd(t, Vector.LoadUnsafe(ref x3, (nuint)i), a3);
        }
        output[0] = Vector.Sum(a0 + b0);
        output[spacing] = Vector.Sum(a1 + b1);
        output[2 * spacing] = Vector.Sum(a2 + b2);
        output[3 * spacing] = Vector.Sum(a3 + b3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float taps, ref float samples, int length)
    {
        var lanes = Vector<float>.Count;
        Vector<float> sum0 = Vector<float>.Zero, sum1 = Vector<float>.Zero;
        var i = 0;
        for (; i + 2 * lanes <= length; i += 2 * lanes)
        {
            sum0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref taps, (nuint)i), Vector.LoadUnsafe(ref samples, (nuint)i), sum0);
            sum1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref taps, (nuint)(i + lanes)), Vector.LoadUnsafe(ref samples, (nuint)(i + lanes)), sum1);
        }
        if (i < length)
            sum0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref taps, (nuint)i), Vector.LoadUnsafe(ref samples, (nuint)i), sum0);
        return Vector.Sum(sum0 + sum1);
    }
}
