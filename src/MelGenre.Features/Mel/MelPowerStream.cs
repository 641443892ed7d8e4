using MelGenre.Features.Transforms;

namespace MelGenre.Features.Mel;

/// <summary>
/// The mel power spectrogram of a signal that arrives in blocks, in bounded memory: push samples with
/// <see cref="Write"/>, pull finished frames with <see cref="Read"/>, call <see cref="Complete"/> at the end of
/// the signal. Frame <c>t</c> is bit-identical to column <c>t</c> of
/// <c>new LogMelExtractor(options).ComputePower(wholeSignal)</c> (same FFT and filterbank calls on the same samples).
/// </summary>
/// <remarks>
/// <para>Only centred frames with zero padding (<see cref="PadMode.Constant"/>, the default) can stream: frame
/// <c>t</c> covers samples <c>[t·hop − n_fft/2, t·hop − n_fft/2 + n_fft)</c>, zeros outside the signal, and is ready
/// once its last sample has been written (or at <see cref="Complete"/>). Reflect padding would need the end of the
/// signal before its first frames.</para>
/// <para>Memory: the stream keeps only the samples of frames not yet read, about <c>n_fft</c> plus what was written
/// since the last <see cref="Read"/>; writing a block and then reading until <see cref="Read"/> returns 0 keeps
/// the buffer near <c>n_fft</c> + one block whatever the length of the signal.</para>
/// <para>Typical loop: <c>Write(block)</c> then <c>Read</c> until it returns 0, for every block; then
/// <c>Complete()</c> and <c>Read</c> until <see cref="IsFinished"/>.</para>
/// <para>Not thread-safe: an instance owns its work buffers. Use one per stream.</para>
/// </remarks>
public sealed class MelPowerStream
{
    private readonly ShortTimeFourierTransform _stft;
    private readonly MelFilterbank _filterbank;
    private readonly float[] _power;
    private readonly float[] _edgeFrame;   // frames that reach into the zero padding are assembled here
    private readonly int _fftSize, _hop, _half;
    private float[] _buffer;               // samples [_bufferStart, _bufferStart + _bufferLength) of the signal
    private long _bufferStart;
    private int _bufferLength;
    private long _frameCount = -1;         // total frames, known once complete

