using System.Collections.Concurrent;
using MelGenre.Model;

namespace MelGenre.Prediction.Pipeline;

/// <summary>
/// The one thread that runs the network for a classifier. Classifications (any number of threads, each computing its
/// own features) hand it batches of patches and go on computing the next ones while it works. Each batch is scored on
/// its own, never merged with another file's: a patch's probabilities then depend only on its file, not on what else
/// was running (libtorch's kernels may round differently at another batch size), and merging would rarely help
/// anyway — a 30 s clip fills 18 of the 32 places. Thread-safe.
/// </summary>
internal sealed class BatchScorer : IDisposable
{
    private readonly GenreModel _model;
    private readonly BlockingCollection<ScoreRequest> _queue = new();
    private readonly Thread _thread;

    public BatchScorer(GenreModel model)
    {
        _model = model;
        _thread = new Thread(Run) { IsBackground = true, Name = "MelGenre network" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="request"/>; it completes when its probabilities are filled in.</summary>
    public void Submit(ScoreRequest request) => _queue.Add(request);

    /// <summary>Finishes the queued requests, then stops the thread.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        TorchRuntime.ApplyToCurrentThread();
        foreach (var request in _queue.GetConsumingEnumerable())
        {
            try
            {
                _model.ScorePatches(request.Patches, request.Count, request.Probabilities);
                request.Complete(null);
            }
            catch (Exception e)
            {
                request.Complete(e);
            }
        }
    }
}

/// <summary>Patches waiting for the network and, once scored, their probabilities (patch × label). Reusable: one
/// classification fills, submits and waits on it again and again.</summary>
internal sealed class ScoreRequest : IDisposable
{
    private readonly ManualResetEventSlim _done = new();
    private Exception? _failure;

    public ScoreRequest(int capacity, int patchSize, int labelCount)
    {
        Patches = new float[capacity * patchSize];
        Probabilities = new float[capacity * labelCount];
        Placements = new PatchPlacement[capacity];
    }

    /// <summary>Patch after patch, <c>[mel][frame]</c> in dB.</summary>
    public float[] Patches { get; }

    /// <summary>Where each patch lies in its recording.</summary>
    public PatchPlacement[] Placements { get; }

    /// <summary>How many of <see cref="Patches"/> are filled and to be scored.</summary>
    public int Count { get; set; }

    /// <summary>Filled by the scorer: <see cref="Count"/> × labels.</summary>
    public float[] Probabilities { get; }

    /// <summary>Readies the request for its next use.</summary>
    public void Reset()
    {
        Count = 0;
        _failure = null;
        _done.Reset();
    }

    /// <summary>Blocks until scored; rethrows the scorer's failure.</summary>
    public void Wait()
    {
        _done.Wait();
        if (_failure is not null)
            throw new InvalidOperationException($"The network failed: {_failure.Message}", _failure);
    }

    /// <summary>Blocks until the scorer is done with the request, ignoring how it ended (cleanup after a failure).</summary>
    public void WaitQuietly() => _done.Wait();

    public void Dispose() => _done.Dispose();

    internal void Complete(Exception? failure)
    {
        _failure = failure;
        _done.Set();
    }
}
