package org.vispark.udfs.solve;

/**
 * The sums S, P, Q, N of {@link SolveGroup} for one solve cell (one polarization and a set of channels), per
 * baseline {@code b(i, j)}, {@code i < j}, in double precision. One complex gain per antenna fits a cell:
 * <pre>
 *   chi^2(g) = sum_b  Q_b - 2 Re(g_i^* g_j S_b) + |g_i|^2 |g_j|^2 P_b
 * </pre>
 * which is {@code sum w |V - g_i g_j^* M|^2} over the cell's values.
 */
final class CellSums {
    final int numAnt;
    final double[] sRe;
    final double[] sIm;
    final double[] p;
    final double[] q;
    final long[] n;

    private CellSums(int numAnt) {
        this.numAnt = numAnt;
        int nb = numAnt * (numAnt - 1) / 2;
        sRe = new double[nb];
        sIm = new double[nb];
        p = new double[nb];
        q = new double[nb];
        n = new long[nb];
    }

    /** All channels of polarization {@code pol} combined (G). */
    static CellSums allChannels(SolveGroup g, int pol) {
        return channels(g, pol, 0, g.numChan());
    }

    /** One channel (B). */
    static CellSums channel(SolveGroup g, int chan, int pol) {
        return channels(g, pol, chan, chan + 1);
    }

    private static CellSums channels(SolveGroup g, int pol, int chanStart, int chanEnd) {
        CellSums c = new CellSums(g.numAnt());
        for (int b = 0; b < c.p.length; b++) {
            double sr = 0;
            double si = 0;
            double pp = 0;
            double qq = 0;
            long nn = 0;
            for (int ch = chanStart; ch < chanEnd; ch++) {
                int k = g.index(b, ch, pol);
                sr += g.sRe(k);
                si += g.sIm(k);
                pp += g.p(k);
                qq += g.q(k);
                nn += g.n(k);
            }
            c.sRe[b] = sr;
            c.sIm[b] = si;
            c.p[b] = pp;
            c.q[b] = qq;
            c.n[b] = nn;
        }
        return c;
    }

    /**
     * All channels of {@code pol} after removing delays: {@code S_b = sum_chan S_b(chan) exp(-2 pi i (tau_i - tau_j)
     * (nu - nu_ref))} (K's SNR and flags). Antennas with NaN delay contribute nothing.
     */
    static CellSums delayCorrected(SolveGroup g, int pol, double[] tau_s, double nuRef_hz) {
        CellSums c = new CellSums(g.numAnt());
        int nAnt = g.numAnt();
        int b = 0;
        for (int i = 0; i < nAnt; i++) {
            for (int j = i + 1; j < nAnt; j++, b++) {
                double d = tau_s[i] - tau_s[j];
                if (Double.isNaN(d)) {
                    continue;
                }
                double sr = 0;
                double si = 0;
                double pp = 0;
                double qq = 0;
                long nn = 0;
                for (int ch = 0; ch < g.numChan(); ch++) {
                    int k = g.index(b, ch, pol);
                    if (g.n(k) == 0) {
                        continue;
                    }
                    double ph = -2 * Math.PI * d * (g.chanFreq_hz(ch) - nuRef_hz);
                    double cs = Math.cos(ph);
                    double sn = Math.sin(ph);
                    sr += g.sRe(k) * cs - g.sIm(k) * sn;
                    si += g.sRe(k) * sn + g.sIm(k) * cs;
                    pp += g.p(k);
                    qq += g.q(k);
                    nn += g.n(k);
                }
                c.sRe[b] = sr;
                c.sIm[b] = si;
                c.p[b] = pp;
                c.q[b] = qq;
                c.n[b] = nn;
            }
        }
        return c;
    }
}
