package org.vispark.udfs.solve;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vispark.udfs.rephase.ChannelPhasors;

/**
 * Applies calibration tables to visibilities: {@code V_corrected = V / (g_i g_j^*)} per channel and polarization,
 * {@code i = ANTENNA1}, {@code j = ANTENNA2}, {@code g} the product of the tables' gains (e.g. K, then G p, then
 * B: the order does not matter for these scalar terms). Used for CORRECTED_DATA and for pre-applying earlier
 * solutions while solving ({@link SolveGroupBuilder}).
 *
 * <p>Where any table's solution is flagged (or a gain is zero) the value is flagged and left uncorrected. Weights
 * are not changed (CASA's {@code calwt=False}).
 *
 * <p>The tables are evaluated once per row time and antenna ({@link TimeGains}, kept for the row times seen, up to
 * {@link #CACHE_BYTES} bytes, then dropped and rebuilt as rows need them), per channel only where the term varies
 * with channel: a row's K delays become one phase slope {@code exp(2 pi i (tau_i - tau_j) (nu - nu_0))} generated
 * by {@link ChannelPhasors}, G is one scalar, B a channel vector.
 */
public final class GainCorrector {
    /** Memory for the gains at the row times seen, bytes. */
    public static final long CACHE_BYTES = 128L << 20;

    private final List<GainTable> tables;
    private final Interpolation interp;
    private final int numAnt;
    private final int numChan;
    private final int numPol;
    private final long cacheBytes;
    private final boolean delays;
    private final ChannelPhasors phasors;
    private final Map<Double, TimeGains> byTime = new HashMap<>();
    private long cachedBytes;
    private final double[] gRe;
    private final double[] gIm;
    private final boolean[] bad;

    /**
     * Tables built for the data's channels and polarizations (and one antenna count). Not thread-safe (per-row
     * scratch and the per-time gains).
     */
    public GainCorrector(List<GainTable> tables, Interpolation interp, int numChan, int numPol) {
        this(tables, interp, numChan, numPol, CACHE_BYTES);
    }

    /** As the public constructor, with {@code cacheBytes} for the gains at the row times seen. */
    GainCorrector(List<GainTable> tables, Interpolation interp, int numChan, int numPol, long cacheBytes) {
        this.tables = List.copyOf(tables);
        this.interp = interp;
        this.numChan = numChan;
        this.numPol = numPol;
        this.cacheBytes = cacheBytes;
        int ants = 0;
        double[] freq_hz = null;
        for (GainTable t : this.tables) {
            if (t.chanFreq_hz().length != numChan || t.numPol() != numPol || (freq_hz != null
                    && (!Arrays.equals(freq_hz, t.chanFreq_hz()) || t.numAnt() != ants))) {
                throw new IllegalArgumentException("the " + t.type() + " table is not built for the data's " + numChan
                        + " channels x " + numPol + " polarizations and the other tables' antennas and frequencies");
            }
            freq_hz = t.chanFreq_hz();
            ants = t.numAnt();
        }
        this.numAnt = ants;
        this.delays = this.tables.stream().anyMatch(t -> t.type() == GainType.K);
        if (delays) {
            double[] offset_hz = new double[numChan];
            for (int ch = 0; ch < numChan; ch++) {
                offset_hz[ch] = freq_hz[ch] - freq_hz[0];
            }
            phasors = new ChannelPhasors(offset_hz);
        } else {
            phasors = null;
        }
        gRe = new double[numChan * numPol];
        gIm = new double[numChan * numPol];
        bad = new boolean[numChan * numPol];
    }

    /**
     * Corrects one row in place.
     *
     * @param vis   interleaved re,im [chan, pol] (polarization fastest)
     * @param flags [chan, pol]; set where a solution is flagged
     * @return the number of values this call flagged that were not flagged before
     */
    public int correct(int ant1, int ant2, double time_mjdSec, float[] vis, boolean[] flags) {
        if (vis.length != 2 * numChan * numPol || flags.length != numChan * numPol) {
            throw new IllegalArgumentException("row of " + vis.length + " floats / " + flags.length
                    + " flags does not match " + numChan + " channels x " + numPol + " polarizations");
        }
        if (tables.isEmpty()) {
            return 0;
        }
        gains(ant1, ant2, time_mjdSec, gRe, gIm, bad);
        int newlyFlagged = 0;
        for (int k = 0; k < flags.length; k++) {
            // V / g = V conj(g) / |g|^2
            double gr = gRe[k];
            double gi = gIm[k];
            double gg = gr * gr + gi * gi;
            if (bad[k] || !(gg > 0)) {
                newlyFlagged += flags[k] ? 0 : 1;
                flags[k] = true;
                continue;
            }
            double vr = vis[2 * k];
            double vi = vis[2 * k + 1];
            vis[2 * k] = (float) ((vr * gr + vi * gi) / gg);
            vis[2 * k + 1] = (float) ((vi * gr - vr * gi) / gg);
        }
        return newlyFlagged;
    }

