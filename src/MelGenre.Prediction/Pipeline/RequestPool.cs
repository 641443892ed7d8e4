using System.Collections.Concurrent;

namespace MelGenre.Prediction.Pipeline;

/// <summary>Reusable batches (2 MB each at the default patch size), so a classifier serving many files does not
/// allocate and collect large arrays per file. Thread-safe.</summary>
internal sealed class RequestPool(int capacity, int patchSize, int labelCount) : IDisposable
{
    private readonly ConcurrentBag<ScoreRequest> _free = [];

    public ScoreRequest Rent()
    {
        var request = _free.TryTake(out var reused) ? reused : new ScoreRequest(capacity, patchSize, labelCount);
        request.Reset();
        return request;
    }

    public void Return(ScoreRequest request) => _free.Add(request);

    public void Dispose()
    {
        while (_free.TryTake(out var request))
            request.Dispose();
    }
}
