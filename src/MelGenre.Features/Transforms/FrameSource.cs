namespace MelGenre.Features.Transforms;

/// <summary>
/// The <c>n_fft</c>-sample frames of a signal exactly as librosa 0.10.2's <c>stft</c> cuts them. When centred,
/// librosa pads only the head and the tail (each framed separately, <c>np.pad</c> on a slice) and frames the middle
/// in place; with reflect padding of short slices that differs from padding the whole signal, so this follows
/// the same split. Head and tail live in small reused buffers; middle frames are views of the signal.
/// Not thread-safe.
/// </summary>
internal sealed class FrameSource
{
    private readonly StftOptions _options;
    private float[] _head = [];
    private float[] _tail = [];
    private int _headLength, _tailLength, _middleStart;

    public FrameSource(StftOptions options) => _options = options;

    public int HeadCount { get; private set; }

    public int MiddleCount { get; private set; }

    public int TailCount { get; private set; }

    public int FrameCount => HeadCount + MiddleCount + TailCount;

    /// <summary>Plans the frames of <paramref name="signal"/> (pads head and tail); call before <see cref="Frame"/>.</summary>
    /// <exception cref="ArgumentException">A signal too short for the analysis, or reflect padding of an empty signal.</exception>
    public void Prepare(ReadOnlySpan<float> signal)
    {
        int n = _options.FftSize, hop = _options.HopLength, length = signal.Length;
        _headLength = _tailLength = _middleStart = 0;
        HeadCount = MiddleCount = TailCount = 0;
        if (!_options.Center)
        {
            MiddleCount = _options.FrameCount(length);
            return;
        }
        var half = n / 2;
        var startK = (half + hop - 1) / hop;                 // frames that touch the left padding
        var tailK = FloorDivide(length + half - n, hop) + 1;  // first frame that touches the right padding
        if (tailK <= startK)
        {
            // Head and tail overlap: pad the whole signal.
            _headLength = length + 2 * half;
            if (_headLength < n)
                throw new ArgumentException($"n_fft={n} is too large for a signal of {length} samples.", nameof(signal));
            PadInto(ref _head, signal, half, half);
            HeadCount = 1 + (_headLength - n) / hop;
            return;
        }
        _middleStart = startK * hop - half;
        var preLength = Math.Min(length, (startK - 1) * hop - half + n + 1);
        _headLength = preLength + half;
        PadInto(ref _head, signal[..preLength], half, 0);
        HeadCount = Math.Min(startK, 1 + (_headLength - n) / hop);
        MiddleCount = 1 + (length - _middleStart - n) / hop;
        var postStart = tailK * hop - half;
        if (postStart + n <= length + half)
        {
            _tailLength = length - postStart + half;
            PadInto(ref _tail, signal[postStart..], 0, half);
            TailCount = 1 + (_tailLength - n) / hop;
        }
    }

    /// <summary>Frame <paramref name="index"/> (unwindowed), a view of <paramref name="signal"/> or of a padding buffer.</summary>
    public ReadOnlySpan<float> Frame(ReadOnlySpan<float> signal, int index)
    {
        int n = _options.FftSize, hop = _options.HopLength;
        if (index < HeadCount)
            return _head.AsSpan(index * hop, n);
        index -= HeadCount;
        if (index < MiddleCount)
            return signal.Slice(_middleStart + index * hop, n);
        index -= MiddleCount;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TailCount);
        return _tail.AsSpan(index * hop, n);
    }

    private void PadInto(ref float[] buffer, ReadOnlySpan<float> source, int left, int right)
    {
        var length = left + source.Length + right;
        if (buffer.Length < length)
            buffer = new float[length];
        NumpyPad.Pad(source, left, right, _options.PadMode, buffer.AsSpan(0, length));
    }

    // Python's floor division: the tail index is negative for signals shorter than n_fft / 2.
    private static int FloorDivide(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
