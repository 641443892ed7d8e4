using System.Numerics;

namespace MelGenre.Audio.Processing;

/// <summary>
/// The filters libsoxr 0.1.3 builds for its "HQ" recipe (librosa's default <c>soxr_hq</c>): 20-bit precision,
/// linear phase, passband to 0.9136 of the lower Nyquist, stopband from Nyquist, "small" (−0.01 dB) rolloff.
/// The stage plan and the Kaiser-window designs follow libsoxr's <c>cr.c</c> and <c>filter.c</c>, so that the
/// same input gives the same output to float32 rounding. The one departure: ratios of 4 or more, where
/// libsoxr first halves the rate with tabulated half-band filters, get half-band stages designed here.
/// </summary>
internal static class SoxrHqDesign
{
    private const int Precision = 20;
    private const double LinearPhase = 50;
    private const int Mode = (Precision - 6) / 4;
    private const int MaxRationalPhases = 2048;
    private const double RolloffSmall = -0.01;
    private static readonly double s_sixDb = LinearToDb(2);

    /// <summary>
    /// The passband end of HQ as a fraction of the lower Nyquist, 0.91374: <c>soxr_quality_spec</c> of libsoxr 0.1.3
    /// (its −3 dB point from <c>lsx_inv_f_resp</c>; later sources use a quadratic fit that moves it by 1e-4).
    /// </summary>
    public static double PassbandEnd { get; } = 1 - 0.05 / (1 - InverseFrequencyResponse(-3, Precision * s_sixDb));

    /// <summary>The stopband begins at the lower Nyquist.</summary>
    public const double StopbandBegin = 1;

    /// <summary>The stages that take <paramref name="sourceRate"/> to <paramref name="targetRate"/>, first to last.</summary>
    public static IReadOnlyList<PolyphaseStage> PlanStages(int sourceRate, int targetRate)
    {
        var ioRatio = (double)sourceRate / targetRate;
        double fp0 = PassbandEnd, fs0 = StopbandBegin;
        var att = (Precision + 1) * s_sixDb;

        // Stage arithmetic of libsoxr's _soxr_init, restricted to its 'HQ' branch (mode 3, no interpolator override).
        double arbM = ioRatio;
        int preL = 1, preM = 1, halvings = 0, arbL = 1, postL = 1, postM = 1;
        bool upsample = false, rational = false;
        for (var settled = false; !settled;)
        {
            settled = true;
            upsample = arbM < 1;
            halvings = 0;
            for (var i = (int)(0.5 * arbM); (i >>= 1) != 0; arbM *= 0.5, halvings++)
            {
            }
            preM = upsample || (arbM > 1.5 && arbM < 2) ? 1 : 0;
            postM = 1 + (arbM > 1 && preM != 0 ? 1 : 0);
            arbM /= postM;
            preL = 1 + (preM == 0 && arbM < 2 ? 1 : 0) + (upsample ? 1 : 0);
            arbM *= preL;
            var frac = arbM - (int)arbM;
            var epsilon = frac != 0 ? Math.Abs(Math.Floor(frac * 4294967296.0 + 0.5) / (frac * 4294967296.0) - 1) : 0;
            rational = frac == 0;
            for (var i = 1; i <= MaxRationalPhases && !rational; i++)
            {
                var d = frac * i;
                var tryM = (int)(d + 0.5);
                rational = Math.Abs(tryM / d - 1) <= epsilon;
                if (!rational)
                    continue;
                if (tryM == i)
                {
                    arbM = Math.Ceiling(arbM);
                    var extra = arbM > 3 ? 1 : 0;
                    halvings += extra;
                    arbM /= 1 + extra;
                }
                else
                {
                    arbM = i * (int)arbM + tryM;
                    arbL = i;
                }
            }
            int l = preL * arbL, m = (int)(arbM * postM);
            if (((l | m) & 1) == 0)
            {
                l >>= 1;
                m >>= 1;
            }
            var upFactor = preL * arbL / arbM;
            if (postL == 1 && upFactor > 4 && upFactor != 5)
            {
                postL = 4;
                for (var i = (int)(upFactor / 16); (i >>= 1) != 0 && postL < 256;)
                    postL <<= 1;
                arbM = arbM * postL / arbL / preL;
                arbL = 1;
                settled = false;
            }
            else if (rational && (Math.Max(l, m) < 5 || l * m < 6))
            {
                preL = l;
                preM = m;
                arbM = arbL = postM = 1;
            }
        }

        if (!rational)
            throw new NotSupportedException($"{sourceRate} Hz → {targetRate} Hz needs an irrational-ratio resampler, which is not implemented.");

        bool havePre = preM * preL != 1, haveArb = arbM * arbL != 1, havePost = postM * postL != 1;
        var stageCount = halvings + (havePre ? 1 : 0) + (haveArb ? 1 : 0) + (havePost ? 1 : 0);
        var attArb = att;
        if (stageCount > 1)
        {
            var n = stageCount;
            if (haveArb)
            {
                att += s_sixDb;
                attArb = att;
                n--;
            }
            att += LinearToDb(n);
        }

        var stages = new List<PolyphaseStage>();
        var finalNyquistRatio = 1.0 / ioRatio; // how much of the current Nyquist survives, for the half-band stages
        for (var i = 0; i < halvings; i++)
        {
            finalNyquistRatio *= 2;
            var keep = fs0 * finalNyquistRatio;
            stages.Add(DftStage(fp0 * finalNyquistRatio, 2 - keep, 2, att, upsampling: 1, decimation: 2));
        }

        double fp1 = fp0, fs1 = fs0;
        if (havePre)
        {
            var fn1 = preM != 0 ? Math.Max(preL, preM) : arbM / arbL;
            stages.Add(DftStage(fp1, fs1, fn1, att, preL, Math.Max(preM, 1)));
            fp1 /= fn1;
            fs1 /= fn1;
        }

        if (haveArb)
        {
            var mult = upsample ? 1 : arbM / arbL;
            double fn, fs;
            if (!upsample && preM != 0)
            {
                fn = 2 * mult;
                fs = 3 + Math.Abs(fs1 - 1);
            }
            else
            {
                fn = 1;
                fs = 2 - (fp1 + (fs1 - fp1) * 0.7);
            }
            var fp = fs - (fs - fp1) / (1 - InverseFrequencyResponse(RolloffSmall, attArb));
            var phases = arbL;
            var estimatePhases = Math.Max(phases, 19);
            var estimate = EstimateTaps(fp, fs, fn, attArb, estimatePhases);
            var coefsPerPhase = estimate / estimatePhases + 1;
            if (preM == 0)
                coefsPerPhase += coefsPerPhase & 1;
            var stepM = (int)arbM;
            if ((coefsPerPhase & 1) != 0 && (phases & 1) != 0)
            {
                // An odd filter over an odd phase count has its centre between phases: double both, as libsoxr does.
                phases <<= 1;
                stepM <<= 1;
            }
            var taps = DesignLowPass(fp, fs, fn, attArb, coefsPerPhase * phases - 1, phases);
            stages.Add(new PolyphaseStage(ToSingle(taps, 1), phases, stepM));
        }

        if (havePost)
        {
            var alpha = postM / (ioRatio * postL);
            stages.Add(DftStage(
                fp0 / (upsample ? alpha : 1),
                upsample ? Math.Max(2 - fs0 / alpha, 1) : fs0,
                Math.Max(postL, postM), att, postL, postM));
        }
        return stages;
    }

