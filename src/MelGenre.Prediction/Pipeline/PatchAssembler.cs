using MelGenre.Features;
using MelGenre.Features.Mel;

namespace MelGenre.Prediction.Pipeline;

/// <summary>
/// Mel power frames in, the network's log-mel patches out, while the audio is still arriving: patches of
/// <see cref="PatchFrames"/> frames every <see cref="HopFrames"/> frames, in dB as <c>power_to_db(S, ref=np.max,
/// top_db)</c> makes them.
/// </summary>
/// <remarks>
/// <para>
/// The dB reference (<c>ref=np.max</c>) is the loudest mel bin of the recording when it lasts at most
/// <see cref="ReferenceFrames"/> frames: the training clips' own normalisation, so such recordings get exactly the
/// patches of <c>LogMelExtractor.Compute</c> + <c>Segmenter</c> (bit for bit). A longer recording would otherwise need
/// its end before its first patch, and one loud second would darken an hour of music; instead each patch takes the
/// loudest bin within the <see cref="ReferenceFrames"/> around it (shifted inside the recording at its ends), the
/// context a training clip had. Memory is therefore bounded by that window, whatever the recording's length.
/// </para>
/// <para>A recording shorter than one patch gives one patch padded with its quietest dB value, as the segmenter
/// pads. Not thread-safe.</para>
/// </remarks>
internal sealed class PatchAssembler
{
    private readonly LogMelOptions _features;
    private readonly int _melCount;
    private readonly float[] _power;

    // Frames [_firstFrame, _firstFrame + _count) are held frame-major; _frameMax[i] is frame i's loudest bin.
    private float[] _frames;
    private float[] _frameMax;
    private long _firstFrame;
    private int _count;
    private bool _completed;
    private long _nextPatch;

