using MelGenre.Audio.Processing;
using System.CommandLine;
using System.Globalization;
using MelGenre.Audio;
using MelGenre.Cli.Output;
using MelGenre.Features;
using MelGenre.Features.Mel;
using MelGenre.Features.Transforms;
using MelGenre.Plots;

namespace MelGenre.Cli.Commands;

/// <summary>
/// <c>melgenre spectrogram IN... --out FILE | --out-dir DIR</c>: the log-mel spectrogram librosa computes
/// (defaults are librosa 0.10.2's), or with <c>--kind stft</c> the original page's trimmed linear-frequency picture,
/// written as .npy, .csv or .png.
/// </summary>
internal static class SpectrogramCommand
{
    private enum Kind { Mel, Stft }

    public static Command Create()
    {
        var inputs = new Argument<string[]>("input") { Arity = ArgumentArity.OneOrMore, Description = "Audio files (WAV, FLAC, MP3, Ogg Vorbis/Opus; others through ffmpeg)." };
        var output = new Option<string?>("--out", "-o") { Description = "Output file for a single input; its extension (.npy, .csv, .png) sets the format." };
        var outputFolder = new Option<string?>("--out-dir") { Description = "Output folder: one file per input, named after it." };
        var format = new Option<OutputFormat>("--format") { Description = "File format with --out-dir.", DefaultValueFactory = _ => OutputFormat.Npy };
        var kind = new Option<Kind>("--kind") { Description = "mel: log-mel spectrogram; stft: amplitude_to_db(|STFT|) of the trimmed signal on a linear axis (the original page's picture).", DefaultValueFactory = _ => Kind.Mel };
        var sampleRate = CommandOptions.PositiveInt("--sr", 22050, "Sample rate the audio is resampled to, in Hz.");
        var fftSize = CommandOptions.PositiveInt("--n-fft", 2048, "FFT size (window length) in samples.");
        var hop = CommandOptions.PositiveInt("--hop", 512, "Hop between frames in samples.");
        var melCount = CommandOptions.PositiveInt("--n-mels", 128, "Number of mel bands.");
        var minFrequency = new Option<double>("--fmin") { Description = "Lowest mel band edge in Hz.", DefaultValueFactory = _ => 0.0 };
        var maxFrequency = new Option<double?>("--fmax") { Description = "Highest mel band edge in Hz (default: sr / 2)." };
        var padMode = new Option<PadMode>("--pad-mode") { Description = "STFT edge padding with center=True: constant (zeros, librosa >= 0.9) or reflect.", DefaultValueFactory = _ => PadMode.Constant };
        var reference = new Option<DecibelReference>("--ref") { Description = "dB reference: max (0 dB = loudest bin), 1, or any positive number.", DefaultValueFactory = _ => DecibelReference.Maximum, CustomParser = ParseReference };
        // 'none' parses to +infinity (a floor infinitely far down): System.CommandLine 2.0.15 throws InvalidCastException when a
        // custom parser of a double? option returns null.
        var topDb = new Option<double>("--top-db") { Description = "Floor at this many dB below the peak, or 'none'.", DefaultValueFactory = _ => Decibels.DefaultTopDb, CustomParser = ParseTopDb };
        var trim = new Option<bool>("--trim") { Description = "Trim leading and trailing silence (effects.trim, top_db=60) first; always on for --kind stft." };

        var command = new Command("spectrogram", "Compute librosa-exact spectrograms and write them as .npy, .csv or .png.")
        {
            inputs, output, outputFolder, format, kind, sampleRate, fftSize, hop, melCount, minFrequency, maxFrequency, padMode, reference, topDb, trim,
        };
        command.Validators.Add(result =>
        {
            var single = result.GetValue(output);
            var folder = result.GetValue(outputFolder);
            if (CommandOptions.UnknownOptionError(result.GetValue(inputs)) is { } unknownOption)
                result.AddError(unknownOption);
            else if ((single is null) == (folder is null))
                result.AddError("Give exactly one of --out FILE or --out-dir DIR.");
            else if (single is not null && result.GetValue(inputs) is { Length: > 1 })
                result.AddError("--out takes a single input; use --out-dir for several.");
            else if (single is not null && OutputFormats.FromPath(single) is null)
                result.AddError($"--out {single}: unknown extension; use .npy, .csv or .png.");
        });

        command.SetAction(parsed =>
        {
            var settings = new Settings(
                parsed.GetValue(kind),
                new LogMelOptions
                {
                    SampleRate = parsed.GetValue(sampleRate),
                    FftSize = parsed.GetValue(fftSize),
                    HopLength = parsed.GetValue(hop),
                    MelCount = parsed.GetValue(melCount),
                    MinFrequency = parsed.GetValue(minFrequency),
                    MaxFrequency = parsed.GetValue(maxFrequency),
                    PadMode = parsed.GetValue(padMode),
                    Reference = parsed.GetValue(reference),
                    TopDb = parsed.GetValue(topDb) is var floor && double.IsPositiveInfinity(floor) ? null : floor,
                },
                parsed.GetValue(trim));
            var single = parsed.GetValue(output);
            var folder = parsed.GetValue(outputFolder);
            var folderFormat = parsed.GetValue(format);
            if (folder is not null)
                Directory.CreateDirectory(folder);
            return InputBatch.Run(parsed.GetValue(inputs)!, input =>
            {
                var target = single ?? Path.Combine(folder!, Path.GetFileNameWithoutExtension(input) + OutputFormats.Extension(folderFormat));
                Write(input, target, settings);
            }, parsed.InvocationConfiguration.Error);
        });
        return command;
    }

