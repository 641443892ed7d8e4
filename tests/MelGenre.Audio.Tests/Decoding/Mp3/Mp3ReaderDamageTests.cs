using MelGenre.Audio.Decoding.Mp3;

namespace MelGenre.Audio.Tests.Decoding.Mp3;

/// <summary>
/// Damaged layer III streams (seeded random bytes and bit flips in the committed fixtures, forged frames with
/// random side information) decode or fail with <see cref="AudioDecodeException"/>; never another exception, never
/// more audio than the frames can hold, never a hang.
/// </summary>
public class Mp3ReaderDamageTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("sine-440-660-stereo-44k.mp3")]
    [InlineData("sine-1000-mono-22k.mp3")]
    public async Task RandomlyDamagedFixturesDecodeOrFailWithATypedError(string name)
    {
        await Task.Run(() =>
        {
            var bytes = DecodedAudio.Fixture(name);
            var random = new Random(5150);
            for (var trial = 0; trial < 200; trial++)
            {
                var damaged = (byte[])bytes.Clone();
                var changes = random.Next(1, 40);
                for (var i = 0; i < changes; i++)
                {
                    var at = random.Next(damaged.Length);
                    if (random.Next(2) == 0)
                        damaged[at] ^= (byte)(1 << random.Next(8));
                    else
                        damaged[at] = (byte)random.Next(256);
                }
                AssertDecodesOrFailsTyped(damaged, $"{name} trial {trial}");
            }
        }, TestContext.Current.CancellationToken);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(0xFB, 0x90, 0x44)] // MPEG-1, 128 kb/s, 44.1 kHz, joint stereo
    [InlineData(0xFB, 0xE0, 0x04)] // MPEG-1, 320 kb/s, 44.1 kHz, stereo
    [InlineData(0xF3, 0x80, 0x64)] // MPEG-2, 64 kb/s, 22.05 kHz, joint stereo
    [InlineData(0xE3, 0x40, 0xC4)] // MPEG-2.5, 32 kb/s, 11.025 kHz, mono
    public async Task ForgedFramesWithRandomSideInfoDecodeOrFailWithATypedError(byte versionLayer, byte rateByte, byte modeByte)
    {
        await Task.Run(() =>
        {
            byte[] header = [0xFF, versionLayer, rateByte, modeByte];
            Assert.True(Mp3Reader.IsMatch([.. header, .. new byte[4]]), "the forged header is not a valid frame header");
            var random = new Random(versionLayer * 7 + rateByte);
            for (var trial = 0; trial < 20; trial++)
            {
                var stream = new MemoryStream();
                for (var frame = 0; frame < 50; frame++)
                {
                    // Padding bit clear: every frame has the nominal length, so the next header follows in step.
                    var length = FrameLength(header);
                    var body = new byte[length - 4];
                    random.NextBytes(body);
                    stream.Write(header);
                    stream.Write(body);
                }
                AssertDecodesOrFailsTyped(stream.ToArray(), $"forged {Convert.ToHexString(header)} trial {trial}");
            }
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void EveryTruncationOfTheMonoFixtureDecodesAPrefix()
    {
        const string name = "sine-1000-mono-22k.mp3";
        var bytes = DecodedAudio.Fixture(name);
        var full = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(bytes), name)).Samples.ToArray();
        for (var cut = 200; cut < bytes.Length; cut += 37)
        {
            var prefix = DecodedAudio.ReadAll(new Mp3Reader(new MemoryStream(bytes[..cut]), name)).Samples.Span;
            Assert.True(prefix.Length < full.Length, $"cut at {cut}: {prefix.Length} samples, the whole file has {full.Length}");
            for (var i = 0; i < prefix.Length; i++)
                if (prefix[i] != full[i])
                    Assert.Fail($"cut at {cut}: sample {i} is {prefix[i]}, the whole file has {full[i]}");
        }
    }

    private static int FrameLength(byte[] header)
    {
        var mpeg1 = (header[1] & 0x08) != 0;
        int[] mpeg1Rates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
        int[] lsfRates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
        var bitrate = (mpeg1 ? mpeg1Rates : lsfRates)[header[2] >> 4] * 1000;
        int[] rates = [44100, 48000, 32000];
        var sampleRate = rates[(header[2] >> 2) & 3] >> (mpeg1 ? 0 : (header[1] & 0x10) != 0 ? 1 : 2);
        return (mpeg1 ? 144 : 72) * bitrate / sampleRate;
    }

    private static void AssertDecodesOrFailsTyped(byte[] bytes, string what)
    {
        try
        {
            using var reader = new Mp3Reader(new MemoryStream(bytes), what);
            var block = new float[4096];
            long total = 0;
            int read;
            while ((read = reader.Read(block)) > 0)
                total += read / reader.ChannelCount;
            // No stream can decode to more than 1152 samples per 24 bytes (the shortest layer III frame).
            Assert.True(total <= bytes.Length / 24 * 1152, $"{what}: {total} frames from {bytes.Length} bytes");
        }
        catch (AudioDecodeException e)
        {
            Assert.Equal(what, e.Source);
        }
    }
}