    /// <summary>libsoxr's <c>dft_stage_init</c> filter: linear phase, taps ≡ 1 (mod 4), gain <paramref name="upsampling"/>.</summary>
    private static PolyphaseStage DftStage(double fp, double fs, double fn, double att, int upsampling, int decimation)
    {
        var modulo = BitOperations.IsPow2(upsampling) && fn == upsampling ? upsampling << 1 : 4;
        var taps = DesignLowPass(fp, fs, fn, att, numTaps: 0, phases: 1, modulo);
        return new PolyphaseStage(ToSingle(taps, upsampling), upsampling, decimation);
    }

    /// <summary>
    /// libsoxr's <c>lsx_design_lpf</c>: a Kaiser-windowed sinc with passband end <paramref name="fp"/> and stopband
    /// start <paramref name="fs"/> relative to Nyquist <paramref name="fn"/>, for a filter of <paramref name="phases"/>
    /// polyphase branches; <paramref name="numTaps"/> 0 estimates the length (then ≡ 1 mod <paramref name="modulo"/>).
    /// </summary>
    internal static double[] DesignLowPass(double fp, double fs, double fn, double att, int numTaps, int phases, int modulo = 1)
    {
        var (fc, beta, estimated) = KaiserParameters(fp, fs, fn, att, phases);
        if (numTaps == 0)
        {
            numTaps = phases > 1
                ? estimated / phases * phases + phases - 1
                : (estimated + modulo - 2) / modulo * modulo + 1;
        }
        var rho = phases == 1 ? 0.5 : att < 120 ? 0.63 : 0.75;
        return MakeLowPass(numTaps, fc, beta, rho, phases);
    }

