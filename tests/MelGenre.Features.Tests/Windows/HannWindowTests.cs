using MelGenre.Features.Windows;
using MelGenre.TestSupport;

namespace MelGenre.Features.Tests.Windows;

public class HannWindowTests
{
    [Fact]
    public void PeriodicWindowMatchesScipyGetWindowHann2048()
    {
        var expected = ReferenceArray.Load(SharedData.RequirePath("librosa/hann_window_2048.bin"));
        var window = HannWindow.Create(2048);
        Assert.Equal(expected.Values.Length, window.Length);
        for (var i = 0; i < window.Length; i++)
            Assert.True(Math.Abs(window[i] - expected.Values[i]) <= 1e-7, $"sample {i}: {window[i]} vs scipy {expected.Values[i]} (tolerance 1e-7)");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(2048)]
    public void PeriodicWindowIsSymmetricWindowOfOneMorePointWithoutItsLast(int length)
    {
        var periodic = HannWindow.Create(length);
        var symmetric = HannWindow.Create(length + 1, periodic: false);
        Assert.Equal(symmetric[..length], periodic);
        Assert.Equal(0.0, periodic[0], 15);
        if (length % 2 == 0)
            Assert.Equal(1.0, periodic[length / 2], 12);
    }

    [Fact]
    public void StftWindowCentresShorterWindowInFftLength()
    {
        var window = HannWindow.ForStft(fftSize: 16, windowLength: 8);
        Assert.All(window[..4], w => Assert.Equal(0f, w));
        Assert.All(window[12..], w => Assert.Equal(0f, w));
        Assert.Equal(HannWindow.Create(8).Select(w => (float)w), window[4..12]);
    }
}
