namespace MelGenre.Features.Tests;

public class DecibelsTests
{
    [Fact]
    public void PowerToDbWithDefaultsIsTenLog10RelativeToOneFlooredAt80DbBelowMax()
    {
        float[] power = [1f, 10f, 100f, 1e-3f, 1e-12f, 0f];
        var db = new float[power.Length];

        Decibels.PowerToDb(power, db);

        // max dB 20 → floor −60.
        float[] expected = [0f, 10f, 20f, -30f, -60f, -60f];
        for (var i = 0; i < db.Length; i++)
            Assert.True(Math.Abs(db[i] - expected[i]) <= 1e-4, $"power {power[i]}: {db[i]} dB vs {expected[i]} dB (tolerance 1e-4)");
    }

    [Fact]
    public void PowerToDbWithMaximumReferencePutsMaxAtZero()
    {
        float[] power = [2f, 0.2f, 0.002f];
        var db = new float[power.Length];

        Decibels.PowerToDb(power, db, DecibelReference.Maximum, topDb: null);

        Assert.Equal([0f, -10f, -30f], db.Select(v => MathF.Round(v, 4)).ToArray());
    }

    [Fact]
    public void SilenceWithMaximumReferenceIsAboutZeroDbLikeLibrosa()
    {
        // librosa float32: −7.6293945e-06 dB everywhere (log10 of float32(1e-10) against float64 −100).
        var db = new float[64];
        Decibels.PowerToDb(new float[64], db, DecibelReference.Maximum);
        Assert.All(db, v => Assert.True(Math.Abs(v - -7.6293945e-06) <= 1e-4, $"{v} dB vs librosa −7.63e-6 dB (tolerance 1e-4)"));
    }

    [Fact]
    public void AmplitudeToDbEqualsPowerToDbOfSquares()
    {
        float[] amplitude = [0.5f, -2f, 1e-7f, 3f];
        var fromAmplitude = new float[4];
        var fromPower = new float[4];

        Decibels.AmplitudeToDb(amplitude, fromAmplitude, DecibelReference.Maximum);
        Decibels.PowerToDb(amplitude.Select(a => a * a).ToArray(), fromPower, DecibelReference.Fixed(9.0), amin: 1e-10);

        for (var i = 0; i < 4; i++)
            Assert.True(Math.Abs(fromAmplitude[i] - fromPower[i]) <= 1e-4, $"{amplitude[i]}: amplitude_to_db {fromAmplitude[i]} vs power_to_db of square {fromPower[i]}");
        Assert.Equal(-80f, fromAmplitude[2], 3);
    }

    [Fact]
    public void PowerToDbOfAPartTakesItsFloorFromTheStatedMaximum()
    {
        // Part of an array whose maximum is 100 (20 dB against ref 1): floor 20 − 80 = −60 dB, not 0 − 80 from the part alone.
        float[] part = [1f, 1e-3f, 1e-9f];
        var db = new float[part.Length];

        Decibels.PowerToDb(part, db, referencePower: 1f, maximumPower: 100f);

        float[] expected = [0f, -30f, -60f];
        for (var i = 0; i < db.Length; i++)
            Assert.True(Math.Abs(db[i] - expected[i]) <= 1e-4, $"power {part[i]}: {db[i]} dB vs {expected[i]} dB (tolerance 1e-4)");
    }

    [Fact]
    public void PowerToDbOfAPartMatchesTheWholeArrayWithMaximumReference()
    {
        var random = new Random(11);
        var whole = Enumerable.Range(0, 64).Select(_ => (float)Math.Pow(10, -12 * random.NextDouble())).ToArray();
        var expected = new float[whole.Length];
        Decibels.PowerToDb(whole, expected, DecibelReference.Maximum);
        var max = whole.Max();

        var part = new float[16];
        Decibels.PowerToDb(whole.AsSpan(24, 16), part, referencePower: max, maximumPower: max);

        for (var i = 0; i < part.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[24 + i]) == BitConverter.SingleToInt32Bits(part[i]), $"value {24 + i}: part {part[i]:R} dB vs whole {expected[24 + i]:R} dB");
    }

    [Fact]
    public void PowerToDbOfAPartRejectsBadArguments()
    {
        Assert.Throws<ArgumentException>(() => Decibels.PowerToDb([1f], new float[1], 1f, 1f, amin: 0));
        Assert.Throws<ArgumentException>(() => Decibels.PowerToDb([1f], new float[1], 1f, 1f, topDb: -1));
        Assert.Throws<ArgumentException>(() => Decibels.PowerToDb([1f], new float[2], 1f, 1f));
        Assert.Throws<ArgumentException>(() => Decibels.PowerToDb([1f, 2f], new float[2], 1f, maximumPower: 1.5f));
    }

    [Fact]
    public void RejectsNonPositiveAminAndNegativeTopDb()
    {
        Assert.Throws<ArgumentException>(() => Decibels.PowerToDb([1f], new float[1], amin: 0));
        Assert.Throws<ArgumentException>(() => Decibels.PowerToDb([1f], new float[1], topDb: -1));
        Assert.Throws<ArgumentException>(() => Decibels.PowerToDb([1f], new float[2]));
    }
}
