using MelGenre.TestSupport;

namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>Lossless round trip on real music: the GTZAN WAVs encoded with <c>flac -8</c> decode to their exact samples.</summary>
public sealed class FlacReaderGtzanTests : IDisposable
{
    private readonly FlacTool _tool = FlacTool.Require();

    public void Dispose() => _tool.Dispose();

    [Theory]
    [InlineData("blues.00000")]
    [InlineData("classical.00001")]
    [InlineData("country.00000")]
    [InlineData("disco.00000")]
    [InlineData("hiphop.00002")]
    [InlineData("jazz.00005")]
    [InlineData("metal.00001")]
    [InlineData("pop.00002")]
    [InlineData("reggae.00000")]
    [InlineData("rock.00000")]
    public void FlacOfAGtzanWavDecodesToTheWavSamplesExactly(string name)
    {
        var wavPath = SharedData.RequirePath($"gtzan/wav/{name}.wav");
        var wav = TestWav.Read16(wavPath);
        var flac = _tool.EncodeFile(wavPath, "-8");

        var ours = FlacTestDecoding.DecodeSamples(flac, chunkFrames: 4096);

        FlacTestDecoding.AssertIdentical(wav.Samples, ours, wav.ChannelCount, $"{name}.wav → flac -8 → our decoder");
    }
}
