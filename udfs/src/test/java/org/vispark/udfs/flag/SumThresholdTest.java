package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SumThreshold against its definition, and what it catches in a noise plane. */
class SumThresholdTest {
    /** The definition: every window of m consecutive unflagged samples whose |mean| exceeds chi is flagged. */
    private static boolean[] bruteForce(float[] v, boolean[] flagged, int m, double chi) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (!flagged[i]) {
                kept.add(i);
            }
        }
        boolean[] out = new boolean[v.length];
        for (int s = 0; s + m <= kept.size(); s++) {
            double sum = 0;
            for (int j = s; j < s + m; j++) {
                sum += v[kept.get(j)];
            }
            if (Math.abs(sum / m) > chi) {
                for (int j = s; j < s + m; j++) {
                    out[kept.get(j)] = true;
                }
            }
        }
        return out;
    }

    /** The definition over a plane: for each length in turn, every row, then (from 2 on) every column. */
    private static void bruteForce(float[] v, boolean[] mask, int numTime, int numChan, double chi1, int maxWindow) {
        for (int m = 1; m <= maxWindow && m <= Math.max(numTime, numChan); m *= 2) {
            double chi = chi1 * Math.pow(1.5, Math.log(m) / Math.log(2)) / m;
            if (m <= numChan) {
                for (int t = 0; t < numTime; t++) {
                    float[] line = java.util.Arrays.copyOfRange(v, t * numChan, (t + 1) * numChan);
                    boolean[] lineMask = java.util.Arrays.copyOfRange(mask, t * numChan, (t + 1) * numChan);
                    boolean[] out = bruteForce(line, lineMask, m, chi);
                    for (int c = 0; c < numChan; c++) {
                        mask[t * numChan + c] |= out[c];
                    }
                }
            }
            if (m > 1 && m <= numTime) {
                for (int c = 0; c < numChan; c++) {
                    float[] line = new float[numTime];
                    boolean[] lineMask = new boolean[numTime];
                    for (int t = 0; t < numTime; t++) {
                        line[t] = v[t * numChan + c];
                        lineMask[t] = mask[t * numChan + c];
                    }
                    boolean[] out = bruteForce(line, lineMask, m, chi);
                    for (int t = 0; t < numTime; t++) {
                        mask[t * numChan + c] |= out[t];
                    }
                }
            }
        }
    }

    @Test
    void planeMatchesTheDefinition() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 200; trial++) {
            int numTime = 1 + rnd.nextInt(30);
            int numChan = 1 + rnd.nextInt(trial % 4 == 0 ? 300 : 40);
            float[] v = new float[numTime * numChan];
            boolean[] mask = new boolean[v.length];
            int line = rnd.nextInt(numChan);
            int burst = rnd.nextInt(numTime);
            for (int i = 0; i < v.length; i++) {
                double rfi = (i % numChan == line ? 1.5 : 0) + (i / numChan == burst ? 0.8 : 0)
                        + (rnd.nextInt(50) == 0 ? 5 : 0);
                v[i] = (float) (rnd.nextGaussian() + rfi);
                mask[i] = rnd.nextInt(8) == 0;
            }
            double chi1 = 3 + 4 * rnd.nextDouble();
            int maxWindow = 1 << rnd.nextInt(9);
            boolean[] expected = mask.clone();
            bruteForce(v, expected, numTime, numChan, chi1, maxWindow);
            SumThreshold.apply(v, mask, numTime, numChan, chi1, 1.5, maxWindow);
            assertArrayEquals(expected, mask, "trial " + trial + ": " + numTime + " x " + numChan);
        }
    }

    private static float[] noise(int numTime, int numChan, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[numTime * numChan];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Test
    void weakLongFeaturesAreFoundAndNoiseIsLeft() {
        int numTime = 24;
        int numChan = 512;
        float[] v = noise(numTime, numChan, 5);
        boolean[] clean = new boolean[v.length];
        SumThreshold.apply(v, clean, numTime, numChan, 6, 1.5, 64);
        assertTrue(count(clean) < 0.005 * v.length, "noise flagged: " + count(clean));

        // a 2-sigma broadband burst in time step 7 (no single sample over 6 sigma) and a 3-sigma line in channel 300 (windows of 8: threshold 2.53 sigma)
        for (int c = 0; c < numChan; c++) {
            v[7 * numChan + c] += 2;
        }
        for (int t = 0; t < numTime; t++) {
            v[t * numChan + 300] += 3;
        }
        boolean[] mask = new boolean[v.length];
        SumThreshold.apply(v, mask, numTime, numChan, 6, 1.5, 64);
        int burst = 0;
        for (int c = 0; c < numChan; c++) {
            burst += mask[7 * numChan + c] ? 1 : 0;
        }
        int line = 0;
        for (int t = 0; t < numTime; t++) {
            line += mask[t * numChan + 300] ? 1 : 0;
        }
        assertTrue(burst >= 0.95 * numChan, "burst samples flagged: " + burst);
        // most of the line: once shorter windows flag part of it, too few unflagged samples are left for the long
        // windows that would take the rest (the SIR operator completes such lines in RfiFlagger)
        assertTrue(line >= 0.75 * numTime, "line samples flagged: " + line);
    }

    @Test
    void flaggedSamplesAreSkippedNotCounted() {
        float[] v = {0, 0, 100, 0, 0};
        boolean[] mask = {false, false, true, false, false};
        SumThreshold.apply(v, mask, 1, 5, 6, 1.5, 64);
        assertFalse(mask[0] || mask[1] || mask[3] || mask[4]);
        assertTrue(mask[2]);
    }
}