    /// <param name="features">The log-mel parameters (dB reference must be the maximum).</param>
    /// <param name="patchFrames">Frames per patch.</param>
    /// <param name="hopFrames">Frames between patch starts.</param>
    /// <param name="referenceFrames">Frames of context that fix each patch's dB reference; at least one patch.</param>
    public PatchAssembler(LogMelOptions features, int patchFrames, int hopFrames, int referenceFrames)
    {
        if (!features.Reference.IsMaximum)
            throw new ArgumentException("Streaming patches need the dB reference ref=np.max.", nameof(features));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceFrames, patchFrames);
        _features = features;
        _melCount = features.MelCount;
        PatchFrames = patchFrames;
        HopFrames = hopFrames;
        ReferenceFrames = referenceFrames;
        var capacity = referenceFrames + patchFrames + hopFrames;
        _frames = new float[capacity * _melCount];
        _frameMax = new float[capacity];
        _power = new float[_melCount * patchFrames];
    }

    /// <summary>Frames per patch.</summary>
    public int PatchFrames { get; }

    /// <summary>Frames between patch starts.</summary>
    public int HopFrames { get; }

    /// <summary>Frames of context that fix a patch's dB reference (see the remarks).</summary>
    public int ReferenceFrames { get; }

    /// <summary>Frames added so far.</summary>
    public long FrameCount => _firstFrame + _count;

    /// <summary>Values in one patch: mels × <see cref="PatchFrames"/>.</summary>
    public int PatchSize => _melCount * PatchFrames;

    /// <summary>Appends whole frames, frame-major (each frame's mel powers together).</summary>
    public void Add(ReadOnlySpan<float> frames)
    {
        if (_completed)
            throw new InvalidOperationException("The recording was already completed.");
        var count = frames.Length / _melCount;
        if (count * _melCount != frames.Length)
            throw new ArgumentException($"{frames.Length} values are not whole frames of {_melCount} mels.", nameof(frames));
        for (var f = 0; f < count;)
        {
            if (_count == _frameMax.Length)
                MakeRoom();
            var take = Math.Min(count - f, _frameMax.Length - _count);
            frames.Slice(f * _melCount, take * _melCount).CopyTo(_frames.AsSpan(_count * _melCount));
            for (var i = 0; i < take; i++)
                _frameMax[_count + i] = Max(frames.Slice((f + i) * _melCount, _melCount));
            _count += take;
            f += take;
        }
    }

    /// <summary>Marks the end of the recording: every remaining patch becomes ready.</summary>
    public void Complete() => _completed = true;

    /// <summary>
    /// Writes the next ready patch (<c>[mel][frame]</c>, dB) into <paramref name="destination"/> and says where it
    /// starts and how many real frames it covers; false when no patch is ready yet (or none is left).
    /// </summary>
    public bool TryTake(Span<float> destination, out PatchPlacement placement)
    {
        placement = default;
        var start = _nextPatch * HopFrames;
        var total = FrameCount;
        if (_completed)
        {
            // One patch for a recording shorter than a patch, whole patches otherwise.
            if (!(start + PatchFrames <= total || (start == 0 && total < PatchFrames && total > 0)))
                return false;
        }
        else
        {
            // The window's shift at the end depends on the recording's length: wait until it cannot matter.
            var centre = start + PatchFrames / 2;
            if (total < Math.Max(ReferenceFrames, centre + ReferenceFrames / 2) || total < start + PatchFrames)
                return false;
        }
        var covered = (int)Math.Min(PatchFrames, total - start);
        var reference = Reference(start, total);
        Convert(start, covered, reference, destination[..PatchSize]);
        placement = new PatchPlacement(start, covered);
        _nextPatch++;
        return true;
    }

    /// <summary>The loudest bin of the reference window of the patch at <paramref name="start"/>.</summary>
    private float Reference(long start, long total)
    {
        var windowStart = Math.Clamp(start + PatchFrames / 2 - ReferenceFrames / 2, 0, Math.Max(0, total - ReferenceFrames));
        var windowEnd = Math.Min(windowStart + ReferenceFrames, total);
        var max = 0f;
        for (var f = windowStart; f < windowEnd; f++)
            max = MathF.Max(max, _frameMax[f - _firstFrame]);
        return max;
    }

    /// <summary>Transposes the patch's frames to <c>[mel][frame]</c> and converts them to dB; a short recording's
    /// missing frames get its quietest dB value.</summary>
    private void Convert(long start, int covered, float reference, Span<float> destination)
    {
        var power = _power.AsSpan(0, _melCount * covered);
        var offset = (int)(start - _firstFrame);
        for (var f = 0; f < covered; f++)
        {
            var frame = _frames.AsSpan((offset + f) * _melCount, _melCount);
            for (var m = 0; m < _melCount; m++)
                power[m * covered + f] = frame[m];
        }
        Decibels.PowerToDb(power, power, reference, reference, _features.Amin, _features.TopDb);
        if (covered == PatchFrames)
        {
            power.CopyTo(destination);
            return;
        }
        var floor = float.PositiveInfinity;
        foreach (var value in power)
            floor = MathF.Min(floor, value);
        for (var m = 0; m < _melCount; m++)
        {
            var row = destination.Slice(m * PatchFrames, PatchFrames);
            power.Slice(m * covered, covered).CopyTo(row);
            row[covered..].Fill(floor);
        }
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var value in values)
            max = MathF.Max(max, value);
        return max;
    }

    /// <summary>Drops the frames no future patch or reference window can read (the last <see cref="ReferenceFrames"/>
    /// stay: at the end, windows shift back by up to that much); grows the buffer when a caller adds frames faster
    /// than it takes patches.</summary>
    private void MakeRoom()
    {
        var nextWindowStart = _nextPatch * HopFrames + PatchFrames / 2 - ReferenceFrames / 2;
        var keepFrom = Math.Min(nextWindowStart, FrameCount - ReferenceFrames);
        var drop = (int)Math.Clamp(keepFrom - _firstFrame, 0, _count);
        if (drop < _count / 4)
        {
            Array.Resize(ref _frames, 2 * _frames.Length);
            Array.Resize(ref _frameMax, 2 * _frameMax.Length);
        }
        if (drop == 0)
            return;
        Array.Copy(_frames, drop * _melCount, _frames, 0, (_count - drop) * _melCount);
        Array.Copy(_frameMax, drop, _frameMax, 0, _count - drop);
        _firstFrame += drop;
        _count -= drop;
    }
}

/// <summary>Where a patch lies: its first frame and how many real frames it covers (fewer than a patch only for a
/// recording shorter than one).</summary>
internal readonly record struct PatchPlacement(long StartFrame, int CoveredFrames);