    /**
     * The gains {@code g_i g_j^*} of one row, [chan, pol] (polarization fastest), and {@code flagged} where a
     * solution used is flagged (the gains there are undefined).
     */
    void gains(int ant1, int ant2, double time_mjdSec, double[] gRe, double[] gIm, boolean[] flagged) {
        TimeGains g = at(ant1, ant2, time_mjdSec);
        for (int p = 0; p < numPol; p++) {
            int a = ant1 * numPol + p;
            int b = ant2 * numPol + p;
            boolean scalarFlagged = g.scalarFlagged(a) || g.scalarFlagged(b);
            for (int k = p; k < flagged.length; k += numPol) {
                flagged[k] = scalarFlagged;
            }
            if (!scalarFlagged) {
                channelGains(g, ant1, ant2, p, gRe, gIm, flagged);
            }
        }
    }

    /** The gains at {@code time_mjdSec}, prepared for both antennas. */
    private TimeGains at(int ant1, int ant2, double time_mjdSec) {
        if (ant1 < 0 || ant2 < 0 || ant1 >= numAnt || ant2 >= numAnt) {
            throw new IllegalArgumentException("antennas (" + ant1 + ", " + ant2 + ") outside the tables' 0.."
                    + (numAnt - 1));
        }
        TimeGains g = byTime.get(time_mjdSec);
        if (g == null) {
            g = new TimeGains(tables, time_mjdSec, interp, numAnt, numPol, numChan);
            byTime.put(time_mjdSec, g);
            cachedBytes += g.bytes();
        }
        long before = g.bytes();
        g.prepare(ant1);
        g.prepare(ant2);
        cachedBytes += g.bytes() - before;
        if (cachedBytes > cacheBytes) {
            byTime.clear();
            cachedBytes = 0;
        }
        return g;
    }

    /** {@code g_i g_j^*} of polarization {@code p} into gRe, gIm [chan, pol]; flagged where a B solution is. */
    private void channelGains(TimeGains g, int ant1, int ant2, int p, double[] gRe, double[] gIm,
            boolean[] flagged) {
        int a = ant1 * numPol + p;
        int b = ant2 * numPol + p;
        double sr = g.gainRe(a) * g.gainRe(b) + g.gainIm(a) * g.gainIm(b);
        double si = g.gainIm(a) * g.gainRe(b) - g.gainRe(a) * g.gainIm(b);
        double d_s = delays ? g.delay_s(a) - g.delay_s(b) : 0;
        if (d_s != 0) {
            phasors.computeSlope(2 * Math.PI * d_s);
            double[] c = phasors.cos();
            double[] s = phasors.sin();
            for (int ch = 0, k = p; ch < numChan; ch++, k += numPol) {
                gRe[k] = sr * c[ch] - si * s[ch];
                gIm[k] = sr * s[ch] + si * c[ch];
            }
        } else {
            for (int k = p; k < gRe.length; k += numPol) {
                gRe[k] = sr;
                gIm[k] = si;
            }
        }
        for (int j = 0; j < g.bands(); j++) {
            double[] re1 = g.bandRe(j, ant1);
            double[] im1 = g.bandIm(j, ant1);
            boolean[] f1 = g.bandFlag(j, ant1);
            int o1 = g.bandOffset(j, ant1, p);
            double[] re2 = g.bandRe(j, ant2);
            double[] im2 = g.bandIm(j, ant2);
            boolean[] f2 = g.bandFlag(j, ant2);
            int o2 = g.bandOffset(j, ant2, p);
            for (int ch = 0, k = p; ch < numChan; ch++, k += numPol) {
                if (f1[o1 + ch] || f2[o2 + ch]) {
                    flagged[k] = true;
                    continue;
                }
                // B_i conj(B_j)
                double br = re1[o1 + ch] * re2[o2 + ch] + im1[o1 + ch] * im2[o2 + ch];
                double bi = im1[o1 + ch] * re2[o2 + ch] - re1[o1 + ch] * im2[o2 + ch];
                double r = gRe[k] * br - gIm[k] * bi;
                gIm[k] = gRe[k] * bi + gIm[k] * br;
                gRe[k] = r;
            }
        }
    }
}
