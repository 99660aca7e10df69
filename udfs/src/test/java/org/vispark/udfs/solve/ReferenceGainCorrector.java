package org.vispark.udfs.solve;

import java.util.List;

/**
 * The straightforward {@link GainCorrector} (every table evaluated per row, antenna and channel), kept as the
 * reference that the fast one is tested and benchmarked against.
 *
 * <p>Applies calibration tables to visibilities: {@code V_corrected = V / (g_i g_j^*)} per channel and polarization,
 * {@code i = ANTENNA1}, {@code j = ANTENNA2}, {@code g} the product of the tables' gains (e.g. K, then G p, then
 * B: the order does not matter for these scalar terms). Used for CORRECTED_DATA and for pre-applying earlier
 * solutions while solving ({@link SolveGroupBuilder}).
 *
 * <p>Where any table's solution is flagged (or a gain is zero) the value is flagged and left uncorrected. Weights
 * are not changed (CASA's {@code calwt=False}).
 */
public final class ReferenceGainCorrector {
    private final List<ReferenceGainTable> tables;
    private final Interpolation interp;
    private final int numChan;
    private final int numPol;
    private final double[][] g1Re;
    private final double[][] g1Im;
    private final double[][] g2Re;
    private final double[][] g2Im;
    private final boolean[][] bad;

    /** Tables built for the data's channels and polarizations. Not thread-safe (per-row scratch). */
    public ReferenceGainCorrector(List<ReferenceGainTable> tables, Interpolation interp, int numChan, int numPol) {
        this.tables = List.copyOf(tables);
        this.interp = interp;
        this.numChan = numChan;
        this.numPol = numPol;
        g1Re = new double[numPol][numChan];
        g1Im = new double[numPol][numChan];
        g2Re = new double[numPol][numChan];
        g2Im = new double[numPol][numChan];
        bad = new boolean[numPol][numChan];
    }

    /**
     * Corrects one row in place.
     *
     * @param vis   interleaved re,im [chan, pol] (polarization fastest)
     * @param flags [chan, pol]; set where a solution is flagged
     */
    public void correct(int ant1, int ant2, double time_mjdSec, float[] vis, boolean[] flags) {
        if (vis.length != 2 * numChan * numPol || flags.length != numChan * numPol) {
            throw new IllegalArgumentException("row of " + vis.length + " floats / " + flags.length
                    + " flags does not match " + numChan + " channels x " + numPol + " polarizations");
        }
        evaluate(ant1, ant2, time_mjdSec);
        for (int ch = 0; ch < numChan; ch++) {
            for (int p = 0; p < numPol; p++) {
                int k = ch * numPol + p;
                // g = g1 conj(g2); V / g = V conj(g) / |g|^2
                double gr = g1Re[p][ch] * g2Re[p][ch] + g1Im[p][ch] * g2Im[p][ch];
                double gi = g1Im[p][ch] * g2Re[p][ch] - g1Re[p][ch] * g2Im[p][ch];
                double gg = gr * gr + gi * gi;
                if (bad[p][ch] || !(gg > 0)) {
                    flags[k] = true;
                    continue;
                }
                double vr = vis[2 * k];
                double vi = vis[2 * k + 1];
                vis[2 * k] = (float) ((vr * gr + vi * gi) / gg);
                vis[2 * k + 1] = (float) ((vi * gr - vr * gi) / gg);
            }
        }
    }

    /** {@code g_i g_j^*} of one row, [chan, pol], and {@code flagged} where a solution used is flagged. */
    public void gains(int ant1, int ant2, double time_mjdSec, double[] gRe, double[] gIm, boolean[] flagged) {
        evaluate(ant1, ant2, time_mjdSec);
        for (int ch = 0; ch < numChan; ch++) {
            for (int p = 0; p < numPol; p++) {
                int k = ch * numPol + p;
                gRe[k] = g1Re[p][ch] * g2Re[p][ch] + g1Im[p][ch] * g2Im[p][ch];
                gIm[k] = g1Im[p][ch] * g2Re[p][ch] - g1Re[p][ch] * g2Im[p][ch];
                flagged[k] = bad[p][ch];
            }
        }
    }

    private void evaluate(int ant1, int ant2, double time_mjdSec) {
        for (int p = 0; p < numPol; p++) {
            java.util.Arrays.fill(g1Re[p], 1);
            java.util.Arrays.fill(g1Im[p], 0);
            java.util.Arrays.fill(g2Re[p], 1);
            java.util.Arrays.fill(g2Im[p], 0);
            java.util.Arrays.fill(bad[p], false);
            for (ReferenceGainTable t : tables) {
                t.multiplyInto(ant1, p, time_mjdSec, interp, g1Re[p], g1Im[p], bad[p]);
                t.multiplyInto(ant2, p, time_mjdSec, interp, g2Re[p], g2Im[p], bad[p]);
            }
        }
    }
}
