namespace MelGenre.Features.Transforms;

/// <summary><c>numpy.pad</c> (1.24) of a 1-D signal in the modes librosa's STFT uses.</summary>
public static class NumpyPad
{
    /// <summary>
    /// Writes <paramref name="left"/> pad values, <paramref name="source"/>, then <paramref name="right"/> pad values
    /// into <paramref name="destination"/> (exactly that long).
    /// </summary>
    /// <exception cref="ArgumentException">Reflect padding of an empty signal (numpy raises too).</exception>
    public static void Pad(ReadOnlySpan<float> source, int left, int right, PadMode mode, Span<float> destination)
    {
        destination[..left].Clear();
        source.CopyTo(destination[left..]);
        destination[(left + source.Length)..].Clear();
        if (mode == PadMode.Constant || (left == 0 && right == 0))
            return;
        if (source.IsEmpty)
            throw new ArgumentException("Cannot reflect-pad an empty signal.", nameof(source));
        if (source.Length == 1)
        {
            // numpy's legacy rule: a single sample is repeated.
            destination.Fill(source[0]);
            return;
        }
        // numpy reflects in chunks of at most (current length - 1), left then right, until both pads are full:
        // for pads longer than the signal the right side can mirror values the left side just wrote.
        var total = destination.Length;
        while (left > 0 || right > 0)
        {
            var available = total - left - right - 1;
            if (left > 0)
            {
                var chunk = Math.Min(available, left);
                for (var j = 0; j < chunk; j++)
                    destination[left - 1 - j] = destination[left + 1 + j];
                left -= chunk;
            }
            if (right > 0)
            {
                var chunk = Math.Min(available, right);
                var edge = total - right;
                for (var j = 0; j < chunk; j++)
                    destination[edge + j] = destination[edge - 2 - j];
                right -= chunk;
            }
        }
    }
}
