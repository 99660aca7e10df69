package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * K and B against make_ms.py's injected gains (calibrator at the phase centre, MODEL = true sky, S = 2.5 Jy,
 * 12 antennas, 64 channels, 8 integrations, noise sigma per complex value).
 *
 * <p>K thermal limit: per baseline the delay has variance {@code sigma^2 / (2 (2 pi)^2 |g_i g_j|^2 P sum_c (nu_c -
 * nubar)^2)} ({@code P = S^2} per channel and integration); the antenna delays' covariance is the inverse of the
 * weighted Laplacian of these inverse variances without the reference antenna (computed here from the truth).
 *
 * <p>B thermal limit, per channel: as G with {@code P_kj = 8 S^2} (8 integrations of one channel).
 */
class DelayAndBandpassTest {
    private static final double FLUX = 2.5;

    @Test
    void delaysAgreeWithTheInjectedDelays(@TempDir Path dir) throws Exception {
        SimulatedCalibrator cal = SimulatedCalibrator.make(dir, "k", "--nant", "12", "--nchan", "64", "--ntime", "8",
                "--seed", "4", "--centre", "128.7287,55.5725", "--source", "128.7287,55.5725,2.5", "--model", "true",
                "--ripple", "0", "--dm", "standard");
        double[] nu = cal.freq_hz();
        int nAnt = cal.numAnt();
        double nubar = 0;
        for (double f : nu) {
            nubar += f / nu.length;
        }
        double spread = 0;
        for (double f : nu) {
            spread += (f - nubar) * (f - nubar);
        }
        NormalizedErrors errors = new NormalizedErrors("K, solint int", nAnt);
        List<SolveGroup> groups = cal.groupsPerTime(null);
        double worstNs = 0;
        for (int t = 0; t < groups.size(); t++) {
            List<Solution> sol = Solver.solve(groups.get(t), SolveOptions.defaults(GainType.K)
                    .withRefant(ReferenceAntenna.index(0)));
            for (int p = 0; p < cal.numPol(); p++) {
                double[][] laplacian = new double[nAnt - 1][nAnt - 1];
                for (int i = 0; i < nAnt; i++) {
                    for (int j = i + 1; j < nAnt; j++) {
                        double ai = Math.hypot(cal.truthRe()[t][i][p][0], cal.truthIm()[t][i][p][0]);
                        double aj = Math.hypot(cal.truthRe()[t][j][p][0], cal.truthIm()[t][j][p][0]);
                        double w = 2 * Math.pow(2 * Math.PI, 2) * ai * ai * aj * aj * FLUX * FLUX * spread
                                / (cal.noise() * cal.noise());
                        if (i > 0) {
                            laplacian[i - 1][i - 1] += w;
                        }
                        laplacian[j - 1][j - 1] += w;
                        if (i > 0) {
                            laplacian[i - 1][j - 1] -= w;
                            laplacian[j - 1][i - 1] -= w;
                        }
                    }
                }
                double[][] cov = invert(laplacian);
                for (Solution s : sol) {
                    if (s.pol() != p) {
                        continue;
                    }
                    assertTrue(!s.flagged(), "K flagged: " + s);
                    if (s.antenna() == 0) {
                        assertEquals(0, s.delay_ns(), 0, "reference antenna delay");
                        continue;
                    }
                    double truth = truthDelay_s(cal, t, s.antenna(), p);
                    double err = s.delay_ns() * 1e-9 - truth;
                    worstNs = Math.max(worstNs, Math.abs(err) * 1e9);
                    errors.add(s.antenna(), err, Math.sqrt(cov[s.antenna() - 1][s.antenna() - 1]));
                }
            }
        }
        errors.check();
        System.out.printf(Locale.ROOT, "K: worst delay error %.4f ns%n", worstNs);
    }

