using System.Buffers.Binary;
using MelGenre.TestSupport;

namespace MelGenre.Prediction.Tests;

/// <summary>WAV files the tests write themselves.</summary>
internal static class TestWav
{
    /// <summary>
    /// 16-bit PCM stereo at 44100 Hz (so classifying exercises downmix and resampling): the left channel glides from
    /// 200 to 4000 Hz, the right holds 440 Hz, both at a third of full scale. The glide makes every patch different.
    /// </summary>
    public static byte[] StereoGlide(double seconds, int sampleRate = 44100)
    {
        var frames = (int)(seconds * sampleRate);
        // The glide's phase is the integral of its frequency 200 + 3800 t / T.
        var glidePhases = new double[frames];
        double phase = 0;
        for (var i = 0; i < frames; i++)
        {
            phase += 2 * Math.PI * (200 + 3800.0 * i / frames) / sampleRate;
            glidePhases[i] = phase;
        }
        return Pcm16Wav.Create(sampleRate, 2, frames, (i, channel) =>
            10000 / 32767.0 * Math.Sin(channel == 0 ? glidePhases[i] : 2 * Math.PI * 440 * i / sampleRate));
    }

    /// <summary>A RIFF/WAVE header whose fmt chunk claims a zero channel count, then noise: recognised as WAV, refused as corrupt.</summary>
    public static byte[] CorruptHeader()
    {
        var wav = StereoGlide(0.1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 0);
        return wav;
    }
}
