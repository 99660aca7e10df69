package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GainCorrector} against {@link ReferenceGainCorrector} (every table evaluated per row, antenna and channel)
 * on random K, G ap, G p and B tables of the DSA-110's shape (110 antennas, 768 channels, 2 polarizations):
 * several solution times, flagged solutions, antennas and times without solutions, rows before, at, between and
 * after the solution times. The gains {@code g_i g_j^*} must agree within 1e-9 relative and the flags exactly.
 */
class GainCorrectorTest {
    private static final int NANT = 110;
    private static final int NCHAN = 768;
    private static final int NPOL = 2;
    private static final double T0 = 5.1e9;
    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest
    @CsvSource({"NEAREST, 2, 128", "LINEAR, 2, 128", "NEAREST, 1, 128", "LINEAR, 1, 128", "LINEAR, 2, 0",
            "NEAREST, 1, 0"})
    void sameAsReference(Interpolation interp, int bandpassTimes, long cacheMiB) {
        double[] freq_hz = new double[NCHAN];
        for (int c = 0; c < NCHAN; c++) {
            freq_hz[c] = 1.49e9 - c * 244140.625;
        }
        Random rnd = new Random(11 + 3L * bandpassTimes + interp.ordinal());
        List<List<Solution>> tables = List.of(
                delays(rnd, new double[] {T0, T0 + 600, T0 + 1200}),
                gains(rnd, new double[] {T0 - 30, T0 + 150, T0 + 420, T0 + 900, T0 + 1500}, false),
                gains(rnd, new double[] {T0 + 100, T0 + 700}, true),
                bandpass(rnd, bandpassTimes == 1 ? new double[] {T0 + 300} : new double[] {T0 + 200, T0 + 1300}));
        List<GainType> types = List.of(GainType.K, GainType.G, GainType.G, GainType.B);
        double[] rowTimes = {T0 - 100, T0, T0 + 75, T0 + 150, T0 + 299.5, T0 + 600, T0 + 777.7, T0 + 1300,
            T0 + 1500, T0 + 2000};
        compare(types, tables, freq_hz, interp, rowTimes, 40, cacheMiB << 20, rnd);
    }

    @Test
    void nonUniformChannelsSameAsReference() {
        double[] freq_hz = new double[96];
        for (int c = 0; c < freq_hz.length; c++) {
            freq_hz[c] = 1.3e9 + c * 1e6 + (c % 3) * 7e3;
        }
        Random rnd = new Random(5);
        List<List<Solution>> tables = List.of(delays(rnd, new double[] {T0, T0 + 60}),
                delays(rnd, new double[] {T0 + 30}));
        long unflagging = compare(List.of(GainType.K, GainType.K), tables, freq_hz, Interpolation.LINEAR,
                new double[] {T0 - 1, T0 + 20, T0 + 45, T0 + 61}, 20, GainCorrector.CACHE_BYTES, rnd);
        assertTrue(unflagging > 0, "no row that flags nothing: correct()'s path for those untested");
    }