    private sealed record Settings(Kind Kind, LogMelOptions Features, bool Trim);

    private static void Write(string input, string target, Settings settings)
    {
        var clip = MonoAudioStream.Load(input, settings.Features.SampleRate);
        var samples = settings.Trim || settings.Kind == Kind.Stft ? Trimmed(clip) : clip.Samples.Span;
        var image = settings.Kind == Kind.Mel ? MelImage(samples, settings.Features) : StftImage(samples, settings.Features);
        switch (OutputFormats.FromPath(target))
        {
            case OutputFormat.Npy:
                NpyWriter.WriteFile(target, image.Values, image.Rows, image.Frames);
                break;
            case OutputFormat.Csv:
                CsvWriter.WriteFile(target, image.Values, image.Rows, image.Frames);
                break;
            default:
                AtomicFile.WriteAllBytes(target, SpectrogramPlot.RenderPng(image, new SpectrogramPlotOptions(Title: Path.GetFileName(input))));
                break;
        }
    }

    private static ReadOnlySpan<float> Trimmed(AudioClip clip)
    {
        var range = Trim.NonSilentRange(clip.Samples.Span);
        return clip.Samples.Span[range.Start..range.End];
    }

    private static SpectrogramImage MelImage(ReadOnlySpan<float> samples, LogMelOptions options) =>
        SpectrogramImage.FromMel(new LogMelExtractor(options).Compute(samples));

    /// <summary>The original project's picture: <c>amplitude_to_db(abs(stft(y)), ref=…)</c> on a linear axis.</summary>
    private static SpectrogramImage StftImage(ReadOnlySpan<float> samples, LogMelOptions options)
    {
        var magnitude = new ShortTimeFourierTransform(options.ToStftOptions()).Magnitude(samples);
        return SpectrogramImage.FromLinear(magnitude.ToDecibels(options.Reference, options.TopDb), options.SampleRate);
    }

    private static DecibelReference ParseReference(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
            return DecibelReference.Maximum;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
            return value == 1.0 ? DecibelReference.One : DecibelReference.Fixed(value);
        result.AddError($"--ref {text}: use max, 1, or a positive number.");
        return DecibelReference.Maximum;
    }

    /// <summary>A non-negative number of dB, or <see cref="double.PositiveInfinity"/> for <c>none</c>.</summary>
    private static double ParseTopDb(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return double.PositiveInfinity;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value))
            return value;
        result.AddError($"--top-db {text}: use a non-negative number of dB or 'none'.");
        return Decibels.DefaultTopDb;
    }
}
