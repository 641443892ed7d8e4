using MelGenre.Audio;

namespace MelGenre.Plots.Tests;

/// <summary>Synthetic inputs the picture tests draw (fixed formulas, no randomness).</summary>
internal static class Synthetic
{
    public const int SampleRate = 22050;
    public const int HopLength = 512;

    /// <summary>
    /// A 30 s dB "spectrogram" of a rising chirp: a bright band (0 dB) climbing diagonally across the mel bands over a
    /// floor that falls from -60 dB at the bottom to -80 dB at the top, plus a faint 8-frame pulse every 2 s.
    /// </summary>
    public static SpectrogramImage MelChirp(int melCount = 128, int frames = 1293)
    {
        var values = new float[melCount * frames];
        for (var row = 0; row < melCount; row++)
        {
            for (var frame = 0; frame < frames; frame++)
            {
                var ridge = (double)frame / (frames - 1) * (melCount - 1);
                var distance = Math.Abs(row - ridge);
                var floor = -60.0 - 20.0 * row / (melCount - 1);
                var pulse = frame % 86 < 8 ? 15.0 : 0.0;
                values[row * frames + frame] = (float)Math.Max(floor + pulse, -6.0 * distance);
            }
        }
        return new SpectrogramImage(values, melCount, frames, (double)HopLength / SampleRate, new MelFrequencyAxis(melCount, 0, SampleRate / 2.0));
    }

    /// <summary>A linear-frequency (STFT) version: harmonics of a 220 Hz → 1760 Hz glide over 10 s.</summary>
    public static SpectrogramImage LinearGlide(int fftSize = 2048, int frames = 431)
    {
        var rows = 1 + fftSize / 2;
        var binHz = (double)SampleRate / fftSize;
        var values = new float[rows * frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var f0 = 220.0 * Math.Pow(8, (double)frame / (frames - 1));
            for (var row = 0; row < rows; row++)
            {
                var hz = row * binHz;
                var best = -80.0;
                for (var harmonic = 1; harmonic * f0 < SampleRate / 2.0; harmonic++)
                {
                    var level = -6.0 * (harmonic - 1) - 0.5 * Math.Abs(hz - harmonic * f0) / binHz * 6.0;
                    best = Math.Max(best, level);
                }
                values[row * frames + frame] = (float)best;
            }
        }
        return new SpectrogramImage(values, rows, frames, (double)HopLength / SampleRate, new LinearFrequencyAxis(SampleRate, fftSize));
    }

    /// <summary>A 5 s tone burst: a 440 Hz sine under a rising-then-decaying envelope, silence in the last second.</summary>
    public static AudioClip ToneBurst(double seconds = 5.0)
    {
        var samples = new float[(int)(seconds * SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / SampleRate;
            var envelope = t < seconds - 1 ? Math.Sin(Math.PI * t / (seconds - 1)) * (0.4 + 0.4 * Math.Sin(2 * Math.PI * 0.75 * t) * Math.Sin(2 * Math.PI * 0.75 * t)) : 0.0;
            samples[i] = (float)(envelope * Math.Sin(2 * Math.PI * 440 * t));
        }
        return new AudioClip(samples, SampleRate);
    }
}
