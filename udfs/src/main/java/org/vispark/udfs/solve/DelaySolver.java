package org.vispark.udfs.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * K: one delay per antenna and polarization, {@code V_ij(t, nu) = exp(2 pi i (tau_i - tau_j)(nu - nu_ref)) c_ij
 * M_ij(t, nu)} with {@code nu_ref} the window's first channel frequency and {@code c_ij} any frequency-independent
 * factor (the gain phases and amplitudes that G then solves; they may drift within the interval: the per-baseline
 * sums over the interval only lose amplitude, the delay is unbiased). Delays are referenced to the reference
 * antenna ({@code tau_ref = 0}).
 *
 * <ol>
 *   <li>Coarse: for each antenna k, the spectrum {@code S_k,ref(nu)} of its baseline to the reference antenna (or,
 *       when that baseline has no data, to the already-solved antenna with the largest sum of weights), zero-padded
 *       8x and Fourier transformed; the peak (parabolic interpolation) gives {@code tau_k - tau_j}.</li>
 *   <li>Refinement (iterated to convergence): per baseline, after removing the current delays, the linearised
 *       least-squares slope {@code delta_ij = Im(X A^*) sum P / (2 pi |A|^2 V)} with {@code A = sum R},
 *       {@code X = sum (nu - nubar) R}, {@code V = sum P (nu - nubar)^2}, and its inverse variance
 *       {@code W_ij ~ |A|^2 V / (sum P)^2}; then the antenna delays minimising {@code sum W_ij (delta_ij - d_i +
 *       d_j)^2} with {@code d_ref = 0} (weighted Laplacian, Cholesky).</li>
 *   <li>SNR and flags: the delay-corrected band is summed per baseline and solved as G ap ({@link StefCal});
 *       a delay is flagged when its antenna has no connected data, fewer than minblperant baselines, or an SNR of
 *       that band-averaged gain below minsnr.</li>
 * </ol>
 * Needs channels on a uniform grid (any sign of spacing). Solutions: gain 1+0i, channel -1, {@code delay_ns}.
 */
public final class DelaySolver {
    private static final int PAD = 8;
    private static final int MAX_REFINE = 20;

    private DelaySolver() {}

    public static List<Solution> solve(SolveGroup group, SolveOptions options) {
        double[] freq = group.chanFreq_hz();
        if (freq.length < 2) {
            throw new IllegalArgumentException("K needs at least 2 channels, spw " + group.spw() + " has "
                    + freq.length);
        }
        int[] bin = uniformBins(freq, group.spw());
        int[] refOrder = options.refant().order(group);
        long[] count = group.unflaggedCountPerAntenna();
        int refant = -1;
        for (int a : refOrder) {
            if (count[a] > 0) {
                refant = a;
                break;
            }
        }
        List<Solution> out = new ArrayList<>();
        double time = group.centreTime_mjdSec();
        for (int pol = 0; pol < group.numPol(); pol++) {
            double[] tau = new double[group.numAnt()];
            Arrays.fill(tau, Double.NaN);
            if (refant >= 0) {
                coarse(group, pol, refant, bin, tau);
                refine(group, pol, refant, tau);
            }
            StefCal.Result r = StefCal.solve(CellSums.delayCorrected(group, pol, tau, freq[0]), refOrder,
                    CalMode.AP, options.minBlPerAnt());
            for (int a = 0; a < group.numAnt(); a++) {
                boolean solved = !Double.isNaN(tau[a]);
                boolean flagged = !solved || !r.ok(a) || !(r.snr(a) >= options.minSnr());
                out.add(new Solution(a, pol, group.spw(), -1, time, 1, 0, solved ? tau[a] * 1e9 : 0,
                        r.ok(a) ? r.snr(a) : 0, flagged));
            }
        }
        return out;
    }

    private static int[] uniformBins(double[] freq, int spw) {
        double step = freq[1] - freq[0];
        int[] bin = new int[freq.length];
        for (int c = 0; c < freq.length; c++) {
            double m = (freq[c] - freq[0]) / step;
            bin[c] = (int) Math.round(m);
            if (step == 0 || Math.abs(m - bin[c]) > 1e-3 || bin[c] < 0 || bin[c] > 16 * freq.length) {
                throw new IllegalArgumentException("K needs channels on a uniform grid; spw " + spw + " channel " + c
                        + " is at " + freq[c] + " Hz, " + m + " steps of " + step + " Hz from channel 0");
            }
        }
        return bin;
    }

    /** Sum over channels of P of baseline b. */
    private static double weight(SolveGroup g, int b, int pol) {
        double w = 0;
        for (int ch = 0; ch < g.numChan(); ch++) {
            w += g.p(g.index(b, ch, pol));
        }
        return w;
    }

    private static int baseline(int i, int j, int nAnt) {
        return i < j ? SolveGroup.baseline(i, j, nAnt) : SolveGroup.baseline(j, i, nAnt);
    }

