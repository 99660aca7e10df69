package org.vispark.udfs.solve;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The straightforward evaluation {@link GainTable} replaced (every table, antenna and channel evaluated per row),
 * kept as the reference that {@link GainCorrector} is tested and benchmarked against.
 *
 * <p>The solutions of one gain type for one spectral window, evaluated per antenna, polarization and channel at any
 * time ({@link Interpolation}), for the channels of the data being corrected.
 *
 * <p>G: one value for all channels. B: one per channel (the table must have the data's channel count). K: the
 * phasor {@code exp(2 pi i tau (nu - nu_0))} with {@code nu_0} the data's first channel frequency, the same
 * reference {@link DelaySolver} used. An antenna or polarization without a solution at a time counts as flagged.
 */
public final class ReferenceGainTable {
    private final GainType type;
    private final int numAnt;
    private final int numPol;
    private final double[] chanFreq_hz;
    private final int slots;
    private final double[] times;
    private final double[] re; // [time][ant][pol][slot]; K: delay in seconds
    private final double[] im;
    private final boolean[] flag;

    /**
     * @param solutions   solutions of {@code type} for one spectral window (any order)
     * @param numAnt      antennas of the data
     * @param numPol      polarizations of the data
     * @param chanFreq_hz channel frequencies of the data (Hz)
     */
    public ReferenceGainTable(GainType type, List<Solution> solutions, int numAnt, int numPol, double[] chanFreq_hz) {
        if (solutions.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " table needs at least one solution");
        }
        this.type = type;
        this.numAnt = numAnt;
        this.numPol = numPol;
        this.chanFreq_hz = chanFreq_hz.clone();
        this.slots = type == GainType.B ? chanFreq_hz.length : 1;
        TreeSet<Double> distinct = new TreeSet<>();
        int spw = solutions.get(0).spw();
        for (Solution s : solutions) {
            if (s.spw() != spw) {
                throw new IllegalArgumentException(type + " table mixes spectral windows " + spw + " and " + s.spw());
            }
            distinct.add(s.time_mjdSec());
        }
        times = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        int size = times.length * numAnt * numPol * slots;
        re = new double[size];
        im = new double[size];
        flag = new boolean[size];
        Arrays.fill(flag, true);
        for (Solution s : solutions) {
            if (s.antenna() < 0 || s.antenna() >= numAnt || s.pol() < 0 || s.pol() >= numPol) {
                throw new IllegalArgumentException(type + " solution for antenna " + s.antenna() + " pol " + s.pol()
                        + " outside the data's " + numAnt + " antennas x " + numPol + " polarizations");
            }
            int slot = 0;
            if (type == GainType.B) {
                if (s.channel() < 0 || s.channel() >= slots) {
                    throw new IllegalArgumentException("B solution channel " + s.channel() + " outside the data's "
                            + slots + " channels");
                }
                slot = s.channel();
            }
            int t = Arrays.binarySearch(times, s.time_mjdSec());
            int k = index(t, s.antenna(), s.pol(), slot);
            re[k] = type == GainType.K ? s.delay_ns() * 1e-9 : s.gain_re();
            im[k] = type == GainType.K ? 0 : s.gain_im();
            flag[k] = s.flagged() || !Double.isFinite(re[k]) || !Double.isFinite(im[k]);
        }
    }

    public GainType type() {
        return type;
    }

    private int index(int t, int ant, int pol, int slot) {
        return ((t * numAnt + ant) * numPol + pol) * slots + slot;
    }

    /**
     * Multiplies this table's gain of (ant, pol) at {@code time_mjdSec} into {@code gRe, gIm} (one value per data
     * channel) and sets {@code flagged[chan]} where the solution is flagged.
     */
    public void multiplyInto(int ant, int pol, double time_mjdSec, Interpolation interp, double[] gRe, double[] gIm,
            boolean[] flagged) {
        int hi = 0;
        while (hi < times.length && times[hi] < time_mjdSec) {
            hi++;
        }
        int t0;
        int t1;
        double f;
        if (hi == 0) {
            t0 = t1 = 0;
            f = 0;
        } else if (hi == times.length) {
            t0 = t1 = times.length - 1;
            f = 0;
        } else {
            t0 = hi - 1;
            t1 = hi;
            f = (time_mjdSec - times[t0]) / (times[t1] - times[t0]);
            if (interp == Interpolation.NEAREST) {
                t0 = t1 = f < 0.5 ? t0 : t1;
                f = 0;
            }
        }
        int nChan = chanFreq_hz.length;
        for (int ch = 0; ch < nChan; ch++) {
            int slot = type == GainType.B ? ch : 0;
            int k0 = index(t0, ant, pol, slot);
            int k1 = index(t1, ant, pol, slot);
            if (flag[k0] || (f > 0 && flag[k1])) {
                flagged[ch] = true;
                continue;
            }
            double vr;
            double vi;
            if (type == GainType.K) {
                double tau = re[k0] + f * (re[k1] - re[k0]);
                double ph = 2 * Math.PI * tau * (chanFreq_hz[ch] - chanFreq_hz[0]);
                vr = Math.cos(ph);
                vi = Math.sin(ph);
            } else if (f == 0) {
                vr = re[k0];
                vi = im[k0];
            } else {
                double a0 = Math.hypot(re[k0], im[k0]);
                double a1 = Math.hypot(re[k1], im[k1]);
                double p0 = Math.atan2(im[k0], re[k0]);
                double dp = Math.atan2(im[k1], re[k1]) - p0;
                dp -= 2 * Math.PI * Math.floor((dp + Math.PI) / (2 * Math.PI));
                double a = a0 + f * (a1 - a0);
                double p = p0 + f * dp;
                vr = a * Math.cos(p);
                vi = a * Math.sin(p);
            }
            double r = gRe[ch] * vr - gIm[ch] * vi;
            gIm[ch] = gRe[ch] * vi + gIm[ch] * vr;
            gRe[ch] = r;
        }
    }
}
