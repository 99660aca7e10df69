package org.vispark.udfs.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vispark.udfs.rephase.ChannelPhasors;

/**
 * The gains of a chain of tables at one row time, per antenna and polarization, for {@link GainCorrector}: the
 * terms that do not vary with channel combined into scalars at construction (K delays summed, G gains multiplied,
 * flagged where any of them is), then on an antenna's first use ({@link #prepare}) its whole channel vector
 * {@code g(nu) = G exp(2 pi i tau (nu - nu_0)) B_1(nu) B_2(nu) ...} (tau the summed K delay, nu_0 the first channel's
 * frequency; B interpolated here when the time falls between solutions), kept as its inverse {@code 1 / g(nu)} and
 * marked unusable where any term is flagged or {@code g} is zero. A row's correction {@code 1 / (g_i g_j^*)} is then
 * {@code (1 / g_i) conj(1 / g_j)}: two complex products per value and no division.
 *
 * <p>Scalars indexed {@code [ant * numPol + pol]}; channel vectors {@code [chan * numPol + pol]} (polarization
 * fastest, as visibility cells).
 */
final class TimeGains {
    private static final int SCALAR_BYTES = 3 * Double.BYTES + 1;
    private static final int CHANNEL_BYTES = 2 * Double.BYTES + 1;

    private final int numPol;
    private final int numChan;
    private final List<GainTable> bands = new ArrayList<>();
    private final List<TimeSpan> bandSpans = new ArrayList<>();
    private final double[] delay_s;
    private final double[] gainRe;
    private final double[] gainIm;
    private final boolean[] scalarFlagged;
    private final double[][] inverseRe; // [ant], prepared antennas only
    private final double[][] inverseIm;
    private final boolean[][] unusable;
    private final boolean[] anyUnusable; // [ant], prepared antennas only: any value of unusable[ant]
    private long bytes;

    TimeGains(List<GainTable> tables, double time_mjdSec, Interpolation interp, int numAnt, int numPol, int numChan) {
        this.numPol = numPol;
        this.numChan = numChan;
        int n = numAnt * numPol;
        delay_s = new double[n];
        gainRe = new double[n];
        gainIm = new double[n];
        scalarFlagged = new boolean[n];
        Arrays.fill(gainRe, 1);
        double[] gr = new double[1];
        double[] gi = new double[1];
        for (GainTable t : tables) {
            TimeSpan s = t.span(time_mjdSec, interp);
            if (t.type() == GainType.B) {
                bands.add(t);
                bandSpans.add(s);
                continue;
            }
            for (int ant = 0; ant < numAnt; ant++) {
                for (int p = 0; p < numPol; p++) {
                    int k = ant * numPol + p;
                    if (t.flagged(s, ant, p, 0)) {
                        scalarFlagged[k] = true;
                    } else if (t.type() == GainType.K) {
                        delay_s[k] += t.delay_s(s, ant, p);
                    } else {
                        t.gain(s, ant, p, 0, gr, gi, 0);
                        double r = gainRe[k] * gr[0] - gainIm[k] * gi[0];
                        gainIm[k] = gainRe[k] * gi[0] + gainIm[k] * gr[0];
                        gainRe[k] = r;
                    }
                }
            }
        }
        inverseRe = new double[numAnt][];
        inverseIm = new double[numAnt][];
        unusable = new boolean[numAnt][];
        anyUnusable = new boolean[numAnt];
        bytes = (long) n * SCALAR_BYTES;
    }

    /**
     * Makes the channel vector of {@code ant} available (computing it on the first call); {@code slopes} gives the
     * K phase slope over the channels' offsets from the first channel's frequency, null when no table is K.
     */
    void prepare(int ant, ChannelPhasors slopes) {
        if (inverseRe[ant] != null) {
            return;
        }
        int values = numPol * numChan;
        double[] re = new double[values];
        double[] im = new double[values];
        boolean[] flag = new boolean[values];
        for (int p = 0; p < numPol; p++) {
            int a = ant * numPol + p;
            if (scalarFlagged[a]) {
                for (int k = p; k < values; k += numPol) {
                    flag[k] = true;
                }
                continue;
            }
            double sr = gainRe[a];
            double si = gainIm[a];
            if (slopes != null && delay_s[a] != 0) {
                slopes.computeSlope(2 * Math.PI * delay_s[a]);
                double[] c = slopes.cos();
                double[] sn = slopes.sin();
                for (int ch = 0, k = p; ch < numChan; ch++, k += numPol) {
                    re[k] = sr * c[ch] - si * sn[ch];
                    im[k] = sr * sn[ch] + si * c[ch];
                }
            } else {
                for (int k = p; k < values; k += numPol) {
                    re[k] = sr;
                    im[k] = si;
                }
            }
        }
        double[] br = new double[1];
        double[] bi = new double[1];
        for (int j = 0; j < bands.size(); j++) {
            GainTable t = bands.get(j);
            TimeSpan s = bandSpans.get(j);
            for (int p = 0; p < numPol; p++) {
                for (int ch = 0, k = p; ch < numChan; ch++, k += numPol) {
                    if (flag[k]) {
                        continue;
                    }
                    if (t.flagged(s, ant, p, ch)) {
                        flag[k] = true;
                        continue;
                    }
                    t.gain(s, ant, p, ch, br, bi, 0);
                    double r = re[k] * br[0] - im[k] * bi[0];
                    im[k] = re[k] * bi[0] + im[k] * br[0];
                    re[k] = r;
                }
            }
        }
        for (int k = 0; k < values; k++) {
            double gg = re[k] * re[k] + im[k] * im[k];
            if (flag[k] || !(gg > 0)) {
                flag[k] = true;
            } else {
                re[k] = re[k] / gg;
                im[k] = -im[k] / gg;
            }
        }
        inverseRe[ant] = re;
        inverseIm[ant] = im;
        unusable[ant] = flag;
        for (boolean f : flag) {
            anyUnusable[ant] |= f;
        }
        bytes += (long) values * CHANNEL_BYTES;
    }

    /** Bytes held (scalars and the channel vectors computed so far). */
    long bytes() {
        return bytes;
    }

    /** The inverse channel vector of {@code ant} (prepared). */
    Inverse inverse(int ant) {
        return new Inverse(inverseRe[ant], inverseIm[ant], unusable[ant], anyUnusable[ant]);
    }

    /**
     * The inverse {@code 1 / g} of an antenna's channel vector, {@code [chan * numPol + pol]} (the arrays
     * themselves): real and imaginary parts, undefined where {@code unusable} (a term flagged, so the gain is
     * undefined, or the gain zero); {@code anyUnusable} when any value is.
     */
    record Inverse(double[] re, double[] im, boolean[] unusable, boolean anyUnusable) {}
}
