using System.Numerics;

namespace MelGenre.Features.Transforms;

/// <summary>
/// The DFT of any size in float64 by Bluestein's chirp-z algorithm: a circular convolution done with power-of-two
/// FFTs of at least <c>2n - 1</c> points. The fallback for FFT sizes that are not powers of two; slower than
/// <see cref="ComplexFft"/> by a constant factor but O(n log n) and more precise. Not thread-safe (owns buffers).
/// </summary>
internal sealed class BluesteinDft
{
    private readonly int _size;
    private readonly Complex[] _chirp;        // exp(-iπk²/n)
    private readonly Complex[] _kernelSpectrum;
    private readonly Complex[] _work;
    private readonly Radix2 _fft;

    public BluesteinDft(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _size = size;
        var padded = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * size - 1));
        _fft = new Radix2(padded);
        _chirp = new Complex[size];
        for (var k = 0; k < size; k++)
        {
            // k² mod 2n keeps the angle small and exact for large k.
            var square = (long)k * k % (2L * size);
            _chirp[k] = Complex.FromPolarCoordinates(1, -Math.PI * square / size);
        }
        _kernelSpectrum = new Complex[padded];
        _kernelSpectrum[0] = Complex.Conjugate(_chirp[0]);
        for (var k = 1; k < size; k++)
            _kernelSpectrum[k] = _kernelSpectrum[padded - k] = Complex.Conjugate(_chirp[k]);
        _fft.Forward(_kernelSpectrum);
        _work = new Complex[padded];
    }

    /// <summary>The first <c>spectrum.Length</c> DFT bins of the real <paramref name="input"/> (length <c>n</c>).</summary>
    public void Forward(ReadOnlySpan<double> input, Span<Complex> spectrum)
    {
        Array.Clear(_work);
        for (var k = 0; k < _size; k++)
            _work[k] = input[k] * _chirp[k];
        _fft.Forward(_work);
        // Inverse FFT of the product through conjugation: ifft(z) = conj(fft(conj(z))) / N.
        for (var k = 0; k < _work.Length; k++)
            _work[k] = Complex.Conjugate(_work[k] * _kernelSpectrum[k]);
        _fft.Forward(_work);
        var scale = 1.0 / _work.Length;
        for (var k = 0; k < spectrum.Length; k++)
            spectrum[k] = Complex.Conjugate(_work[k]) * scale * _chirp[k];
    }

    /// <summary>In-place iterative radix-2 FFT in float64 (bit reversal, then butterflies).</summary>
    private sealed class Radix2
    {
        private readonly Complex[] _twiddles;
        private readonly int[] _reversed;

        public Radix2(int size)
        {
            _twiddles = new Complex[size / 2];
            for (var k = 0; k < _twiddles.Length; k++)
                _twiddles[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / size);
            _reversed = new int[size];
            var bits = BitOperations.Log2((uint)size);
            for (var i = 0; i < size; i++)
                _reversed[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
        }

        public void Forward(Complex[] data)
        {
            var size = data.Length;
            for (var i = 0; i < size; i++)
            {
                var j = _reversed[i];
                if (j > i)
                    (data[i], data[j]) = (data[j], data[i]);
            }
            for (var length = 2; length <= size; length *= 2)
            {
                var half = length / 2;
                var step = size / length;
                for (var start = 0; start < size; start += length)
                {
                    for (var j = 0; j < half; j++)
                    {
                        var t = _twiddles[j * step] * data[start + j + half];
                        var u = data[start + j];
                        data[start + j] = u + t;
                        data[start + j + half] = u - t;
                    }
                }
            }
        }

        private static uint ReverseBits(uint value)
        {
            value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
            value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
            value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
            value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
            return (value >> 16) | (value << 16);
        }
    }
}
