using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MelGenre.Audio.Processing;

/// <summary>
/// One rational rate change by <see cref="Up"/>/<see cref="Down"/> with a linear-phase FIR: conceptually, zero-stuff
/// by <see cref="Up"/>, filter, keep every <see cref="Down"/>-th sample; computed as polyphase dot products, or for
/// <see cref="Up"/> = 1 with the symmetric filter folded in half (one multiply per pair of taps).
/// Output <c>j</c> sits at input time <c>j·Down/Up</c> exactly (the filter is centred, no delay), and the
/// input is zero before its start and after its end, as in libsoxr. Immutable and thread-safe.
/// </summary>
internal sealed class PolyphaseStage
{
    // Outputs per block of the single-rate kernel: eight vectors of sums in flight share each tap load.
    private const int BlockVectors = 8;

    // Up > 1 only: phase p's taps, reversed and front-padded with zeros to a whole number of SIMD vectors, at p * _width.
    private readonly float[] _phaseTaps;
    private readonly int _width;
    private readonly int _centre;

    // Up = 1 only: the symmetric filter folded in half. Tap k (k < centre) weighs the pair of inputs centre − k
    // before and after the output's time; _pairTaps[k] is its weight, and each of the pair sits in input phase
    // (time mod Down) _lowPhase/_highPhase[k] at whole-step shift _lowShift/_highShift[k].
    private readonly float[] _pairTaps = [];
    private readonly float _centreTap;
    private readonly int[] _lowPhase = [], _lowShift = [], _highPhase = [], _highShift = [];

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
        if (up == 1)
        {
            // Single rate (or decimation only): folded taps, no phase table.
            _centreTap = taps[_centre];
            _pairTaps = taps[.._centre];
            _lowPhase = new int[_centre];
            _lowShift = new int[_centre];
            _highPhase = new int[_centre];
            _highShift = new int[_centre];
            for (var k = 0; k < _centre; k++)
            {
                _lowShift[k] = (k - _centre - down + 1) / down; // floor division: k − centre < 0
                _lowPhase[k] = k - _centre - _lowShift[k] * down;
                _highShift[k] = (_centre - k) / down;
                _highPhase[k] = _centre - k - _highShift[k] * down;
            }
            _phaseTaps = [];
            return;
        }

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

    /// <summary>
    /// How far before an output's time (<c>j·Down/Up</c>, in input samples) its computation may read: the filter's
    /// half length, or for <see cref="Up"/> &gt; 1 the whole SIMD-padded phase row (zero taps still multiply inputs).
    /// </summary>
    public int ReachBefore => Up == 1 ? _centre : _width;

    /// <summary>How far after an output's time (in input samples) its computation may read.</summary>
    public int ReachAfter => Up == 1 ? _centre : _centre / Up + 1;

    /// <summary>How many input samples (from the start, zeros past the end included) the first <paramref name="outputCount"/> outputs read.</summary>
    public long InputSpan(long outputCount) =>
        outputCount == 0 ? 0 : ((outputCount - 1) * Down + _centre) / Up + 1;

