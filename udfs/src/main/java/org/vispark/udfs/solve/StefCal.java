package org.vispark.udfs.solve;

/**
 * Antenna gains of one solve cell ({@link CellSums}) by StefCal (Salvini and Wijnholds 2014), alternating least
 * squares with the even-step averaging that makes it converge.
 *
 * <p>Model: {@code V_ij = g_i g_j^* M_ij}, {@code i = ANTENNA1}, {@code j = ANTENNA2} (make_ms.py multiplies its
 * sky by {@code g1 conj(g2)} the same way). With the Hermitian cell sums ({@code S_ji = S_ij^*}) the update of
 * antenna i, all others fixed, is the weighted least-squares
 * <pre>
 *   ap:  g_i = sum_j S_ij g_j / sum_j P_ij |g_j|^2          p:  g_i = u / |u|,  u = sum_j S_ij g_j
 * </pre>
 * After convergence the gains are multiplied by {@code conj(g_ref) / |g_ref|} (reference antenna: zero phase).
 *
 * <p>Flags: antennas with fewer than {@code minBlPerAnt} baselines holding data among the remaining antennas are
 * removed, repeatedly, before solving; they, and antennas without data, are not ok.
 *
 * <p>SNR (CASA's definition, VisCalSolver): {@code snr_i = |g_i| / sigma_i}, {@code sigma_i^2 = sigma^2 / D_i},
 * {@code D_i = sum_j P_ij |g_j|^2} (the Hessian of chi^2 in g_i), and {@code sigma^2 = chi^2 / (N - n_ok)} the
 * variance of a unit-weight complex visibility estimated from the residual scatter (N values, n_ok complex
 * parameters). So sigma_i is the standard deviation of the complex gain error, the phase error is about
 * {@code 1 / (sqrt(2) snr)} rad, and a model that does not fit the data (wrong phase centre) lowers the SNR through
 * chi^2. Unlike CASA, chi^2 is per polarization.
 */
final class StefCal {
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-10;

    private StefCal() {}

    /** Gains, SNR and flags of one cell. */
    static final class Result {
        final double[] gRe;
        final double[] gIm;
        final double[] snr;
        final boolean[] ok;
        final int[] baselines;
        final int refant;
        final double sigma;

        Result(double[] gRe, double[] gIm, double[] snr, boolean[] ok, int[] baselines, int refant, double sigma) {
            this.gRe = gRe;
            this.gIm = gIm;
            this.snr = snr;
            this.ok = ok;
            this.baselines = baselines;
            this.refant = refant;
            this.sigma = sigma;
        }

        boolean ok(int a) {
            return ok[a];
        }

        double snr(int a) {
            return snr[a];
        }
    }

    /**
     * @param refOrder antennas in reference preference order: the first ok one becomes the reference
     */
    static Result solve(CellSums c, int[] refOrder, CalMode mode, int minBlPerAnt) {
        int nAnt = c.numAnt;
        boolean[] ok = usableAntennas(c, minBlPerAnt);
        int[] baselines = baselineCounts(c, ok);
        double[] gRe = new double[nAnt];
        double[] gIm = new double[nAnt];
        double[] snr = new double[nAnt];
        int refant = -1;
        for (int a : refOrder) {
            if (ok[a]) {
                refant = a;
                break;
            }
        }
        if (refant < 0) {
            for (int a = 0; a < nAnt; a++) {
                gRe[a] = 1;
            }
            return new Result(gRe, gIm, snr, ok, baselines, -1, Double.NaN);
        }
        for (int a = 0; a < nAnt; a++) {
            gRe[a] = 1;
        }
        iterate(c, ok, mode, gRe, gIm);
        reference(gRe, gIm, refant, ok);
        double sigma = residualSigma(c, ok, gRe, gIm);
        double[] d = hessianDiagonal(c, ok, gRe, gIm);
        for (int a = 0; a < nAnt; a++) {
            if (ok[a]) {
                snr[a] = Math.hypot(gRe[a], gIm[a]) * Math.sqrt(d[a]) / sigma;
            } else {
                gRe[a] = 1;
                gIm[a] = 0;
            }
        }
        return new Result(gRe, gIm, snr, ok, baselines, refant, sigma);
    }

    private static boolean[] usableAntennas(CellSums c, int minBl) {
        int nAnt = c.numAnt;
        boolean[] ok = new boolean[nAnt];
        java.util.Arrays.fill(ok, true);
        boolean changed = true;
        while (changed) {
            changed = false;
            int[] count = baselineCounts(c, ok);
            for (int a = 0; a < nAnt; a++) {
                if (ok[a] && count[a] < Math.max(minBl, 1)) {
                    ok[a] = false;
                    changed = true;
                }
            }
        }
        return ok;
    }

    private static int[] baselineCounts(CellSums c, boolean[] ok) {
        int nAnt = c.numAnt;
        int[] count = new int[nAnt];
        int b = 0;
        for (int i = 0; i < nAnt; i++) {
            for (int j = i + 1; j < nAnt; j++, b++) {
                if (ok[i] && ok[j] && c.n[b] > 0 && c.p[b] > 0) {
                    count[i]++;
                    count[j]++;
                }
            }
        }
        return count;
    }