    private static void coarse(SolveGroup g, int pol, int refant, int[] bin, double[] tau) {
        int nAnt = g.numAnt();
        double step = g.chanFreq_hz(1) - g.chanFreq_hz(0);
        int len = Fft.nextPowerOfTwo(PAD * (bin[bin.length - 1] + 1));
        double[] re = new double[len];
        double[] im = new double[len];
        tau[refant] = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int k = 0; k < nAnt; k++) {
                if (!Double.isNaN(tau[k])) {
                    continue;
                }
                int partner = -1;
                double best = 0;
                for (int j = 0; j < nAnt; j++) {
                    if (j == k || Double.isNaN(tau[j])) {
                        continue;
                    }
                    double w = weight(g, baseline(k, j, nAnt), pol);
                    if (w > 0 && (j == refant || partner != refant) && (w > best || j == refant)) {
                        partner = j;
                        best = w;
                    }
                }
                if (partner < 0) {
                    continue;
                }
                Arrays.fill(re, 0);
                Arrays.fill(im, 0);
                int b = baseline(k, partner, nAnt);
                double sign = k < partner ? 1 : -1; // spectrum of (k, partner): conj when stored as (partner, k)
                for (int ch = 0; ch < g.numChan(); ch++) {
                    int idx = g.index(b, ch, pol);
                    re[bin[ch]] += g.sRe(idx);
                    im[bin[ch]] += sign * g.sIm(idx);
                }
                Fft.forward(re, im);
                tau[k] = tau[partner] + peak(re, im) / (len * step);
                progress = true;
            }
        }
    }

    /** Fractional signed index of the largest |Y|. */
    private static double peak(double[] re, double[] im) {
        int len = re.length;
        int best = 0;
        double bestPower = -1;
        for (int k = 0; k < len; k++) {
            double pw = re[k] * re[k] + im[k] * im[k];
            if (pw > bestPower) {
                bestPower = pw;
                best = k;
            }
        }
        double a = Math.hypot(re[(best - 1 + len) % len], im[(best - 1 + len) % len]);
        double b = Math.sqrt(bestPower);
        double c = Math.hypot(re[(best + 1) % len], im[(best + 1) % len]);
        double den = a - 2 * b + c;
        double frac = den < 0 ? 0.5 * (a - c) / den : 0;
        double k = best + frac;
        return k >= len / 2.0 ? k - len : k;
    }

    private static void refine(SolveGroup g, int pol, int refant, double[] tau) {
        int nAnt = g.numAnt();
        int nChan = g.numChan();
        double nu0 = g.chanFreq_hz(0);
        double bandwidth = Math.abs(g.chanFreq_hz(nChan - 1) - nu0) + Math.abs(g.chanFreq_hz(1) - nu0);
        int[] unknown = new int[nAnt]; // antenna -> row of the normal equations, -1 when not solved for
        int m = 0;
        for (int a = 0; a < nAnt; a++) {
            unknown[a] = (a != refant && !Double.isNaN(tau[a])) ? m++ : -1;
        }
        if (m == 0) {
            return;
        }
        for (int it = 0; it < MAX_REFINE; it++) {
            double[][] normal = new double[m][m];
            double[] rhs = new double[m];
            int b = 0;
            for (int i = 0; i < nAnt; i++) {
                for (int j = i + 1; j < nAnt; j++, b++) {
                    if (Double.isNaN(tau[i]) || Double.isNaN(tau[j])) {
                        continue;
                    }
                    double d = tau[i] - tau[j];
                    double sumP = 0;
                    double sumPnu = 0;
                    for (int ch = 0; ch < nChan; ch++) {
                        double pp = g.p(g.index(b, ch, pol));
                        sumP += pp;
                        sumPnu += pp * (g.chanFreq_hz(ch) - nu0);
                    }
                    if (!(sumP > 0)) {
                        continue;
                    }
                    double nubar = sumPnu / sumP;
                    double ar = 0;
                    double ai = 0;
                    double xr = 0;
                    double xi = 0;
                    double v = 0;
                    for (int ch = 0; ch < nChan; ch++) {
                        int k = g.index(b, ch, pol);
                        if (g.n(k) == 0) {
                            continue;
                        }
                        double x = g.chanFreq_hz(ch) - nu0;
                        double ph = -2 * Math.PI * d * x;
                        double cs = Math.cos(ph);
                        double sn = Math.sin(ph);
                        double rr = g.sRe(k) * cs - g.sIm(k) * sn;
                        double ri = g.sRe(k) * sn + g.sIm(k) * cs;
                        ar += rr;
                        ai += ri;
                        xr += (x - nubar) * rr;
                        xi += (x - nubar) * ri;
                        v += g.p(k) * (x - nubar) * (x - nubar);
                    }
                    double aa = ar * ar + ai * ai;
                    if (!(aa > 0) || !(v > 0)) {
                        continue;
                    }
                    double delta = (xi * ar - xr * ai) * sumP / (2 * Math.PI * aa * v); // Im(X A^*)
                    double w = aa * v / (sumP * sumP);
                    int ui = unknown[i];
                    int uj = unknown[j];
                    if (ui >= 0) {
                        normal[ui][ui] += w;
                        rhs[ui] += w * delta;
                    }
                    if (uj >= 0) {
                        normal[uj][uj] += w;
                        rhs[uj] -= w * delta;
                    }
                    if (ui >= 0 && uj >= 0) {
                        normal[ui][uj] -= w;
                        normal[uj][ui] -= w;
                    }
                }
            }
            double[] step = Cholesky.solve(normal, rhs);
            double largest = 0;
            for (int a = 0; a < nAnt; a++) {
                if (unknown[a] >= 0) {
                    tau[a] += step[unknown[a]];
                    largest = Math.max(largest, Math.abs(step[unknown[a]]));
                }
            }
            if (largest * bandwidth < 1e-7) {
                return;
            }
        }
    }
}
