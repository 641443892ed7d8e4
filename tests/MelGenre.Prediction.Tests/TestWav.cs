using System.Buffers.Binary;

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
        var wav = new byte[44 + 4 * frames];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 2); // stereo
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 4 * sampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 4);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), 4 * frames);
        double phase = 0;
        for (var i = 0; i < frames; i++)
        {
            var frequency = 200 + 3800.0 * i / frames;
            phase += 2 * Math.PI * frequency / sampleRate;
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + 4 * i), (short)Math.Round(10000 * Math.Sin(phase)));
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(46 + 4 * i), (short)Math.Round(10000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate)));
        }
        return wav;
    }

    /// <summary>A RIFF/WAVE header whose fmt chunk claims a zero channel count, then noise: recognised as WAV, refused as corrupt.</summary>
    public static byte[] CorruptHeader()
    {
        var wav = StereoGlide(0.1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 0);
        return wav;
    }
}
