package org.vispark.udfs.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * B: one complex gain per antenna, polarization and channel, {@code V_ij(t, nu) = b_i(nu) b_j(nu)^* M_ij(t, nu)},
 * all rows of the solution interval combined per channel; solved per channel by {@link StefCal} (calmode ap or p),
 * flagged per channel (no data, minblperant, minsnr).
 *
 * <p>solnorm (CASA's bandpass {@code solnorm=True}: "normalize the bandpass amplitudes and phases to unity and
 * zero"): each antenna's and polarization's unflagged solutions are divided by
 * {@code mean(|b|) exp(i arg(mean(b / |b|)))} over its unflagged channels, so their mean amplitude is 1 and their
 * (circular) mean phase is 0. SNR is unchanged by the normalization.
 */
public final class BandpassSolver {
    private BandpassSolver() {}

    public static List<Solution> solve(SolveGroup group, SolveOptions options) {
        int[] refOrder = options.refant().order(group);
        int nAnt = group.numAnt();
        int nChan = group.numChan();
        double time = group.centreTime_mjdSec();
        List<Solution> out = new ArrayList<>();
        for (int pol = 0; pol < group.numPol(); pol++) {
            double[][] re = new double[nAnt][nChan];
            double[][] im = new double[nAnt][nChan];
            double[][] snr = new double[nAnt][nChan];
            boolean[][] flagged = new boolean[nAnt][nChan];
            for (int ch = 0; ch < nChan; ch++) {
                StefCal.Result r = StefCal.solve(CellSums.channel(group, ch, pol), refOrder, options.calMode(),
                        options.minBlPerAnt());
                for (int a = 0; a < nAnt; a++) {
                    re[a][ch] = r.gRe[a];
                    im[a][ch] = r.gIm[a];
                    snr[a][ch] = r.snr(a);
                    flagged[a][ch] = !r.ok(a) || !(r.snr(a) >= options.minSnr());
                }
            }
            for (int a = 0; a < nAnt; a++) {
                if (options.solnorm()) {
                    normalize(re[a], im[a], flagged[a]);
                }
                for (int ch = 0; ch < nChan; ch++) {
                    out.add(new Solution(a, pol, group.spw(), ch, time, re[a][ch], im[a][ch], 0, snr[a][ch],
                            flagged[a][ch]));
                }
            }
        }
        return out;
    }

    private static void normalize(double[] re, double[] im, boolean[] flagged) {
        double amp = 0;
        double ur = 0;
        double ui = 0;
        int n = 0;
        for (int c = 0; c < re.length; c++) {
            double m = Math.hypot(re[c], im[c]);
            if (!flagged[c] && m > 0) {
                amp += m;
                ur += re[c] / m;
                ui += im[c] / m;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        amp /= n;
        double u = Math.hypot(ur, ui);
        double cr = u > 0 ? ur / u : 1;
        double ci = u > 0 ? ui / u : 0;
        // divide by amp * (cr + i ci)
        for (int c = 0; c < re.length; c++) {
            if (!flagged[c]) {
                double r = (re[c] * cr + im[c] * ci) / amp;
                double i = (im[c] * cr - re[c] * ci) / amp;
                re[c] = r;
                im[c] = i;
            }
        }
    }
}