    /// <summary>Computes the first <c>output.Length</c> outputs of <paramref name="input"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (Up == 1)
            ProcessSingleRate(input, output);
        else
            ProcessPolyphase(input, output);
    }

    /// <summary>
    /// Up = 1: the input split by phase (time mod Down) into zero-padded rows, so that eight consecutive outputs read
    /// eight consecutive samples of a row for every tap; the folded filter then needs one multiply per pair of taps.
    /// </summary>
    private void ProcessSingleRate(ReadOnlySpan<float> input, Span<float> output)
    {
        var block = BlockVectors * Vector<float>.Count;
        var blocks = (output.Length + block - 1) / block;
        var lead = (_centre + Down - 1) / Down;
        var rowLength = lead + blocks * block + _centre / Down + 1;
        var rows = ArrayPool<float>.Shared.Rent(Down * rowLength);
        Span<int> low = _centre <= 1024 ? stackalloc int[_centre] : new int[_centre];
        Span<int> high = _centre <= 1024 ? stackalloc int[_centre] : new int[_centre];
        Span<float> partial = stackalloc float[block];
        try
        {
            SplitPhases(input, rows.AsSpan(0, Down * rowLength), rowLength, lead);
            for (var k = 0; k < _centre; k++)
            {
                low[k] = _lowPhase[k] * rowLength + lead + _lowShift[k];
                high[k] = _highPhase[k] * rowLength + lead + _highShift[k];
            }

            for (var b = 0; b < blocks; b++)
            {
                var first = b * block;
                if (first + block <= output.Length)
                {
                    FoldedBlock(rows, first, lead, low, high, output.Slice(first, block));
                }
                else
                {
                    FoldedBlock(rows, first, lead, low, high, partial);
                    partial[..(output.Length - first)].CopyTo(output[first..]);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    /// <summary>Row r of <paramref name="rows"/> gets inputs r, r + Down, r + 2·Down, … after <paramref name="lead"/> zeros, then zeros.</summary>
    private void SplitPhases(ReadOnlySpan<float> input, Span<float> rows, int rowLength, int lead)
    {
        for (var phase = 0; phase < Down; phase++)
        {
            var row = rows.Slice(phase * rowLength, rowLength);
            var count = Math.Clamp((input.Length - phase + Down - 1) / Down, 0, rowLength - lead);
            row[..lead].Clear();
            if (Down == 1)
            {
                input[..count].CopyTo(row[lead..]);
            }
            else
            {
                for (var i = 0; i < count; i++)
                    row[lead + i] = input[i * Down + phase];
            }
            row[(lead + count)..].Clear();
        }
    }

    /// <summary>One block of single-rate outputs from <paramref name="first"/> on; <paramref name="low"/>/<paramref name="high"/> locate each tap pair in <paramref name="rows"/>.</summary>
    private void FoldedBlock(float[] rows, int first, int lead, ReadOnlySpan<int> low, ReadOnlySpan<int> high, Span<float> output)
    {
        var lanes = Vector<float>.Count;
        ref var origin = ref MemoryMarshal.GetArrayDataReference(rows);
        ref var centre = ref Unsafe.Add(ref origin, lead + first);
        var weight = new Vector<float>(_centreTap);
        var s0 = weight * Vector.LoadUnsafe(ref centre, 0);
        var s1 = weight * Vector.LoadUnsafe(ref centre, (nuint)lanes);
        var s2 = weight * Vector.LoadUnsafe(ref centre, (nuint)(2 * lanes));
        var s3 = weight * Vector.LoadUnsafe(ref centre, (nuint)(3 * lanes));
        var s4 = weight * Vector.LoadUnsafe(ref centre, (nuint)(4 * lanes));
        var s5 = weight * Vector.LoadUnsafe(ref centre, (nuint)(5 * lanes));
        var s6 = weight * Vector.LoadUnsafe(ref centre, (nuint)(6 * lanes));
        var s7 = weight * Vector.LoadUnsafe(ref centre, (nuint)(7 * lanes));
        ref var pairTap = ref MemoryMarshal.GetArrayDataReference(_pairTaps);
        ref var lowStart = ref MemoryMarshal.GetReference(low);
        ref var highStart = ref MemoryMarshal.GetReference(high);
        for (var k = 0; k < low.Length; k++)
        {
            weight = new Vector<float>(Unsafe.Add(ref pairTap, k));
            ref var a = ref Unsafe.Add(ref origin, Unsafe.Add(ref lowStart, k) + first);
            ref var z = ref Unsafe.Add(ref origin, Unsafe.Add(ref highStart, k) + first);
            s0 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, 0) + Vector.LoadUnsafe(ref z, 0), s0);
            s1 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, (nuint)lanes) + Vector.LoadUnsafe(ref z, (nuint)lanes), s1);
            s2 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, (nuint)(2 * lanes)) + Vector.LoadUnsafe(ref z, (nuint)(2 * lanes)), s2);
            s3 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, (nuint)(3 * lanes)) + Vector.LoadUnsafe(ref z, (nuint)(3 * lanes)), s3);
            s4 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, (nuint)(4 * lanes)) + Vector.LoadUnsafe(ref z, (nuint)(4 * lanes)), s4);
            s5 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, (nuint)(5 * lanes)) + Vector.LoadUnsafe(ref z, (nuint)(5 * lanes)), s5);
            s6 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, (nuint)(6 * lanes)) + Vector.LoadUnsafe(ref z, (nuint)(6 * lanes)), s6);
            s7 = Vector.FusedMultiplyAdd(weight, Vector.LoadUnsafe(ref a, (nuint)(7 * lanes)) + Vector.LoadUnsafe(ref z, (nuint)(7 * lanes)), s7);
        }
        ref var destination = ref MemoryMarshal.GetReference(output);
        s0.StoreUnsafe(ref destination, 0);
        s1.StoreUnsafe(ref destination, (nuint)lanes);
        s2.StoreUnsafe(ref destination, (nuint)(2 * lanes));
        s3.StoreUnsafe(ref destination, (nuint)(3 * lanes));
        s4.StoreUnsafe(ref destination, (nuint)(4 * lanes));
        s5.StoreUnsafe(ref destination, (nuint)(5 * lanes));
        s6.StoreUnsafe(ref destination, (nuint)(6 * lanes));
        s7.StoreUnsafe(ref destination, (nuint)(7 * lanes));
    }

    /// <summary>Up &gt; 1: each output is one phase's dot product with the input.</summary>
    private void ProcessPolyphase(ReadOnlySpan<float> input, Span<float> output)
    {
        // Zero history before the start (width - 1) and zero tail after the end, so every dot product is whole.
        var span = (int)InputSpan(output.Length);
        var paddedLength = _width - 1 + Math.Max(input.Length, span);
        var padded = ArrayPool<float>.Shared.Rent(paddedLength);
        try
        {
            padded.AsSpan(0, _width - 1).Clear();
            input.CopyTo(padded.AsSpan(_width - 1));
            padded.AsSpan(_width - 1 + input.Length, paddedLength - _width + 1 - input.Length).Clear();

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
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
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
