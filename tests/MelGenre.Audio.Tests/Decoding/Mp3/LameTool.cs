using MelGenre.Audio.Tests.Decoding.Flac;

namespace MelGenre.Audio.Tests.Decoding.Mp3;

/// <summary>
/// Runs <c>lame</c> (Debian package <c>lame</c>) in a private temporary folder to encode test signals and to
/// decode them as the reference; tests skip when it is not installed.
/// </summary>
internal sealed class LameTool : ExternalTool
{
    private LameTool()
        : base("lame")
    {
    }

    /// <summary>A new tool session, or a skipped test when <c>lame</c> is not on PATH.</summary>
    public static LameTool Require()
    {
        SkipUnlessInstalled("lame", "the reference `lame` encoder/decoder is not installed (Debian package lame); MP3 conformance is not checked");
        return new LameTool();
    }

    /// <summary>Encodes <paramref name="pcm"/> with <paramref name="options"/>; returns the MP3 bytes.</summary>
    public byte[] Encode(TestPcm pcm, string options)
    {
        var wav = NewPath(".wav");
        var mp3 = NewPath(".mp3");
        File.WriteAllBytes(wav, TestWav.Write(pcm));
        RunChecked(["--quiet", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), wav, mp3], "encode");
        return File.ReadAllBytes(mp3);
    }

    /// <summary>Decodes <paramref name="mp3"/> with <c>lame --decode</c>: 16-bit samples, interleaved.</summary>
    public TestPcm Decode(byte[] mp3)
    {
        var input = NewPath(".mp3");
        var wav = NewPath(".wav");
        File.WriteAllBytes(input, mp3);
        RunChecked(["--quiet", "--decode", input, wav], "decode");
        return TestWav.Read16(wav);
    }
}
