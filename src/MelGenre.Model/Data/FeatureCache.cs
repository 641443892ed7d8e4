using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MelGenre.Audio;
using MelGenre.Audio.Processing;
using MelGenre.Features.Mel;

namespace MelGenre.Model.Data;

/// <summary>
/// Computes each clip's log-mel spectrogram once (decode → mono → resample → <see cref="LogMelExtractor"/>) and keeps
/// it on disk at <c>Folder/ParameterHash/ContentHash.lmel</c>.
/// </summary>
/// <remarks>
/// The key is the SHA-256 of the audio file's bytes, not its size, time and path: hashing a 30 s clip costs well under
/// a millisecond against tens of milliseconds to decode it, and a content key survives copies, moves and touched
/// timestamps and can never serve features of a file edited in place within one timestamp tick. The parameter hash
/// covers every <see cref="LogMelOptions"/> property (serialised whole, so a property added later is covered too) and
/// <see cref="PipelineVersion"/>, so changed parameters use a fresh folder and never read stale features. Entries are
/// written to a temporary file and renamed into place, so readers never see half a file; an unreadable entry is
/// recomputed. Safe to use from several threads and processes.
/// </remarks>
public sealed class FeatureCache
{
    /// <summary>Version of the decode → mono → resample → extract pipeline and the file format; bump it when any
    /// step changes its output, so old entries are no longer found.</summary>
    public const int PipelineVersion = 1;

    private static readonly byte[] Magic = "MGLMEL01"u8.ToArray();
    private const int HeaderBytes = 8 + 4 * 4 + 8 * 2 + 4;

    private readonly Func<string, MelSpectrogram> _extract;

    /// <summary>A cache of the log-mel features <paramref name="options"/> define.</summary>
    /// <param name="folder">Cache root; null: <see cref="DefaultFolder"/>.</param>
    /// <param name="options">Feature parameters; null: the project's defaults.</param>
    /// <param name="extract">Path → log-mel, for tests; null: decode, downmix, resample to the options' rate, extract.
    /// It may be called from several threads at once and throws <see cref="AudioDecodeException"/> for bad audio.</param>
    public FeatureCache(string? folder = null, LogMelOptions? options = null, Func<string, MelSpectrogram>? extract = null)
    {
        Options = options ?? new LogMelOptions();
        Folder = Path.GetFullPath(folder ?? DefaultFolder());
        ParameterHash = HashParameters(Options);
        _extract = extract ?? CreateExtractor(Options);
    }

    /// <summary>The feature parameters.</summary>
    public LogMelOptions Options { get; }

    /// <summary>The cache root.</summary>
    public string Folder { get; }

    /// <summary>Hex SHA-256 (first 16 bytes) of <see cref="Options"/> and <see cref="PipelineVersion"/>: the subfolder of this cache's entries.</summary>
    public string ParameterHash { get; }

