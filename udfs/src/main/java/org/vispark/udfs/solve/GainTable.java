package org.vispark.udfs.solve;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The solutions of one gain type for one spectral window, for the channels and polarizations of the data being
 * corrected, evaluated per antenna and polarization at a row time ({@link TimeSpan}, {@link Interpolation}) by
 * {@link GainCorrector}.
 *
 * <p>G: one value for all channels. B: one per channel (the table must have the data's channel count). K: the
 * phasor {@code exp(2 pi i tau (nu - nu_0))} with {@code nu_0} the data's first channel frequency, the same
 * reference {@link DelaySolver} used. An antenna or polarization without a solution at a time counts as flagged.
 * LINEAR interpolates amplitude and phase separately (the phase difference wrapped to (-pi, pi]), delays linearly.
 */
public final class GainTable {
    private final GainType type;
    private final int numAnt;
    private final int numPol;
    private final double[] chanFreq_hz;
    private final int slots;
    private final double[] times_mjdSec;
    private final double[] re; // [time][ant][pol][slot]; K: delay in seconds
    private final double[] im;
    private final boolean[] flag;
    private final double[] amp; // |g| and arg g of re, im (G and B with more than one time); else null
    private final double[] phase_rad;

    /**
     * @param solutions   solutions of {@code type} for one spectral window (any order)
     * @param numAnt      antennas of the data
     * @param numPol      polarizations of the data
     * @param chanFreq_hz channel frequencies of the data (Hz)
     */
    public GainTable(GainType type, List<Solution> solutions, int numAnt, int numPol, double[] chanFreq_hz) {
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
        times_mjdSec = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        int size = times_mjdSec.length * numAnt * numPol * slots;
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
            int t = Arrays.binarySearch(times_mjdSec, s.time_mjdSec());
            int k = index(t, s.antenna(), s.pol(), slot);
            re[k] = type == GainType.K ? s.delay_ns() * 1e-9 : s.gain_re();
            im[k] = type == GainType.K ? 0 : s.gain_im();
            flag[k] = s.flagged() || !Double.isFinite(re[k]) || !Double.isFinite(im[k]);
        }
        if (type == GainType.K || times_mjdSec.length == 1) {
            amp = null;
            phase_rad = null;
        } else {
            amp = new double[size];
            phase_rad = new double[size];
            for (int k = 0; k < size; k++) {
                amp[k] = Math.hypot(re[k], im[k]);
                phase_rad[k] = Math.atan2(im[k], re[k]);
            }
        }
    }

    public GainType type() {
        return type;
    }

    int numAnt() {
        return numAnt;
    }

    int numPol() {
        return numPol;
    }

    /** Channel frequencies of the data (Hz; the array itself, not to be modified). */
    double[] chanFreq_hz() {
        return chanFreq_hz;
    }

    /** The solutions used at {@code time_mjdSec}. */
    TimeSpan span(double time_mjdSec, Interpolation interp) {
        return TimeSpan.of(times_mjdSec, time_mjdSec, interp);
    }

    /** Index of (time, antenna, polarization, channel for B or 0) in {@link #re()}, {@link #im()}, {@link #flag()}. */
    int index(int t, int ant, int pol, int slot) {
        return ((t * numAnt + ant) * numPol + pol) * slots + slot;
    }

    /** Real parts of the solutions, [time][ant][pol][slot] (K: delays in seconds; the array itself). */
    double[] re() {
        return re;
    }

    /** Imaginary parts of the solutions (the array itself). */
    double[] im() {
        return im;
    }

    /** Flags of the solutions (the array itself). */
    boolean[] flag() {
        return flag;
    }

    /** Whether the solution(s) of (ant, pol, slot) that {@code s} uses are flagged. */
    boolean flagged(TimeSpan s, int ant, int pol, int slot) {
        return flag[index(s.t0(), ant, pol, slot)] || (s.f() > 0 && flag[index(s.t1(), ant, pol, slot)]);
    }

    /** K: the delay of (ant, pol) at {@code s}, seconds. */
    double delay_s(TimeSpan s, int ant, int pol) {
        int k0 = index(s.t0(), ant, pol, 0);
        int k1 = index(s.t1(), ant, pol, 0);
        return re[k0] + s.f() * (re[k1] - re[k0]);
    }

    /** G, B: the gain of (ant, pol, slot) at {@code s}, written to {@code gRe[at]}, {@code gIm[at]}. */
    void gain(TimeSpan s, int ant, int pol, int slot, double[] gRe, double[] gIm, int at) {
        int k0 = index(s.t0(), ant, pol, slot);
        if (s.f() == 0) {
            gRe[at] = re[k0];
            gIm[at] = im[k0];
            return;
        }
        int k1 = index(s.t1(), ant, pol, slot);
        double dp = phase_rad[k1] - phase_rad[k0];
        dp -= 2 * Math.PI * Math.floor((dp + Math.PI) / (2 * Math.PI));
        double a = amp[k0] + s.f() * (amp[k1] - amp[k0]);
        double p = phase_rad[k0] + s.f() * dp;
        gRe[at] = a * Math.cos(p);
        gIm[at] = a * Math.sin(p);
    }
}
