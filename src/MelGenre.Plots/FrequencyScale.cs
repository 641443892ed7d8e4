namespace MelGenre.Plots;

/// <summary>How Hz map to vertical plot units, and where librosa puts the frequency ticks on that scale.</summary>
internal abstract class FrequencyScale
{
    /// <summary>Identity: plot units are Hz (librosa <c>y_axis='linear'</c>).</summary>
    public static FrequencyScale Linear { get; } = new LinearScale();

    /// <summary>matplotlib <c>symlog</c> with base 2, <c>linthresh</c> 1000 Hz, <c>linscale</c> 1, as librosa sets it for mel axes.</summary>
    public static FrequencyScale SymLog { get; } = new SymLogScale();

    public abstract double ToPlot(double hz);

    public abstract double ToHz(double plot);

    /// <summary>Tick frequencies in Hz within <c>[minHz, maxHz]</c> for an axis about <paramref name="maxTicks"/> labels tall.</summary>
    public abstract double[] Ticks(double minHz, double maxHz, int maxTicks);

    private sealed class LinearScale : FrequencyScale
    {
        private static readonly double[] _steps = [1, 2, 2.5, 5, 10];

        public override double ToPlot(double hz) => hz;

        public override double ToHz(double plot) => plot;

        public override double[] Ticks(double minHz, double maxHz, int maxTicks) => TickMath.Nice(minHz, maxHz, maxTicks, _steps);
    }

    private sealed class SymLogScale : FrequencyScale
    {
        private const double Threshold = 1000.0;

        // matplotlib's linscale_adj = linscale / (1 - 1/base) = 2: the linear part is stretched so both parts meet at 2·threshold.
        private const double LinearGain = 2.0;

        public override double ToPlot(double hz) =>
            hz <= Threshold ? hz * LinearGain : Threshold * (LinearGain + Math.Log2(hz / Threshold));

        public override double ToHz(double plot) =>
            plot <= Threshold * LinearGain ? plot / LinearGain : Threshold * Math.Pow(2, plot / Threshold - LinearGain);

        /// <summary>
        /// matplotlib's <c>SymmetricalLogLocator</c> for non-negative ranges: 0 when the linear part shows, then
        /// every power of two from <c>2^floor(log2 threshold)</c> = 512 upward, thinned by a stride when crowded.
        /// </summary>
        public override double[] Ticks(double minHz, double maxHz, int maxTicks)
        {
            var hasLinear = minHz < Threshold;
            var hasLog = maxHz > Threshold;
            var low = hasLog ? Math.Floor(Math.Log2(Threshold)) : 0;
            var high = hasLog ? Math.Ceiling(Math.Log2(maxHz + 1)) : 0;
            var total = (int)(high - low) + (hasLinear ? 1 : 0);
            var stride = Math.Max(total / Math.Max(maxTicks - 1, 1), 1);
            var ticks = new List<double>();
            if (hasLinear)
                ticks.Add(0);
            for (var exponent = low; exponent < high; exponent += stride)
                ticks.Add(Math.Pow(2, exponent));
            return [.. ticks.Where(t => t >= minHz && t <= maxHz)];
        }
    }
}