    private static void iterate(CellSums c, boolean[] ok, CalMode mode, double[] gRe, double[] gIm) {
        int nAnt = c.numAnt;
        double[] numRe = new double[nAnt];
        double[] numIm = new double[nAnt];
        double[] den = new double[nAnt];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            java.util.Arrays.fill(numRe, 0);
            java.util.Arrays.fill(numIm, 0);
            java.util.Arrays.fill(den, 0);
            int b = 0;
            for (int i = 0; i < nAnt; i++) {
                for (int j = i + 1; j < nAnt; j++, b++) {
                    if (!ok[i] || !ok[j] || c.n[b] == 0) {
                        continue;
                    }
                    double sr = c.sRe[b];
                    double si = c.sIm[b];
                    // i: S_ij g_j ; j: S_ij^* g_i
                    numRe[i] += sr * gRe[j] - si * gIm[j];
                    numIm[i] += sr * gIm[j] + si * gRe[j];
                    numRe[j] += sr * gRe[i] + si * gIm[i];
                    numIm[j] += sr * gIm[i] - si * gRe[i];
                    den[i] += c.p[b] * (gRe[j] * gRe[j] + gIm[j] * gIm[j]);
                    den[j] += c.p[b] * (gRe[i] * gRe[i] + gIm[i] * gIm[i]);
                }
            }
            double change = 0;
            double scale = 0;
            for (int a = 0; a < nAnt; a++) {
                if (!ok[a]) {
                    continue;
                }
                double nr;
                double ni;
                if (mode == CalMode.P) {
                    double m = Math.hypot(numRe[a], numIm[a]);
                    nr = m > 0 ? numRe[a] / m : 1;
                    ni = m > 0 ? numIm[a] / m : 0;
                } else {
                    nr = den[a] > 0 ? numRe[a] / den[a] : 0;
                    ni = den[a] > 0 ? numIm[a] / den[a] : 0;
                }
                if (it % 2 == 1) { // StefCal: average every second step
                    nr = 0.5 * (nr + gRe[a]);
                    ni = 0.5 * (ni + gIm[a]);
                    if (mode == CalMode.P) {
                        double m = Math.hypot(nr, ni);
                        nr = m > 0 ? nr / m : 1;
                        ni = m > 0 ? ni / m : 0;
                    }
                }
                change = Math.max(change, Math.hypot(nr - gRe[a], ni - gIm[a]));
                scale = Math.max(scale, Math.hypot(nr, ni));
                gRe[a] = nr;
                gIm[a] = ni;
            }
            if (it % 2 == 1 && change <= TOLERANCE * Math.max(scale, Double.MIN_NORMAL)) {
                return;
            }
        }
    }

    private static void reference(double[] gRe, double[] gIm, int refant, boolean[] ok) {
        double m = Math.hypot(gRe[refant], gIm[refant]);
        double cr = m > 0 ? gRe[refant] / m : 1;
        double ci = m > 0 ? -gIm[refant] / m : 0;
        for (int a = 0; a < gRe.length; a++) {
            if (ok[a]) {
                double r = gRe[a] * cr - gIm[a] * ci;
                double i = gRe[a] * ci + gIm[a] * cr;
                gRe[a] = r;
                gIm[a] = i;
            }
        }
        gIm[refant] = 0;
    }

    private static double residualSigma(CellSums c, boolean[] ok, double[] gRe, double[] gIm) {
        int nAnt = c.numAnt;
        double chi2 = 0;
        long values = 0;
        int params = 0;
        int b = 0;
        for (int i = 0; i < nAnt; i++) {
            if (ok[i]) {
                params++;
            }
            for (int j = i + 1; j < nAnt; j++, b++) {
                if (!ok[i] || !ok[j] || c.n[b] == 0) {
                    continue;
                }
                // Re(g_i^* g_j S)
                double xr = gRe[i] * gRe[j] + gIm[i] * gIm[j];
                double xi = gRe[i] * gIm[j] - gIm[i] * gRe[j];
                double cross = xr * c.sRe[b] - xi * c.sIm[b];
                double gg = (gRe[i] * gRe[i] + gIm[i] * gIm[i]) * (gRe[j] * gRe[j] + gIm[j] * gIm[j]);
                chi2 += c.q[b] - 2 * cross + gg * c.p[b];
                values += c.n[b];
            }
        }
        return Math.sqrt(Math.max(chi2, 0) / Math.max(values - params, 1));
    }

    private static double[] hessianDiagonal(CellSums c, boolean[] ok, double[] gRe, double[] gIm) {
        int nAnt = c.numAnt;
        double[] d = new double[nAnt];
        int b = 0;
        for (int i = 0; i < nAnt; i++) {
            for (int j = i + 1; j < nAnt; j++, b++) {
                if (ok[i] && ok[j] && c.n[b] > 0) {
                    d[i] += c.p[b] * (gRe[j] * gRe[j] + gIm[j] * gIm[j]);
                    d[j] += c.p[b] * (gRe[i] * gRe[i] + gIm[i] * gIm[i]);
                }
            }
        }
        return d;
    }
}
