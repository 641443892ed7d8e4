namespace MelGenre.Audio.Processing;

/// <summary>
/// <see cref="Resampler"/> for one channel that arrives in blocks: <see cref="Write"/> input of any size,
/// <see cref="Complete"/> at its end, and <see cref="Read"/> the output as it becomes ready. The output is bit for bit
/// what <see cref="Resampler.Process(ReadOnlySpan{float})"/> gives for the whole signal (same length, same zero fill
/// at the end), while memory stays proportional to one chunk plus what the caller writes between two reads.
/// </summary>
/// <remarks>
/// <para>
/// The input is cut into chunks of <see cref="ChunkLength"/> samples, and each chunk is resampled by the whole-array
/// <see cref="Resampler"/> as part of a window that adds <see cref="ContextLength"/> samples on each side; only the
/// chunk's own outputs are kept. Every output is a fixed dot product over a fixed input range in a fixed summation
/// order, so it comes out the same bits whenever its window holds all the real inputs it reaches through every stage
/// (the context covers the summed reach of the stages) and the window starts where every stage's output grid lines
/// up with the whole signal's (window starts are multiples of the alignment period, see <see cref="AlignmentPeriod"/>).
/// The last window runs to the true end, so filter tails and the final zero fill match too.
/// </para>
/// <para>Equal rates pass the input through unchanged. Not thread-safe: one instance serves one signal.</para>
/// </remarks>
public sealed class StreamingResampler
{
    /// <summary>Chunk length aimed at, in input samples: large enough that the context recomputed on each side costs
    /// about one per cent, small enough to stay in the cache hierarchy's larger levels.</summary>
    internal const int DefaultChunkLength = 1 << 17;

    private readonly Resampler _resampler;
    private readonly bool _passThrough;

    // The window's input: global samples _inputStart … _inputStart + _inputCount.
    private readonly float[] _input = [];
    private long _inputStart;
    private int _inputCount;

    // Global index of the first input sample whose outputs are not yet produced (a multiple of the period).
    private long _keptFrom;

    // One window's whole output, before the chunk's part is kept.
    private readonly float[] _windowOutput = [];

    // Produced and not yet read: _pending[_pendingStart.._pendingEnd].
    private float[] _pending;
    private int _pendingStart, _pendingEnd;

    private bool _completed;

    /// <summary>Designs the filters that take <paramref name="sourceRate"/> to <paramref name="targetRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive rate.</exception>
    /// <exception cref="NotSupportedException">A pair of rates the soxr-HQ plan cannot take (see <see cref="Resampler"/>).</exception>
    public StreamingResampler(int sourceRate, int targetRate = Resampler.DefaultTargetRate)
        : this(new Resampler(sourceRate, targetRate))
    {
    }

    /// <summary>Streams through <paramref name="resampler"/>'s filters (designed once, shareable between streams).</summary>
    public StreamingResampler(Resampler resampler)
        : this(resampler, DefaultChunkLength)
    {
    }

    /// <param name="resampler">The filters.</param>
    /// <param name="chunkLength">Input samples per chunk, rounded up to a multiple of the alignment period.</param>
    internal StreamingResampler(Resampler resampler, int chunkLength)
    {
        ArgumentNullException.ThrowIfNull(resampler);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkLength);
        _resampler = resampler;
        var stages = resampler.Stages;
        _passThrough = stages.Count == 0;
        if (_passThrough)
        {
            _pending = new float[DefaultChunkLength];
            return;
        }

        var period = AlignmentPeriodOf(stages, resampler.SourceRate, resampler.TargetRate);

