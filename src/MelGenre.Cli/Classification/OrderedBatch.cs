using MelGenre.Prediction;

namespace MelGenre.Cli.Classification;

/// <summary>
/// Classifies files on <c>jobs</c> worker threads and hands the results to one consumer in input order, so the output
/// is the same whatever the number of jobs. Workers run at most <see cref="Lookahead"/> files ahead of the consumer,
/// which bounds the results held in memory on a library of any size. Stops taking new files once cancelled.
/// </summary>
internal static class OrderedBatch
{
    /// <summary>Most results done but not yet consumed.</summary>
    private const int Lookahead = 64;

    /// <summary>Runs <paramref name="classify"/> over <paramref name="files"/>; <paramref name="consume"/> gets each
    /// result in order on the calling thread. Returns how many files were consumed (fewer than all when cancelled).</summary>
    public static int Run(IReadOnlyList<string> files, int jobs, Func<string, FileClassification> classify,
        Action<FileClassification> consume, CancellationToken cancellation)
    {
        var results = new FileClassification?[files.Count];
        var gate = new object();
        var next = 0;
        var consumed = 0;
        var stop = false;

        void Work()
        {
            while (true)
            {
                int index;
                lock (gate)
                {
                    while (!stop && next < files.Count && next >= consumed + Lookahead)
                        Monitor.Wait(gate);
                    if (stop || next >= files.Count || cancellation.IsCancellationRequested)
                        return;
                    index = next++;
                }
                var result = classify(files[index]);
                lock (gate)
                {
                    results[index] = result;
                    Monitor.PulseAll(gate);
                }
            }
        }

        using var wake = cancellation.Register(() =>
        {
            lock (gate)
                Monitor.PulseAll(gate);
        });
        var workers = Enumerable.Range(0, Math.Clamp(jobs, 1, Math.Max(1, files.Count)))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"classify job {i}" }).ToList();
        workers.ForEach(worker => worker.Start());
        try
        {
            for (; consumed < files.Count; )
            {
                FileClassification result;
                lock (gate)
                {
                    // Once cancelled, wait only for files a worker already started.
                    while (results[consumed] is null && !(cancellation.IsCancellationRequested && consumed >= next))
                        Monitor.Wait(gate);
                    if (results[consumed] is null)
                        break;
                    result = results[consumed]!;
                    results[consumed] = null;
                }
                consume(result);
                lock (gate)
                {
                    consumed++;
                    Monitor.PulseAll(gate);
                }
            }
        }
        finally
        {
            lock (gate)
            {
                stop = true;
                Monitor.PulseAll(gate);
            }
            workers.ForEach(worker => worker.Join());
        }
        return consumed;
    }
}
