package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SolveGroup#windowsCombined}: the channel sums of two windows, each with its own channels, add up to those of
 * one window holding all their channels; groups of different feeds are refused naming both windows.
 */
class WindowsCombinedTest {
    private static final int NUM_ANT = 4;

    /** A row of baseline (0, 1) with value {@code (k + 1) (1 + i)} and model 2 in channel k of one feed. */
    private static float[][] row(int numChan) {
        float[] v = new float[2 * numChan];
        float[] m = new float[2 * numChan];
        for (int k = 0; k < numChan; k++) {
            v[2 * k] = k + 1;
            v[2 * k + 1] = k + 1;
            m[2 * k] = 2;
        }
        return new float[][] {v, m};
    }

    private static SolveGroup group(int spw, double[] freqs_hz, float[] v, float[] m, double time) {
        SolveGroupBuilder b = SolveGroupBuilder.channelsCombined(spw, NUM_ANT, freqs_hz, 1, null);
        b.addRow(0, 1, time, v, m, null, null);
        return b.build();
    }

    @Test
    void sumsOfTwoWindowsEqualOneWindowOfAllTheirChannels() {
        float[][] all = row(4);
        float[][] low = {Arrays.copyOfRange(all[0], 0, 4), Arrays.copyOfRange(all[1], 0, 4)};
        float[][] high = {Arrays.copyOfRange(all[0], 4, 8), Arrays.copyOfRange(all[1], 4, 8)};
        SolveGroup w3 = group(3, new double[] {2e9, 2.1e9}, high[0], high[1], 20);
        SolveGroup w1 = group(1, new double[] {1e9, 1.1e9}, low[0], low[1], 10);
        SolveGroup one = group(0, new double[] {1e9, 1.1e9, 2e9, 2.1e9}, all[0], all[1], 10);
        SolveGroup both = SolveGroup.windowsCombined(List.of(w3, w1));
        assertEquals(1, both.spw(), "recorded under the lowest window");
        assertEquals(2, both.rows());
        assertEquals(15, both.centreTime_mjdSec());
        assertArrayEquals(new double[] {1.55e9}, both.chanFreq_hz());
        int k = both.index(0, 0, 0);
        assertEquals(one.sRe(k), both.sRe(k));
        assertEquals(one.sIm(k), both.sIm(k));
        assertEquals(one.p(k), both.p(k));
        assertEquals(one.q(k), both.q(k));
        assertEquals(one.n(k), both.n(k));
        assertEquals(4, both.n(k));
    }

    @Test
    void windowsOfDifferentFeedsAreRefusedNamingThem() {
        SolveGroup one = group(0, new double[] {1e9}, new float[] {1, 0}, new float[] {1, 0}, 0);
        SolveGroupBuilder b = SolveGroupBuilder.channelsCombined(2, NUM_ANT, new double[] {2e9}, 2, null);
        b.addRow(0, 1, 0, new float[] {1, 0, 1, 0}, new float[] {1, 0, 1, 0}, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SolveGroup.windowsCombined(List.of(one, b.build())));
        assertTrue(e.getMessage().contains("spectral window 2") && e.getMessage().contains("window 0"), e.getMessage());
    }
}