    /// <summary>Precomputes window, FFT and filterbank for <paramref name="options"/> (null: the project's defaults).</summary>
    /// <exception cref="ArgumentException">Options whose padding is not <see cref="PadMode.Constant"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public MelPowerStream(LogMelOptions? options = null)
    {
        Options = options ?? new LogMelOptions();
        if (Options.PadMode != PadMode.Constant)
            throw new ArgumentException($"Only zero-padded (PadMode.Constant) frames can stream; {Options.PadMode} padding needs the end of the signal before its first frames.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.SampleRate);
        _stft = new ShortTimeFourierTransform(Options.ToStftOptions());
        _filterbank = MelFilterbank.Create(Options.ToFilterbankOptions());
        _power = new float[_filterbank.BinCount];
        _fftSize = Options.FftSize;
        _hop = Options.HopLength;
        _half = _fftSize / 2;
        _edgeFrame = new float[_fftSize];
        _buffer = new float[_fftSize];
    }

    /// <summary>The parameters.</summary>
    public LogMelOptions Options { get; }

    /// <summary>Number of mel bands: the values per frame that <see cref="Read"/> writes.</summary>
    public int MelCount => _filterbank.MelCount;

    /// <summary>Number of samples written so far.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Number of frames read so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Whether <see cref="Complete"/> has been called.</summary>
    public bool IsCompleted => _frameCount >= 0;

    /// <summary>Whether the stream is complete and every frame has been read: <see cref="Read"/> will return 0 from now on.</summary>
    public bool IsFinished => FramesRead == _frameCount;

    /// <summary>Number of frames <see cref="Read"/> can return now.</summary>
    public long FramesAvailable
    {
        get
        {
            // Before completion frame t is ready once its last sample, t·hop − n_fft/2 + n_fft − 1, has arrived.
            var lastEnd = SampleCount - (_fftSize - _half);
            var ready = IsCompleted ? _frameCount : lastEnd < 0 ? 0 : 1 + lastEnd / _hop;
            return ready - FramesRead;
        }
    }

    /// <summary>Appends mono samples at <see cref="LogMelOptions.SampleRate"/> (any block size, including empty).</summary>
    /// <exception cref="InvalidOperationException">The stream is complete.</exception>
    public void Write(ReadOnlySpan<float> samples)
    {
        if (IsCompleted)
            throw new InvalidOperationException("Cannot write to a MelPowerStream after Complete().");
        MakeRoom(samples.Length);
        samples.CopyTo(_buffer.AsSpan(_bufferLength));
        _bufferLength += samples.Length;
        SampleCount += samples.Length;
    }

    /// <summary>
    /// Marks the end of the signal: the remaining frames, which reach into the zero padding after the last sample,
    /// become ready. The signal then has <c>1 + SampleCount // hop</c> frames (even <c>n_fft</c>; an empty signal
    /// gives one all-zero frame, as librosa). Calling it again does nothing.
    /// </summary>
    /// <remarks>With an odd <c>n_fft</c> an empty signal has no frame (librosa and <see cref="LogMelExtractor"/> raise).</remarks>
    public void Complete()
    {
        if (IsCompleted)
            return;
        var padded = SampleCount + 2L * _half;
        _frameCount = padded < _fftSize ? 0 : 1 + (padded - _fftSize) / _hop;
    }

    /// <summary>
    /// Writes as many ready frames as fit into <paramref name="frames"/>, frame-major: frame <c>f</c>'s
    /// <see cref="MelCount"/> mel powers are contiguous, in mel order, at <c>f × MelCount</c>. Returns the number of
    /// frames written; 0 means more samples are needed, or, once <see cref="IsFinished"/>, the end of the stream.
    /// </summary>
    /// <exception cref="ArgumentException">A destination shorter than one frame.</exception>
    public int Read(Span<float> frames)
    {
        var melCount = MelCount;
        if (frames.Length < melCount)
            throw new ArgumentException($"The destination must hold at least one frame of {melCount} values, got {frames.Length}.", nameof(frames));
        var count = (int)Math.Min(frames.Length / melCount, FramesAvailable);
        for (var j = 0; j < count; j++)
        {
            _stft.FramePower(Frame(FramesRead), _power);
            _filterbank.Apply(_power, frames.Slice(j * melCount, melCount));
            FramesRead++;
        }
        return count;
    }

    // The n_fft samples of frame t: a view of the buffer, or a copy with zeros where it leaves [0, SampleCount).
    private ReadOnlySpan<float> Frame(long t)
    {
        var start = t * _hop - _half;
        if (start >= 0 && start + _fftSize <= SampleCount)
            return _buffer.AsSpan((int)(start - _bufferStart), _fftSize);
        var from = Math.Max(start, 0);
        var to = Math.Min(start + _fftSize, SampleCount);
        Array.Clear(_edgeFrame);
        if (to > from)
            _buffer.AsSpan((int)(from - _bufferStart), (int)(to - from)).CopyTo(_edgeFrame.AsSpan((int)(from - start)));
        return _edgeFrame;
    }

    // Room for count more samples: first drop the samples no unread frame needs, then grow by at least half
    // (so many small writes without reads stay linear in cost).
    private void MakeRoom(int count)
    {
        if (_bufferLength + count <= _buffer.Length)
            return;
        var keepFrom = Math.Clamp(FramesRead * _hop - _half, _bufferStart, SampleCount);
        var drop = (int)(keepFrom - _bufferStart);
        if (drop > 0)
        {
            _buffer.AsSpan(drop, _bufferLength - drop).CopyTo(_buffer);
            _bufferLength -= drop;
            _bufferStart = keepFrom;
        }
        var needed = _bufferLength + count;
        if (needed > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length + _buffer.Length / 2));
    }
}