    /// <summary><c>$XDG_CACHE_HOME/melgenre/features</c>, or <c>~/.cache/melgenre/features</c> when it is unset.</summary>
    public static string DefaultFolder()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "melgenre", "features");
    }

    /// <summary>The hash <see cref="ParameterHash"/> would be for <paramref name="options"/>.</summary>
    public static string HashParameters(LogMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"pipeline={PipelineVersion};options={JsonSerializer.Serialize(options, FeatureParameterJson.Default.LogMelOptions)}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    /// <summary>The entry path of the audio file at <paramref name="audioPath"/> (hashes its bytes).</summary>
    public string EntryPath(string audioPath) =>
        Path.Combine(Folder, ParameterHash, CacheFile.ContentHash(audioPath) + ".lmel");

    /// <summary>The log-mel of the audio file at <paramref name="audioPath"/>, from the cache or computed and stored.</summary>
    /// <param name="audioPath">The audio file.</param>
    /// <param name="computed">True when it was not cached.</param>
    /// <exception cref="AudioDecodeException">The file cannot be read or decoded.</exception>
    public MelSpectrogram GetOrCompute(string audioPath, out bool computed)
    {
        ArgumentException.ThrowIfNullOrEmpty(audioPath);
        string entry;
        try
        {
            entry = EntryPath(audioPath);
        }
        catch (IOException e)
        {
            throw new AudioDecodeException(AudioErrorKind.Unreadable, e.Message, audioPath, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new AudioDecodeException(AudioErrorKind.Unreadable, e.Message, audioPath, e);
        }
        if (TryRead(entry) is { } cached)
        {
            computed = false;
            return cached;
        }
        var mel = _extract(audioPath);
        Write(entry, mel);
        computed = true;
        return mel;
    }

    /// <summary>
    /// The log-mel of every clip, <paramref name="maxParallelism"/> clips at a time. A clip that fails to decode is
    /// listed in <see cref="FeatureSet.Failures"/> and the others go on; any other error (e.g. the cache folder not
    /// writable) ends the call.
    /// </summary>
    /// <param name="clips">The clips, e.g. <see cref="LabeledDataset.Clips"/>.</param>
    /// <param name="maxParallelism">Clips processed at once; default 2 (this machine's cores).</param>
    /// <param name="progress">Told after each clip.</param>
    /// <param name="cancellationToken">Stops starting new clips.</param>
    /// <returns>Features in the order of <paramref name="clips"/> (failed ones left out), and the failures.</returns>
    public FeatureSet Load(IReadOnlyList<LabeledClip> clips, int maxParallelism = 2,
        IProgress<FeatureProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxParallelism);
        var mels = new MelSpectrogram?[clips.Count];
        var errors = new AudioDecodeException?[clips.Count];
        int done = 0, computedCount = 0, failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, clips.Count, parallel, i =>
        {
            try
            {
                mels[i] = GetOrCompute(clips[i].Path, out var computed);
                if (computed)
                    Interlocked.Increment(ref computedCount);
            }
            catch (AudioDecodeException e)
            {
                errors[i] = e.Source is null ? e.WithSource(clips[i].Path) : e;
                Interlocked.Increment(ref failed);
            }
            var finished = Interlocked.Increment(ref done);
            progress?.Report(new FeatureProgress(finished, clips.Count, Volatile.Read(ref computedCount), Volatile.Read(ref failed), clips[i]));
        });
        var features = new List<ClipFeatures>(clips.Count);
        var failures = new List<ClipFailure>();
        for (var i = 0; i < clips.Count; i++)
        {
            if (mels[i] is { } mel)
                features.Add(new ClipFeatures(clips[i], mel));
            else
                failures.Add(new ClipFailure(clips[i], errors[i]!));
        }
        return new FeatureSet(features, failures, computedCount);
    }

    private static Func<string, MelSpectrogram> CreateExtractor(LogMelOptions options)
    {
        // LogMelExtractor owns work buffers: one per thread.
        var extractors = new ThreadLocal<LogMelExtractor>(() => new LogMelExtractor(options));
        return path =>
        {
            return extractors.Value!.Compute(MonoAudioStream.Load(path, options.SampleRate));
        };
    }

    private static MelSpectrogram? TryRead(string entry)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(entry);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        if (bytes.Length < HeaderBytes || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            return null;
        var header = bytes.AsSpan(Magic.Length);
        var melCount = BinaryPrimitives.ReadInt32LittleEndian(header);
        var frameCount = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var sampleRate = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var hopLength = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var minFrequency = BinaryPrimitives.ReadDoubleLittleEndian(header[16..]);
        var maxFrequency = BinaryPrimitives.ReadDoubleLittleEndian(header[24..]);
        var isDecibels = BinaryPrimitives.ReadInt32LittleEndian(header[32..]) != 0;
        if (melCount < 0 || frameCount < 0 || bytes.Length - HeaderBytes != 4L * melCount * frameCount)
            return null;
        var values = new float[melCount * frameCount];
        var body = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(4 * i)..]);
        return new MelSpectrogram(values, melCount, frameCount, sampleRate, hopLength, minFrequency, maxFrequency, isDecibels);
    }

    private static void Write(string entry, MelSpectrogram mel)
    {
        var values = mel.Values.Span;
        var bytes = new byte[HeaderBytes + 4 * values.Length];
        Magic.CopyTo(bytes, 0);
        var header = bytes.AsSpan(Magic.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header, mel.MelCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], mel.FrameCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], mel.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], mel.HopLength);
        BinaryPrimitives.WriteDoubleLittleEndian(header[16..], mel.MinFrequency);
        BinaryPrimitives.WriteDoubleLittleEndian(header[24..], mel.MaxFrequency);
        BinaryPrimitives.WriteInt32LittleEndian(header[32..], mel.IsDecibels ? 1 : 0);
        var body = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(body[(4 * i)..], values[i]);
        CacheFile.WriteAtomically(entry, bytes);
    }
}
