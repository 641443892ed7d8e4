using MelGenre.Audio;
using MelGenre.Audio.Processing;
using MelGenre.Features.Mel;
using MelGenre.Plots;
using MelGenre.Prediction;

namespace MelGenre.Web.Analysis;

/// <summary>
/// What the buffered endpoints make of an upload held in memory: decoded once into the mono clip at the model's rate
/// (what <c>librosa.load</c> gives and the model hears), then its genres, its log-mel spectrogram and its waveform.
/// </summary>
/// <remarks>Each step checks <c>cancellation</c> between blocks or stages: a timed-out request stops at the next one.</remarks>
internal sealed class RecordingAnalysis(LoadedModel model, WebOptions options)
{
    /// <summary>The upload as mono audio at the model's rate, no longer than <see cref="WebOptions.MaxDuration"/>.</summary>
    /// <exception cref="AudioDecodeException">Not audio, corrupt, too long, or no samples at all.</exception>
    public AudioClip Decode(Stream upload, string name, CancellationToken cancellation)
    {
        using var audio = MonoAudioStream.Open(upload, name, model.Classifier.Model.Features.SampleRate, options.MaxDuration);
        var mono = audio.ReadToEnd(cancellation);
        if (mono.FrameCount == 0)
            throw new AudioDecodeException(AudioErrorKind.Empty, "no audio: it decodes to 0 samples", name);
        return mono;
    }

    /// <summary>The genres of <paramref name="mono"/> (as <see cref="Classifier.Classify(AudioClip, ClassifyOptions?)"/>).</summary>
    /// <exception cref="AudioDecodeException">The clip holds no audio.</exception>
    public GenrePrediction Classify(AudioClip mono, ClassifyOptions classifyOptions) => model.Classifier.Classify(mono, classifyOptions);

    /// <summary>The log-mel spectrogram as the model sees it (mel axis in Hz, time, dB colour bar), as a PNG.</summary>
    public byte[] Spectrogram(AudioClip mono, string title) =>
        SpectrogramPlot.RenderPng(SpectrogramImage.FromMel(new LogMelExtractor(model.Classifier.Model.Features).Compute(mono)),
            new SpectrogramPlotOptions(Title: title));

    /// <summary>The amplitude over time, as a PNG.</summary>
    public byte[] Waveform(AudioClip mono, string title) => WaveformPlot.RenderPng(mono, new PlotOptions(Title: title));
}
