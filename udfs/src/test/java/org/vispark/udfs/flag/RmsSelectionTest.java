package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Time-step and channel selection: weak broadband excess is found, noise and masked samples are not. */
class RmsSelectionTest {
    private static final int T = 24;
    private static final int C = 256;

    private static float[] noise(long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[T * C];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    @Test
    void aWeakBroadbandTimeStepAndAWeakLineAreSelected() {
        float[] v = noise(1);
        for (int c = 0; c < C; c++) {
            v[9 * C + c] *= 1.5f; // 1.5 times the noise in one integration: no single sample stands out
        }
        for (int t = 0; t < T; t++) {
            v[t * C + 77] += 3; // a 3-sigma line
        }
        boolean[] measured = new boolean[T * C];
        boolean[] mask = new boolean[T * C];
        RmsSelection.timeSteps(v, measured, mask, T, C, 3.5);
        RmsSelection.channels(v, measured, mask, T, C, 3.5);
        for (int c = 0; c < C; c++) {
            assertTrue(mask[9 * C + c]);
        }
        for (int t = 0; t < T; t++) {
            assertTrue(mask[t * C + 77]);
        }
        int others = 0;
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                others += mask[t * C + c] && t != 9 && c != 77 ? 1 : 0;
            }
        }
        assertTrue(others < 0.02 * T * C, "noise selected: " + others);
    }

    @Test
    void samplesLeftOutOfTheMeasurementDoNotCount() {
        float[] v = noise(2);
        boolean[] measured = new boolean[T * C];
        v[4 * C + 10] = 1000;
        measured[4 * C + 10] = true; // e.g. RFI left over by SumThreshold, more than 3 sigma off
        boolean[] mask = new boolean[T * C];
        RmsSelection.timeSteps(v, measured, mask, T, C, 3.5);
        assertFalse(mask[4 * C + 11]);
    }
}