    /**
     * Compares gains and corrected rows of random baselines at each row time (each time visited several times);
     * returns how many rows flagged nothing.
     */
    private static long compare(List<GainType> types, List<List<Solution>> solutions, double[] freq_hz,
            Interpolation interp, double[] rowTimes, int baselinesPerTime, long cacheBytes, Random rnd) {
        int nchan = freq_hz.length;
        List<GainTable> fast = new ArrayList<>();
        List<ReferenceGainTable> slow = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fast.add(new GainTable(types.get(i), solutions.get(i), NANT, NPOL, freq_hz));
            slow.add(new ReferenceGainTable(types.get(i), solutions.get(i), NANT, NPOL, freq_hz));
        }
        GainCorrector corrector = new GainCorrector(fast, interp, nchan, NPOL, cacheBytes);
        ReferenceGainCorrector reference = new ReferenceGainCorrector(slow, interp, nchan, NPOL);
        int values = nchan * NPOL;
        double[] gRe = new double[values];
        double[] gIm = new double[values];
        boolean[] flagged = new boolean[values];
        double[] refRe = new double[values];
        double[] refIm = new double[values];
        boolean[] refFlagged = new boolean[values];
        double worst = 0;
        long compared = 0;
        long unflagging = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int b = 0; b < baselinesPerTime; b++) {
                int ant1 = rnd.nextInt(NANT);
                int ant2 = b == 0 ? ant1 : rnd.nextInt(NANT);
                for (double time : rowTimes) {
                    corrector.gains(ant1, ant2, time, gRe, gIm, flagged);
                    reference.gains(ant1, ant2, time, refRe, refIm, refFlagged);
                    assertArrayEquals(refFlagged, flagged, "flags of (" + ant1 + ", " + ant2 + ") at " + time);
                    boolean flagging = count(refFlagged) > 0;
                    assertEquals(flagging, corrector.flags(ant1, ant2, time), "does (" + ant1 + ", " + ant2
                            + ") at " + time + " flag values");
                    unflagging += flagging ? 0 : 1;
                    for (int k = 0; k < values; k++) {
                        if (!refFlagged[k]) {
                            double d = Math.hypot(gRe[k] - refRe[k], gIm[k] - refIm[k]);
                            worst = Math.max(worst, d / Math.hypot(refRe[k], refIm[k]));
                            compared++;
                        }
                    }
                    correctRow(corrector, reference, ant1, ant2, time, values, rnd);
                }
            }
        }
        assertTrue(worst < TOLERANCE, "max relative difference of the gains " + worst);
        assertTrue(compared > values, "too few unflagged values compared: " + compared);
        return unflagging;
    }

    /** correct() of one random row: the same flags, the same values within float rounding, the new flags counted. */
    private static void correctRow(GainCorrector corrector, ReferenceGainCorrector reference, int ant1, int ant2,
            double time, int values, Random rnd) {
        float[] vis = new float[2 * values];
        boolean[] flags = new boolean[values];
        for (int k = 0; k < values; k++) {
            vis[2 * k] = (float) rnd.nextGaussian();
            vis[2 * k + 1] = (float) rnd.nextGaussian();
            flags[k] = rnd.nextDouble() < 0.05;
        }
        float[] refVis = vis.clone();
        boolean[] refFlags = flags.clone();
        int before = count(flags);
        int newly = corrector.correct(ant1, ant2, time, vis, flags);
        reference.correct(ant1, ant2, time, refVis, refFlags);
        assertArrayEquals(refFlags, flags);
        assertEquals(count(flags) - before, newly, "newly flagged values");
        for (int i = 0; i < vis.length; i++) {
            assertEquals(refVis[i], vis[i], 4 * Math.ulp(Math.abs(refVis[i])) + 1e-30, "float " + i);
        }
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    /** Delays within +-50 ns; 5 % flagged, 3 % missing, antenna 17 without any. */
    private static List<Solution> delays(Random rnd, double[] times) {
        List<Solution> out = new ArrayList<>();
        for (double t : times) {
            for (int a = 0; a < NANT; a++) {
                for (int p = 0; p < NPOL; p++) {
                    if (a != 17 && rnd.nextDouble() >= 0.03) {
                        out.add(new Solution(a, p, 0, -1, t, 1, 0, (2 * rnd.nextDouble() - 1) * 50, 10,
                                rnd.nextDouble() < 0.05));
                    }
                }
            }
        }
        return out;
    }

    /** Gains of any phase, amplitude 0.5 to 2 (1 if {@code phaseOnly}); 5 % flagged, 3 % missing. */
    private static List<Solution> gains(Random rnd, double[] times, boolean phaseOnly) {
        List<Solution> out = new ArrayList<>();
        for (double t : times) {
            for (int a = 0; a < NANT; a++) {
                for (int p = 0; p < NPOL; p++) {
                    if (rnd.nextDouble() >= 0.03) {
                        double amp = phaseOnly ? 1 : 0.5 + 1.5 * rnd.nextDouble();
                        double ph = (2 * rnd.nextDouble() - 1) * Math.PI;
                        out.add(new Solution(a, p, 0, -1, t, amp * Math.cos(ph), amp * Math.sin(ph), 0, 10,
                                rnd.nextDouble() < 0.05));
                    }
                }
            }
        }
        return out;
    }

    /** Per-channel gains of any phase, amplitude 0.5 to 1.5; 2 % flagged, antenna 23 missing at the first time. */
    private static List<Solution> bandpass(Random rnd, double[] times) {
        List<Solution> out = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            for (int a = 0; a < NANT; a++) {
                if (a == 23 && i == 0) {
                    continue;
                }
                for (int p = 0; p < NPOL; p++) {
                    for (int c = 0; c < NCHAN; c++) {
                        double amp = 0.5 + rnd.nextDouble();
                        double ph = (2 * rnd.nextDouble() - 1) * Math.PI;
                        out.add(new Solution(a, p, 0, c, times[i], amp * Math.cos(ph), amp * Math.sin(ph), 0, 10,
                                rnd.nextDouble() < 0.02));
                    }
                }
            }
        }
        return out;
    }
}
