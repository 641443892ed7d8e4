using System.Buffers.Binary;

namespace MelGenre.Web.Tests;

/// <summary>Checks of PNG bytes.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the PNG signature and the IHDR size.</summary>
    public static void AssertPng(byte[] bytes, int width, int height)
    {
        Assert.True(bytes.Length > 33 && bytes.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG: the signature differs");
        Assert.Equal((width, height), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
    }
}
