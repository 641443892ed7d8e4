using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;
using MelGenre.Features.Mel;
using MelGenre.Model.Data;

namespace MelGenre.Model.Tests.Data;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly DataTree _tree = new();
    private int _extractions;

    public void Dispose() => _tree.Dispose();

    private string CacheFolder => _tree.PathOf("cache");

    private LabeledDataset Dataset() => LabeledDataset.Scan(_tree.PathOf("audio"));

    /// <summary>The real pipeline, counting its calls.</summary>
    private MelSpectrogram CountingExtract(string path, LogMelOptions options)
    {
        Interlocked.Increment(ref _extractions);
        var clip = Resampler.Resample(AudioDecoder.Decode(path).ToMono(), options.SampleRate);
        return new LogMelExtractor(options).Compute(clip);
    }

    private FeatureCache Cache(LogMelOptions? options = null)
    {
        options ??= new LogMelOptions();
        return new FeatureCache(CacheFolder, options, path => CountingExtract(path, options));
    }

    private void ThreeClips()
    {
        _tree.Wav("audio/blues/blues.00000.wav", frequency: 220);
        _tree.Wav("audio/blues/blues.00001.wav", frequency: 330);
        _tree.Wav("audio/rock/rock.00000.wav", frequency: 440, sampleRate: 44100);
    }

    [Fact]
    public void A_second_load_reads_every_clip_from_the_cache_and_decodes_nothing()
    {
        ThreeClips();
        var clips = Dataset().Clips;

        var first = Cache().Load(clips, cancellationToken: TestContext.Current.CancellationToken);
        var second = Cache().Load(clips, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, first.ComputedCount);
        Assert.Equal(0, second.ComputedCount);
        Assert.Equal(3, _extractions);
        for (var i = 0; i < 3; i++)
        {
            Assert.Same(clips[i], second.Features[i].Clip);
            Assert.True(first.Features[i].Mel.Values.Span.SequenceEqual(second.Features[i].Mel.Values.Span), $"cached values of {clips[i].RelativePath} differ from the computed ones");
            Assert.Equal(first.Features[i].Mel.FrameCount, second.Features[i].Mel.FrameCount);
            Assert.Equal(first.Features[i].Mel.MaxFrequency, second.Features[i].Mel.MaxFrequency);
        }
    }

    [Fact]
    public void The_default_pipeline_equals_decode_mono_resample_extract_and_round_trips_exactly()
    {
        _tree.Wav("audio/rock/rock.00000.wav", seconds: 0.5, sampleRate: 44100);
        var path = Dataset().Clips[0].Path;
        var expected = new LogMelExtractor().Compute(Resampler.Resample(AudioDecoder.Decode(path).ToMono(), 22050));
        var cache = new FeatureCache(CacheFolder);

        var computed = cache.GetOrCompute(path, out var wasComputed);
        var cached = cache.GetOrCompute(path, out var wasComputedAgain);

        Assert.True(wasComputed);
        Assert.False(wasComputedAgain);
        Assert.Equal((128, expected.FrameCount, 22050, 512, true), (cached.MelCount, cached.FrameCount, cached.SampleRate, cached.HopLength, cached.IsDecibels));
        Assert.True(expected.Values.Span.SequenceEqual(computed.Values.Span), "computed features differ from the plain pipeline");
        Assert.True(expected.Values.Span.SequenceEqual(cached.Values.Span), "cached features differ from the plain pipeline");
    }

    [Fact]
    public void Changed_feature_parameters_never_reuse_cached_features()
    {
        ThreeClips();
        var clips = Dataset().Clips;
        var defaults = Cache();
        var finerHop = Cache(new LogMelOptions { HopLength = 256 });
        var fewerMels = Cache(new LogMelOptions { MelCount = 64 });

        defaults.Load(clips, cancellationToken: TestContext.Current.CancellationToken);
        var hop = finerHop.Load(clips, cancellationToken: TestContext.Current.CancellationToken);
        var mels = fewerMels.Load(clips, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, hop.ComputedCount);
        Assert.Equal(3, mels.ComputedCount);
        Assert.Equal(3, new[] { defaults.ParameterHash, finerHop.ParameterHash, fewerMels.ParameterHash }.Distinct().Count());
        Assert.Equal(64, mels.Features[0].Mel.MelCount);
        Assert.Equal(256, hop.Features[0].Mel.HopLength);
        Assert.Equal(defaults.ParameterHash, FeatureCache.HashParameters(new LogMelOptions()));
    }

    [Fact]
    public void Every_feature_parameter_enters_the_parameter_hash()
    {
        var defaults = new LogMelOptions();
        LogMelOptions[] changed =
        [
            defaults with { SampleRate = 16000 },
            defaults with { FftSize = 1024 },
            defaults with { HopLength = 256 },
            defaults with { PadMode = Features.Transforms.PadMode.Reflect },
            defaults with { MelCount = 96 },
            defaults with { MinFrequency = 20 },
            defaults with { MaxFrequency = 8000 },
            defaults with { Htk = true },
            defaults with { Reference = Features.DecibelReference.One },
            defaults with { Amin = 1e-5 },
            defaults with { TopDb = null },
        ];

        var hashes = changed.Select(FeatureCache.HashParameters).Prepend(FeatureCache.HashParameters(defaults)).ToArray();

        Assert.True(hashes.Distinct().Count() == hashes.Length, "two parameter sets share a hash: " + string.Join(", ", hashes));
    }

    [Fact]
    public void The_key_is_the_content_so_a_copy_hits_and_an_edit_misses()
    {
        var original = _tree.Wav("audio/blues/blues.00000.wav", frequency: 220);
        var cache = Cache();
        cache.GetOrCompute(original, out _);

        File.Copy(original, _tree.PathOf("audio/blues/copy.wav"));
        cache.GetOrCompute(_tree.PathOf("audio/blues/copy.wav"), out var copyComputed);
        _tree.Wav("audio/blues/blues.00000.wav", frequency: 660);
        cache.GetOrCompute(original, out var editComputed);

        Assert.False(copyComputed);
        Assert.True(editComputed);
        Assert.Equal(2, _extractions);
    }

    [Fact]
    public void A_damaged_cache_entry_is_recomputed_and_no_temporary_files_remain()
    {
        var path = _tree.Wav("audio/blues/blues.00000.wav");
        var cache = Cache();
        var first = cache.GetOrCompute(path, out _);
        var entry = cache.EntryPath(path);
        File.WriteAllBytes(entry, File.ReadAllBytes(entry)[..100]);

        var again = cache.GetOrCompute(path, out var computed);

        Assert.True(computed);
        Assert.True(first.Values.Span.SequenceEqual(again.Values.Span));
        Assert.Equal([entry], Directory.GetFiles(CacheFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_file_that_does_not_decode_is_reported_and_the_others_load()
    {
        ThreeClips();
        var bad = _tree.Bytes("audio/rock/rock.00001.wav", "RIFF not really a wave file"u8.ToArray());
        var clips = Dataset().Clips;

        var set = new FeatureCache(CacheFolder).Load(clips, maxParallelism: 2, cancellationToken: TestContext.Current.CancellationToken);

        var failure = Assert.Single(set.Failures);
        Assert.Equal("rock/rock.00001.wav", failure.Clip.RelativePath);
        Assert.Equal(bad, failure.Error.Source);
        Assert.Equal(["blues/blues.00000.wav", "blues/blues.00001.wav", "rock/rock.00000.wav"], set.Features.Select(f => f.Clip.RelativePath));
    }

    [Fact]
    public void Progress_counts_every_clip_once()
    {
        ThreeClips();
        _tree.Bytes("audio/rock/rock.00001.wav", [0, 1, 2, 3]);
        var reports = new List<FeatureProgress>();
        var progress = new Recorder(reports);

        Cache().Load(Dataset().Clips, maxParallelism: 2, progress, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Done).Order());
        Assert.All(reports, r => Assert.Equal(4, r.Total));
        var last = reports.MaxBy(r => r.Done);
        Assert.Equal((3, 1), (last.Computed, last.Failed));
        Assert.Equal(4, reports.Select(r => r.Clip.RelativePath).Distinct().Count());
    }

    [Fact]
    public void The_default_folder_follows_XDG_CACHE_HOME()
    {
        var saved = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/some/cache");
            Assert.Equal("/some/cache/melgenre/features", FeatureCache.DefaultFolder());
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "melgenre", "features"), FeatureCache.DefaultFolder());
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", saved);
        }
    }

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Recorder(List<FeatureProgress> reports) : IProgress<FeatureProgress>
    {
        public void Report(FeatureProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
