using MelGenre.Audio;
using MelGenre.Audio.Processing;
using MelGenre.Features.Mel;

namespace MelGenre.Prediction.Pipeline;

/// <summary>
/// One recording through the pipeline: mono samples → mel power frames → dB patches → batches for the
/// <see cref="BatchScorer"/> → <see cref="Timeline"/>. Runs on the calling thread, which keeps computing features while
/// up to <see cref="BatchesInFlight"/> batches wait for or occupy the network. Memory stays bounded by the block
/// sizes, the reference window and the batches, whatever the recording's length.
/// </summary>
internal sealed class RecordingRun(PipelinePlan plan, BatchScorer scorer, RequestPool requests)
{
    /// <summary>Samples pulled from the audio per step (0.37 s at 22050 Hz).</summary>
    private const int BlockSamples = 8192;

    /// <summary>Mel frames moved per step.</summary>
    private const int BlockFrames = 64;

    /// <summary>Batches of one recording queued or being scored at once: one scored while the next fills.</summary>
    private const int BatchesInFlight = 2;

    private readonly Queue<ScoreRequest> _inFlight = new();
    private ScoreRequest? _filling;

    public GenrePrediction Run(MonoAudioStream audio)
    {
        var features = plan.Features;
        var mel = new MelPowerStream(features);
        var assembler = new PatchAssembler(features, plan.PatchFrames, plan.HopFrames, plan.ReferenceFrames);
        var timeline = new Timeline(plan.Labels, (double)features.HopLength / features.SampleRate, plan.SegmentFrames, plan.IncludeSegments);
        var samples = new float[BlockSamples];
        var frames = new float[BlockFrames * features.MelCount];
        try
        {
            while (true)
            {
                var read = audio.Read(samples);
                if (read == 0)
                    mel.Complete();
                else
                    mel.Write(samples.AsSpan(0, read));
                int frameCount;
                while ((frameCount = mel.Read(frames)) > 0)
                {
                    assembler.Add(frames.AsSpan(0, frameCount * features.MelCount));
                    TakePatches(assembler, timeline);
                }
                if (read == 0)
                    break;
            }
            if (audio.SourceFrameCount == 0)
                throw new AudioDecodeException(AudioErrorKind.Empty, "no audio: it decodes to 0 samples", audio.Source);
            assembler.Complete();
            TakePatches(assembler, timeline);
            if (_filling is { Count: > 0 })
                Submit();
            while (_inFlight.Count > 0)
                Collect(timeline);
            return timeline.Finish(audio.Duration.TotalSeconds);
        }
        finally
        {
            if (_filling is not null)
                requests.Return(_filling);
            // On failure the scorer may still hold our batches: let it finish with them before they are reused.
            while (_inFlight.TryDequeue(out var pending))
            {
                pending.WaitQuietly();
                requests.Return(pending);
            }
        }
    }

    /// <summary>Moves every ready patch into batches, submitting each batch that fills.</summary>
    private void TakePatches(PatchAssembler assembler, Timeline timeline)
    {
        var size = assembler.PatchSize;
        while (true)
        {
            var batch = _filling ??= requests.Rent();
            if (!assembler.TryTake(batch.Patches.AsSpan(batch.Count * size, size), out var placement))
                return;
            batch.Placements[batch.Count++] = placement;
            if (batch.Count < batch.Placements.Length)
                continue;
            Submit();
            if (_inFlight.Count >= BatchesInFlight)
                Collect(timeline);
        }
    }

    /// <summary>Hands the batch being filled to the scorer.</summary>
    private void Submit()
    {
        var batch = _filling!;
        _filling = null;
        _inFlight.Enqueue(batch);
        scorer.Submit(batch);
    }

    /// <summary>Waits for the oldest batch in flight and adds its patches to the timeline, in time order.</summary>
    private void Collect(Timeline timeline)
    {
        var done = _inFlight.Peek();
        done.Wait();
        _inFlight.Dequeue();
        var labels = plan.Labels.Count;
        for (var p = 0; p < done.Count; p++)
            timeline.Add(done.Placements[p], done.Probabilities.AsSpan(p * labels, labels));
        requests.Return(done);
    }
}

/// <summary>What every recording of one classification call shares: the model's features and patch geometry, and
/// the caller's hop, segments and limits.</summary>
internal sealed record PipelinePlan(
    IReadOnlyList<string> Labels,
    LogMelOptions Features,
    int PatchFrames,
    int HopFrames,
    int ReferenceFrames,
    int? SegmentFrames,
    bool IncludeSegments,
    TimeSpan? MaxDuration);
