package org.vispark.udfs.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gains of a chain of tables at one row time, per antenna and polarization, for {@link GainCorrector}: the
 * terms that do not vary with channel combined into scalars at construction (K delays summed, G gains multiplied,
 * flagged where any of them is), and each B table's channel vector of an antenna on its first use
 * ({@link #prepare}): a view of the table's own solutions when one solution time is used, else interpolated here.
 *
 * <p>Arrays indexed {@code [ant * numPol + pol]}; B vectors {@code [pol * numChan + chan]} from
 * {@link #bandOffset}.
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
    private final double[][][] bandRe; // [B table][ant], interpolated tables only
    private final double[][][] bandIm;
    private final boolean[][][] bandFlag;
    private final boolean[] prepared;
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
        bandRe = new double[bands.size()][numAnt][];
        bandIm = new double[bands.size()][numAnt][];
        bandFlag = new boolean[bands.size()][numAnt][];
        prepared = new boolean[numAnt];
        bytes = (long) n * SCALAR_BYTES;
    }

    /** Makes the B channel vectors of {@code ant} available (interpolating them on the first call). */
    void prepare(int ant) {
        if (prepared[ant]) {
            return;
        }
        prepared[ant] = true;
        for (int j = 0; j < bands.size(); j++) {
            TimeSpan s = bandSpans.get(j);
            if (s.f() == 0) {
                continue;
            }
            GainTable t = bands.get(j);
            double[] re = new double[numPol * numChan];
            double[] im = new double[numPol * numChan];
            boolean[] flag = new boolean[numPol * numChan];
            for (int p = 0; p < numPol; p++) {
                for (int ch = 0; ch < numChan; ch++) {
                    int k = p * numChan + ch;
                    flag[k] = t.flagged(s, ant, p, ch);
                    if (!flag[k]) {
                        t.gain(s, ant, p, ch, re, im, k);
                    }
                }
            }
            bandRe[j][ant] = re;
            bandIm[j][ant] = im;
            bandFlag[j][ant] = flag;
            bytes += (long) numPol * numChan * CHANNEL_BYTES;
        }
    }

    /** Bytes held (scalars and the B vectors interpolated so far). */
    long bytes() {
        return bytes;
    }

    /** Summed K delay of {@code [ant * numPol + pol]}, seconds. */
    double delay_s(int k) {
        return delay_s[k];
    }

    /** Product of the G gains of {@code [ant * numPol + pol]}, real part. */
    double gainRe(int k) {
        return gainRe[k];
    }

    /** Product of the G gains, imaginary part. */
    double gainIm(int k) {
        return gainIm[k];
    }

    /** Whether a K or G solution used for {@code [ant * numPol + pol]} is flagged. */
    boolean scalarFlagged(int k) {
        return scalarFlagged[k];
    }

    /** Number of B tables. */
    int bands() {
        return bands.size();
    }

    /** Real parts of B table {@code j}'s channel vectors for {@code ant} (prepared), from {@link #bandOffset}. */
    double[] bandRe(int j, int ant) {
        return bandSpans.get(j).f() == 0 ? bands.get(j).re() : bandRe[j][ant];
    }

    /** Imaginary parts, as {@link #bandRe}. */
    double[] bandIm(int j, int ant) {
        return bandSpans.get(j).f() == 0 ? bands.get(j).im() : bandIm[j][ant];
    }

    /** Flags, as {@link #bandRe}. */
    boolean[] bandFlag(int j, int ant) {
        return bandSpans.get(j).f() == 0 ? bands.get(j).flag() : bandFlag[j][ant];
    }

    /** Where channel 0 of (ant, pol) is in the arrays of B table {@code j}. */
    int bandOffset(int j, int ant, int pol) {
        TimeSpan s = bandSpans.get(j);
        return s.f() == 0 ? bands.get(j).index(s.t0(), ant, pol, 0) : pol * numChan;
    }
}