    /** Slope of the unwrapped truth phase over the band / 2 pi (make_ms's gains are linear in frequency). */
    private static double truthDelay_s(SimulatedCalibrator cal, int t, int a, int p) {
        double[] nu = cal.freq_hz();
        double prev = Math.atan2(cal.truthIm()[t][a][p][0], cal.truthRe()[t][a][p][0]);
        double unwrapped = prev;
        for (int c = 1; c < nu.length; c++) {
            double ph = Math.atan2(cal.truthIm()[t][a][p][c], cal.truthRe()[t][a][p][c]);
            double d = ph - prev;
            d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
            unwrapped += d;
            prev = ph;
        }
        return (unwrapped - Math.atan2(cal.truthIm()[t][a][p][0], cal.truthRe()[t][a][p][0]))
                / (2 * Math.PI * (nu[nu.length - 1] - nu[0]));
    }

    static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[piv];
            m[piv] = tmp;
            double d = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }

    @Test
    void bandpassAgreesWithTheInjectedBandpass(@TempDir Path dir) throws Exception {
        SimulatedCalibrator cal = SimulatedCalibrator.make(dir, "b", "--nant", "12", "--nchan", "64", "--ntime", "8",
                "--seed", "6", "--centre", "128.7287,55.5725", "--source", "128.7287,55.5725,2.5", "--model", "true",
                "--drift", "0", "--dm", "standard");
        SolveGroup all = cal.group(r -> true, null);
        List<Solution> sol = Solver.solve(all, SolveOptions.defaults(GainType.B).withRefant(ReferenceAntenna.index(0)));
        assertEquals(cal.numAnt() * cal.numPol() * cal.numChan(), sol.size());
        double pk = cal.truthTimes().length * FLUX * FLUX;
        double sigma = cal.noise();
        double[][][] re = cal.truthRe()[0];
        double[][][] im = cal.truthIm()[0];
        NormalizedErrors errors = new NormalizedErrors("B, solint inf", cal.numAnt());
        int kept = 0;
        for (Solution s : sol) {
            int a = s.antenna();
            int p = s.pol();
            int c = s.channel();
            kept += s.flagged() ? 0 : 1;
            double d0 = 0;
            double dk = 0;
            for (int j = 0; j < cal.numAnt(); j++) {
                double aj2 = re[j][p][c] * re[j][p][c] + im[j][p][c] * im[j][p][c];
                d0 += j == 0 ? 0 : pk * aj2;
                dk += j == a ? 0 : pk * aj2;
            }
            double ak2 = re[a][p][c] * re[a][p][c] + im[a][p][c] * im[a][p][c];
            double a02 = re[0][p][c] * re[0][p][c] + im[0][p][c] * im[0][p][c];
            double var = a == 0 ? sigma * sigma / (2 * d0) : sigma * sigma / dk + ak2 * sigma * sigma / (2 * a02 * d0);
            errors.add(a, Math.hypot(s.gain_re() - re[a][p][c], s.gain_im() - im[a][p][c]), Math.sqrt(var));
        }
        errors.check();
        double fraction = (double) kept / sol.size();
        System.out.printf(Locale.ROOT, "B on a calibrator at the phase centre: %.1f %% kept at minsnr 3%n",
                100 * fraction);
        assertTrue(fraction >= 0.95);

        List<Solution> norm = Solver.solve(all, SolveOptions.defaults(GainType.B)
                .withRefant(ReferenceAntenna.index(0)).withSolnorm(true));
        for (int a = 0; a < cal.numAnt(); a++) {
            for (int p = 0; p < cal.numPol(); p++) {
                double amp = 0;
                double ur = 0;
                double ui = 0;
                for (Solution s : norm) {
                    if (s.antenna() == a && s.pol() == p) {
                        amp += s.amplitude() / cal.numChan();
                        ur += Math.cos(s.phase_rad());
                        ui += Math.sin(s.phase_rad());
                    }
                }
                assertEquals(1, amp, 1e-9, "solnorm mean amplitude");
                assertEquals(0, Math.atan2(ui, ur), 1e-9, "solnorm mean phase");
            }
        }
    }
}