        // An output at input time t reads stage s's input within its reach of t·R_s, R_s being stage s's input rate
        // over the source rate; in source samples that is reach / R_s, summed over the stages (+1 each: rounding).
        double rate = 1, reach = 0;
        foreach (var stage in stages)
        {
            reach += Math.Max(stage.ReachBefore, stage.ReachAfter) / rate + 1;
            rate *= (double)stage.Up / stage.Down;
        }
        var context = RoundUp((long)Math.Ceiling(reach), period);
        var chunk = RoundUp(chunkLength, period);
        if (chunk + 2 * context > Array.MaxLength / 4)
            throw new NotSupportedException($"{resampler.SourceRate} Hz → {resampler.TargetRate} Hz aligns its windows only every {period} samples, too far apart to stream.");
        AlignmentPeriod = period;
        ContextLength = (int)context;
        ChunkLength = (int)chunk;
        _input = new float[ChunkLength + 2 * ContextLength];
        _windowOutput = new float[resampler.OutputLength(_input.Length)];
        _pending = new float[resampler.OutputLength(ChunkLength) + 1];
    }

    /// <summary>Input sample rate, in Hz.</summary>
    public int SourceRate => _resampler.SourceRate;

    /// <summary>Output sample rate, in Hz.</summary>
    public int TargetRate => _resampler.TargetRate;

    /// <summary>Input samples written so far.</summary>
    public long InputCount { get; private set; }

    /// <summary>True once <see cref="Complete"/> was called and every output has been read: the end of the output.</summary>
    public bool IsFinished => _completed && _pendingStart == _pendingEnd;

    /// <summary>Input samples per chunk (0 when the rates are equal).</summary>
    internal int ChunkLength { get; }

    /// <summary>Input samples of context on each side of a chunk, at least the reach of all stages together.</summary>
    internal int ContextLength { get; }

    /// <summary>
    /// The smallest input length after which every stage's input and output grids restart in step: a window starting
    /// at a multiple of it starts each stage at a whole input sample whose time is a whole output of that stage.
    /// </summary>
    internal long AlignmentPeriod { get; }

    /// <summary>Adds <paramref name="input"/> to the signal; outputs it completes become readable at once.</summary>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public void Write(ReadOnlySpan<float> input)
    {
        if (_completed)
            throw new InvalidOperationException("The signal was completed; nothing more can be written.");
        InputCount += input.Length;
        if (_passThrough)
        {
            Append(input);
            return;
        }
        while (!input.IsEmpty)
        {
            // A window ends one context past its chunk (the first one has no context before it).
            var windowLength = (int)(_keptFrom + ChunkLength + ContextLength - _inputStart);
            var take = Math.Min(windowLength - _inputCount, input.Length);
            input[..take].CopyTo(_input.AsSpan(_inputCount));
            _inputCount += take;
            input = input[take..];
            if (_inputCount == windowLength)
                ProcessWindow(final: false);
        }
    }

    /// <summary>Marks the end of the signal: the remaining outputs (filter tails and zero fill) become readable.
    /// Calling it again does nothing.</summary>
    public void Complete()
    {
        if (_completed)
            return;
        _completed = true;
        if (!_passThrough && InputCount > 0)
            ProcessWindow(final: true);
    }

    /// <summary>
    /// Copies up to <c>output.Length</c> ready output samples into <paramref name="output"/> and returns how many.
    /// 0 means none is ready: write more input, or, once <see cref="IsFinished"/>, the output has ended.
    /// </summary>
    public int Read(Span<float> output)
    {
        var count = Math.Min(output.Length, _pendingEnd - _pendingStart);
        _pending.AsSpan(_pendingStart, count).CopyTo(output);
        _pendingStart += count;
        if (_pendingStart == _pendingEnd)
            _pendingStart = _pendingEnd = 0;
        return count;
    }

    /// <summary>Resamples the buffered window and keeps the outputs of its chunk (to the true end when <paramref name="final"/>).</summary>
    private void ProcessWindow(bool final)
    {
        var window = _input.AsSpan(0, _inputCount);
        var produced = _windowOutput.AsSpan(0, (int)_resampler.OutputLength(_inputCount));
        _resampler.Process(window, produced);
        // Exact: window offsets are multiples of the period, which makes their output counts whole.
        var first = (int)OutputsOf(_keptFrom - _inputStart);
        var end = final ? produced.Length : (int)OutputsOf(_keptFrom + ChunkLength - _inputStart);
        Append(produced[first..end]);
        if (final)
            return;

        _keptFrom += ChunkLength;
        var nextStart = Math.Max(0, _keptFrom - ContextLength);
        var shift = (int)(nextStart - _inputStart);
        _input.AsSpan(shift, _inputCount - shift).CopyTo(_input);
        _inputCount -= shift;
        _inputStart = nextStart;
    }

    private long OutputsOf(long inputs) => inputs * TargetRate / SourceRate;

    private void Append(ReadOnlySpan<float> samples)
    {
        if (_pendingEnd + samples.Length > _pending.Length)
        {
            var unread = _pendingEnd - _pendingStart;
            var target = unread + samples.Length > _pending.Length
                ? new float[Math.Max(2L * _pending.Length, unread + samples.Length)]
                : _pending;
            _pending.AsSpan(_pendingStart, unread).CopyTo(target);
            _pending = target;
            _pendingStart = 0;
            _pendingEnd = unread;
        }
        samples.CopyTo(_pending.AsSpan(_pendingEnd));
        _pendingEnd += samples.Length;
    }

    /// <summary>
    /// Stage s starts a window that begins at source sample w at its input sample w·R_s (R_s = the product of the
    /// earlier stages' Up/Down), and its output sample w·R_s·Up/Down lines up with the whole signal's only when that
    /// is whole; the final output index w·target/source must be whole too. So w must be a multiple of every reduced
    /// denominator of those ratios: their least common multiple, in exact integer arithmetic.
    /// </summary>
    private static long AlignmentPeriodOf(IReadOnlyList<PolyphaseStage> stages, int sourceRate, int targetRate)
    {
        var period = sourceRate / (long)Gcd(sourceRate, targetRate);
        long numerator = 1, denominator = 1;
        foreach (var stage in stages)
        {
            numerator = checked(numerator * stage.Up);
            denominator = checked(denominator * stage.Down);
            var common = Gcd(numerator, denominator);
            numerator /= common;
            denominator /= common;
            period = checked(period / Gcd(period, denominator) * denominator);
        }
        return period;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    private static long RoundUp(long value, long multiple) => (value + multiple - 1) / multiple * multiple;
}
