package org.vispark.udfs.solve;

import java.util.List;

/**
 * The visibilities of one solve group (one MS, one spectral window or {@linkplain #windowsCombined several}, one
 * solution interval), reduced on arrival to the sufficient statistics of the antenna-gain least-squares problems: per
 * baseline {@code (i < j)}, channel and polarization, over all rows of the interval,
 * <pre>
 *   S = sum w V M^*      (complex)     P = sum w |M|^2      Q = sum w |V|^2      N = number of values
 * </pre>
 * over unflagged values with weight {@code w > 0} and {@code |M| > 0}, after any pre-applied calibration. Because
 * the gains are constant within a solution interval, {@code chi^2 = sum w |V - g_i g_j^* M|^2} of any gains follows
 * exactly from (S, P, Q), so the solvers never need the rows (see {@link CellSums}).
 *
 * <p>Memory: {@link SolveGroupBuilder#bytes} = baselines x channels x polarizations x 20 bytes (float S re, S im, P,
 * Q; int N), independent of the number of rows: 184 MB for DSA-110 (110 antennas, 5995 baselines, 768 channels,
 * 2 polarizations), against 16 bytes x rows x channels x polarizations (3.5 GB for 24 integrations) for the rows.
 *
 * <p>Layout: value {@code ((b * numChan + chan) * numPol + pol)}, baseline index {@code b} of {@link #baseline}.
 * Rows with ANTENNA1 &gt; ANTENNA2 are stored conjugated as (ANTENNA2, ANTENNA1); autocorrelations are ignored.
 */
public final class SolveGroup {
    private final int spw;
    private final int numAnt;
    private final double[] chanFreq_hz;
    private final int numPol;
    private final double firstTime_mjdSec;
    private final double lastTime_mjdSec;
    private final long rows;
    private final float[] sRe;
    private final float[] sIm;
    private final float[] p;
    private final float[] q;
    private final int[] n;

    SolveGroup(int spw, int numAnt, double[] chanFreq_hz, int numPol, double firstTime_mjdSec, double lastTime_mjdSec,
            long rows, float[] sRe, float[] sIm, float[] p, float[] q, int[] n) {
        this.spw = spw;
        this.numAnt = numAnt;
        this.chanFreq_hz = chanFreq_hz;
        this.numPol = numPol;
        this.firstTime_mjdSec = firstTime_mjdSec;
        this.lastTime_mjdSec = lastTime_mjdSec;
        this.rows = rows;
        this.sRe = sRe;
        this.sIm = sIm;
        this.p = p;
        this.q = q;
        this.n = n;
    }

    /**
     * The groups of several spectral windows of one solution interval as one group, as CASA's gaincal
     * {@code combine='spw'} solves them: each window's sums over its own channels (built
     * {@linkplain SolveGroupBuilder#channelsCombined combining channels}, with its own frequencies and model) are added
     * into the same normal equations. The result is recorded under the lowest window (CASA's convention), at the mean
     * of the windows' frequencies, and spans all their rows.
     *
     * @throws IllegalArgumentException when a group keeps channels, or the groups differ in antennas or feeds
     */
    public static SolveGroup windowsCombined(List<SolveGroup> groups) {
        SolveGroup first = groups.get(0);
        int values = first.sRe.length;
        float[] sRe = new float[values];
        float[] sIm = new float[values];
        float[] p = new float[values];
        float[] q = new float[values];
        int[] n = new int[values];
        int spw = Integer.MAX_VALUE;
        double freqSum_hz = 0;
        double firstTime = Double.POSITIVE_INFINITY;
        double lastTime = Double.NEGATIVE_INFINITY;
        long rows = 0;
        for (SolveGroup g : groups) {
            if (g.numChan() != 1 || g.numAnt != first.numAnt || g.numPol != first.numPol) {
                throw new IllegalArgumentException("combine spw: spectral window " + g.spw + " (" + g.numAnt
                        + " antennas, " + g.numPol + " feeds, " + g.numChan() + " channel sums) cannot be solved with"
                        + " window " + first.spw + " (" + first.numAnt + " antennas, " + first.numPol + " feeds)");
            }
            for (int k = 0; k < values; k++) {
                sRe[k] += g.sRe[k];
                sIm[k] += g.sIm[k];
                p[k] += g.p[k];
                q[k] += g.q[k];
                n[k] += g.n[k];
            }
            spw = Math.min(spw, g.spw);
            freqSum_hz += g.chanFreq_hz[0];
            firstTime = Math.min(firstTime, g.firstTime_mjdSec);
            lastTime = Math.max(lastTime, g.lastTime_mjdSec);
            rows += g.rows;
        }
        return new SolveGroup(spw, first.numAnt, new double[] {freqSum_hz / groups.size()}, first.numPol, firstTime,
                lastTime, rows, sRe, sIm, p, q, n);
    }

    /** Index of baseline (i, j), {@code 0 <= i < j < numAnt}. */
    public static int baseline(int i, int j, int numAnt) {
        return i * (2 * numAnt - i - 1) / 2 + (j - i - 1);
    }

    public int spw() {
        return spw;
    }

    public int numAnt() {
        return numAnt;
    }

    public int numBaselines() {
        return numAnt * (numAnt - 1) / 2;
    }

    public int numChan() {
        return chanFreq_hz.length;
    }

    public int numPol() {
        return numPol;
    }

    /** Channel frequencies (Hz), the window's order. */
    public double[] chanFreq_hz() {
        return chanFreq_hz.clone();
    }

    double chanFreq_hz(int chan) {
        return chanFreq_hz[chan];
    }

    /** Rows added (autocorrelations included). */
    public long rows() {
        return rows;
    }

    /** Centre of the interval: mean of the first and last row TIME (MJD s); NaN when empty. */
    public double centreTime_mjdSec() {
        return rows == 0 ? Double.NaN : 0.5 * (firstTime_mjdSec + lastTime_mjdSec);
    }

    /** Unflagged values (all channels, polarizations, baselines) of each antenna. */
    public long[] unflaggedCountPerAntenna() {
        long[] count = new long[numAnt];
        int per = numChan() * numPol;
        int b = 0;
        for (int i = 0; i < numAnt; i++) {
            for (int j = i + 1; j < numAnt; j++, b++) {
                long c = 0;
                for (int k = b * per, end = k + per; k < end; k++) {
                    c += n[k];
                }
                count[i] += c;
                count[j] += c;
            }
        }
        return count;
    }

    int index(int baseline, int chan, int pol) {
        return (baseline * numChan() + chan) * numPol + pol;
    }

    float sRe(int k) {
        return sRe[k];
    }

    float sIm(int k) {
        return sIm[k];
    }

    float p(int k) {
        return p[k];
    }

    float q(int k) {
        return q[k];
    }

    int n(int k) {
        return n[k];
    }
}
