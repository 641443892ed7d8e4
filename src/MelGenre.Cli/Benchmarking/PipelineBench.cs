using System.Diagnostics;
using System.Globalization;
using MelGenre.Audio.Decoding;
using MelGenre.Cli.Classification;
using MelGenre.Model;
using MelGenre.Prediction;

namespace MelGenre.Cli.Benchmarking;

/// <summary>
/// The measurements behind <c>melgenre bench</c>, each printed as a table row as soon as it is known: one clip in a
/// warm process, a folder of clips through the same batch runner as <c>classify</c> (several jobs and thread
/// counts), a long recording in a child process (time and peak memory), and start-up to the first result.
/// </summary>
internal sealed class PipelineBench(TextWriter output, TextWriter progress)
{
    /// <summary>Timed runs of the single clip (after warm-up runs).</summary>
    private const int ClipRuns = 20;

    /// <summary>Runs of the start-up measurement (the median is reported).</summary>
    private const int StartupRuns = 3;

    public sealed record Settings(IReadOnlyList<string> Clips, string? Model, IReadOnlyList<int> Threads, IReadOnlyList<int> Jobs,
        double LongSeconds, string WorkFolder);

    public void Run(Settings settings)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MelGenre pipeline benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {settings.Clips.Count} clips"));
        output.WriteLine();
        output.WriteLine("| measurement | setting | result |");
        output.WriteLine("|---|---|---|");
        // The long recording first: the peak memory Linux reports for children is the largest of all of them.
        if (settings.LongSeconds > 0)
            LongFile(settings);
        Startup(settings);
        // The first clip as it is, and the same audio as a 16-bit WAV (the original project's input), where decoding is
        // nearly free and the rest of the pipeline shows.
        var wav = Path.Combine(settings.WorkFolder, "bench-clip.wav");
        var clip = AudioDecoder.Decode(settings.Clips[0]);
        using (var writer = new Pcm16WavWriter(wav, clip.SampleRate, clip.ChannelCount, clip.FrameCount))
            writer.Write(clip.Samples.Span);
        foreach (var threads in settings.Threads)
        {
            TorchRuntime.Initialize(threads);
            using var classifier = Classifier.Load(settings.Model);
            SingleClip(classifier, settings.Clips[0], threads);
            SingleClip(classifier, wav, threads);
            foreach (var jobs in settings.Jobs)
                Folder(classifier, settings.Clips, threads, jobs);
        }
        File.Delete(wav);
    }

    private void SingleClip(Classifier classifier, string clip, int threads)
    {
        for (var i = 0; i < 3; i++)
            classifier.Classify(clip);
        var times = new double[ClipRuns];
        for (var i = 0; i < ClipRuns; i++)
        {
            var clock = Stopwatch.StartNew();
            classifier.Classify(clip);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Row($"one {AudioDecoder.Decode(clip).Duration.TotalSeconds:0} s clip ({Describe(clip)}), file to genres, warm process", $"threads {threads}",
            $"median {times[ClipRuns / 2]:0.0} ms, min {times[0]:0.0} ms, p90 {times[ClipRuns * 9 / 10]:0.0} ms ({ClipRuns} runs)");
    }

    private void Folder(Classifier classifier, IReadOnlyList<string> clips, int threads, int jobs)
    {
        progress.WriteLine($"bench: {clips.Count} clips, jobs {jobs}, threads {threads}…");
        var failed = 0;
        var clock = Stopwatch.StartNew();
        OrderedBatch.Run(clips, jobs, file => SafeClassification.Classify(classifier, file, ClassifyOptions.Default),
            result => failed += result.Error is null ? 0 : 1, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Row($"folder of 30 s clips (`classify DIR`)", $"jobs {jobs}, threads {threads}",
            $"**{clips.Count / seconds:0.0} clips/s** ({clips.Count} clips in {seconds:0.0} s{(failed > 0 ? $", {failed} failed" : "")})");
    }

    private void LongFile(Settings settings)
    {
        var path = Path.Combine(settings.WorkFolder, "long-recording.wav");
        progress.WriteLine($"bench: writing a {settings.LongSeconds / 60:0} min 44.1 kHz stereo WAV to {path}…");
        LongRecording.Write(path, settings.Clips, settings.LongSeconds);
        var megabytes = new FileInfo(path).Length / 1048576.0;
        foreach (var threads in settings.Threads)
        {
            progress.WriteLine($"bench: classifying it with --segments --segment-seconds 30, threads {threads}…");
            var run = ChildProcess.RunMelGenre(["classify", path, "--segments", "--segment-seconds", "30", "--format", "jsonl",
                "--out", Path.Combine(settings.WorkFolder, "long-recording.jsonl"), "--threads", $"{threads}", .. ModelArguments(settings)]);
            Check(run);
            var seconds = run.Elapsed.TotalSeconds;
            Row($"{settings.LongSeconds / 3600:0.##} h recording (WAV 44.1 kHz stereo, {megabytes:0} MB), `classify --segments`, process start included",
                $"threads {threads}", $"**{seconds:0.0} s = {settings.LongSeconds / seconds:0}× real time**, peak RSS {run.PeakChildMegabytes:0} MB");
        }
        File.Delete(path);
    }

    private void Startup(Settings settings)
    {
        var times = new double[StartupRuns];
        for (var i = 0; i < StartupRuns; i++)
        {
            var run = ChildProcess.RunMelGenre(["classify", settings.Clips[0], "--format", "jsonl", .. ModelArguments(settings)]);
            Check(run);
            times[i] = run.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        Row($"start-up to first result: `melgenre classify CLIP` (process start, model load, one clip)", "threads 1",
            $"median {times[StartupRuns / 2]:0.00} s, min {times[0]:0.00} s ({StartupRuns} runs)");
    }

    /// <summary>The format and layout of an audio file, e.g. "Ogg Vorbis, 22050 Hz mono".</summary>
    private static string Describe(string path)
    {
        using var reader = AudioDecoder.Open(path);
        var format = reader.GetType().Name.Replace("Reader", "", StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"{format}, {reader.SampleRate} Hz, {reader.ChannelCount} ch");
    }

    private static string[] ModelArguments(Settings settings) => settings.Model is { } model ? ["--model", model] : [];

    private static void Check(ChildProcess.Result run)
    {
        if (run.ExitCode != ExitCodes.Success)
            throw new InvalidOperationException($"The child melgenre failed (exit {run.ExitCode}): {run.Error.Trim()}");
    }

    private void Row(FormattableString measurement, string setting, FormattableString result)
    {
        output.WriteLine($"| {measurement.ToString(CultureInfo.InvariantCulture)} | {setting} | {result.ToString(CultureInfo.InvariantCulture)} |");
        output.Flush();
    }
}
