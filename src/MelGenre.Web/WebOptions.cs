namespace MelGenre.Web;

/// <summary>
/// The server's model and limits. Every limit guards the machine from one request or a crowd of them; the defaults
/// suit a small shared server.
/// </summary>
public sealed record WebOptions
{
    /// <summary>The model folder (<c>manifest.json</c> + weights). Default null: the model shipped beside the
    /// application (<see cref="Prediction.Classifier.DefaultModelFolder"/>).</summary>
    public string? ModelFolder { get; init; }

    /// <summary>Largest upload accepted, in bytes: a larger one is refused with 413 as soon as it passes the limit.
    /// Default 100 MiB; at most <see cref="Array.MaxLength"/> (the pictures' endpoints hold an upload in memory).</summary>
    public long MaxUploadBytes { get; init; } = 100L << 20;

    /// <summary>Longest audio accepted: decoding stops with 413 as soon as it passes the limit. Default 20 minutes.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Requests decoding and classifying at once; the others wait in a queue. Default 2.</summary>
    public int MaxConcurrentAnalyses { get; init; } = 2;

    /// <summary>Requests that may wait for their turn; one more is refused with 503 and a <c>Retry-After</c> header.
    /// Default 16; 0 refuses every request that cannot start at once.</summary>
    public int QueueLimit { get; init; } = 16;

    /// <summary>Longest time a request may take, queueing, upload and analysis included; beyond it the answer is 504.
    /// Default 2 minutes.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Threads libtorch may use for the network (process-wide). Default 1: the request threads already keep
    /// the cores busy, and more libtorch threads spin-wait on a small machine.</summary>
    public int LibTorchThreads { get; init; } = 1;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive (the queue limit is negative, the upload
    /// limit above <see cref="Array.MaxLength"/>).</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxUploadBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxUploadBytes, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentAnalyses);
        ArgumentOutOfRangeException.ThrowIfNegative(QueueLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LibTorchThreads);
    }
}