    private static int EstimateTaps(double fp, double fs, double fn, double att, int phases)
    {
        var estimated = KaiserParameters(fp, fs, fn, att, phases).NumTaps;
        return estimated / phases * phases + phases - 1;
    }

    private static (double Fc, double Beta, int NumTaps) KaiserParameters(double fp, double fs, double fn, double att, int phases)
    {
        fp /= fn;
        fs /= fn;
        var trBw = 0.5 * (fs - fp) / phases;
        fs /= phases;
        trBw = Math.Min(trBw, 0.5 * fs);
        var fc = fs - trBw;
        var beta = KaiserBeta(att, trBw * 0.5 / fc);
        var width = att < 60
            ? (att - 7.95) / (2.285 * Math.PI * 2)
            : ((0.0007528358 - 1.577737e-05 * beta) * beta + 0.6248022) * beta + 0.06186902;
        return (fc, beta, (int)Math.Ceiling(width / trBw + 1));
    }

    private static readonly double[][] s_betaFits =
    [
        [-6.784957e-10, 1.02856e-05, 0.1087556, -0.8988365 + .001],
        [-6.897885e-10, 1.027433e-05, 0.10876, -0.8994658 + .002],
        [-1.000683e-09, 1.030092e-05, 0.1087677, -0.9007898 + .003],
        [-3.654474e-10, 1.040631e-05, 0.1087085, -0.8977766 + .006],
        [8.106988e-09, 6.983091e-06, 0.1091387, -0.9172048 + .015],
        [9.519571e-09, 7.272678e-06, 0.1090068, -0.9140768 + .025],
        [-5.626821e-09, 1.342186e-05, 0.1083999, -0.9065452 + .05],
        [-9.965946e-08, 5.073548e-05, 0.1040967, -0.7672778 + .085],
        [1.604808e-07, -5.856462e-05, 0.1185998, -1.34824 + .1],
        [-1.511964e-07, 6.363034e-05, 0.1064627, -0.9876665 + .18],
    ];

    /// <summary>Kaiser β for <paramref name="att"/> dB, fitted per transition width as libsoxr does above 60 dB.</summary>
    private static double KaiserBeta(double att, double trBw)
    {
        if (att >= 60)
        {
            var realm = Math.Log(trBw / .0005) / Math.Log(2);
            var c0 = s_betaFits[Math.Clamp((int)realm, 0, s_betaFits.Length - 1)];
            var c1 = s_betaFits[Math.Clamp(1 + (int)realm, 0, s_betaFits.Length - 1)];
            var b0 = ((c0[0] * att + c0[1]) * att + c0[2]) * att + c0[3];
            var b1 = ((c1[0] * att + c1[1]) * att + c1[2]) * att + c1[3];
            return b0 + (b1 - b0) * (realm - (int)realm);
        }
        if (att > 50)
            return .1102 * (att - 8.7);
        return att > 20.96 ? .58417 * Math.Pow(att - 20.96, .4) + .07886 * (att - 20.96) : 0;
    }

    private static double[] MakeLowPass(int numTaps, double fc, double beta, double rho, double scale)
    {
        var m = numTaps - 1;
        var h = new double[numTaps];
        double mult = scale / BesselI0(beta), mult1 = 1 / (.5 * m + rho);
        for (var i = 0; i <= m / 2; i++)
        {
            double z = i - .5 * m, x = z * Math.PI, y = z * mult1;
            var value = x != 0 ? Math.Sin(fc * x) / x : fc;
            value *= BesselI0(beta * Math.Sqrt(1 - y * y)) * mult;
            h[i] = h[m - i] = value;
        }
        return h;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, quarterSquare = x * x / 4;
        for (var k = 1; term > sum * 1e-17; k++)
        {
            term *= quarterSquare / ((double)k * k);
            sum += term;
        }
        return sum;
    }

    /// <summary>libsoxr's <c>lsx_inv_f_resp</c>: where a filter of <paramref name="att"/> dB has fallen by <paramref name="dropDb"/>.</summary>
    private static double InverseFrequencyResponse(double dropDb, double att)
    {
        var x = ((2.0517e-07 * att - 1.1303e-04) * att + .023154) * att + .55924;
        var drop = Math.Exp(dropDb * Math.Log(10) * 0.05);
        var s = drop > .5 ? 1 - drop : drop;
        x = Math.Asin(Math.Pow(s, 1 / SinePower(x))) / x;
        return drop > .5 ? x : 1 - x;
    }

    private static double SinePower(double x) => Math.Log(.5) / Math.Log(Math.Sin(x * .5));

    private static double LinearToDb(double x) => 20 * Math.Log10(x);

    private static float[] ToSingle(double[] taps, double gain) => Array.ConvertAll(taps, t => (float)(t * gain));
}
