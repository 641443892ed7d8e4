namespace MelGenre.Audio.Tests.Decoding.Flac;

public class FlacSmokeTests
{
    [Fact]
    public void Smoke()
    {
        using var tool = FlacTool.Require();
        var pcm = TestSignals.Make(Signal.Music, 44100, 2, 16);
        var flac = tool.Encode(pcm, "-8");
        var ours = FlacTestDecoding.DecodeSamples(flac);
        FlacTestDecoding.AssertIdentical(pcm.Samples, ours, 2, "smoke");
    }
}
