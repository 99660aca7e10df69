package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The backgrounds follow a smooth plane where the RFI statistics need them to: at the edges and beside masks. */
class BackgroundTest {
    private static final int T = 24;
    private static final int C = 96;

    /** A spectrum sloped in frequency, drifting by {@code drift} per integration. */
    private static float value(int t, int c, double drift) {
        return (float) (2.5 + 0.01 * c + drift * t);
    }

    /** The fit of such a plane with RFI in channels [40, 46), masked. */
    private static float[] fit(double drift) {
        float[] v = new float[T * C];
        boolean[] mask = new boolean[T * C];
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                v[t * C + c] = value(t, c, drift);
                if (c >= 40 && c < 46) {
                    mask[t * C + c] = true;
                    v[t * C + c] = 100; // must not leak into the fit
                }
            }
        }
        return Background.gaussian(v, mask, T, C, 7.5, 5, 3);
    }

    @Test
    void alongFrequencyTheFitIsExactOnASlopeAtTheEdgesAndBesideMaskedChannels() {
        float[] fit = fit(0);
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                assertEquals(value(t, c, 0), fit[t * C + c], 1e-4, "t " + t + " c " + c);
            }
        }
    }

    @Test
    void alongTimeTheFitLagsADriftByAFewIntegrationsAtMost() {
        double drift = 0.002;
        float[] fit = fit(drift);
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                // a weighted mean: the first and last integrations lag by about 6 integrations' drift
                assertEquals(value(t, c, drift), fit[t * C + c], 7 * drift, "t " + t + " c " + c);
            }
        }
    }

    @Test
    void channelMedianIgnoresMaskedSamplesAndAnRfiMinority() {
        float[] v = new float[T * 2];
        boolean[] mask = new boolean[T * 2];
        for (int t = 0; t < T; t++) {
            v[t * 2] = t < 10 ? 50 : 1; // 10 of 24 samples hit
            v[t * 2 + 1] = 3;
        }
        mask[1] = true;
        v[1] = Float.NaN;
        float[] b = Background.channelMedian(v, mask, T, 2);
        assertEquals(1, b[5 * 2]);
        assertEquals(3, b[5 * 2 + 1]);
    }

    @Test
    void channelMedianEqualsASortOfEachChannel() {
        Random random = new Random(3);
        for (int numTime : new int[] {1, 2, 3, 5, 8, 13, 24, 31, 32, 33, 100}) {
            int numChan = 37;
            float[] v = new float[numTime * numChan];
            boolean[] mask = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextInt(4) == 0 ? random.nextInt(5) : (float) random.nextGaussian(); // ties too
                mask[i] = random.nextInt(i / numTime % 4 + 2) == 0; // from half to a fifth of a channel masked
            }
            for (int t = 0; t < numTime; t++) {
                mask[t * numChan] = true; // a channel without samples
            }
            float[] got = Background.channelMedian(v, mask, numTime, numChan);
            for (int c = 0; c < numChan; c++) {
                float[] column = new float[numTime];
                int n = 0;
                for (int t = 0; t < numTime; t++) {
                    if (!mask[t * numChan + c]) {
                        column[n++] = v[t * numChan + c];
                    }
                }
                Arrays.sort(column, 0, n);
                for (int t = 0; t < numTime; t++) {
                    float expected = n == 0 ? v[t * numChan + c] : n % 2 == 1 ? column[n / 2]
                            : (column[n / 2 - 1] + column[n / 2]) / 2;
                    assertEquals(expected, got[t * numChan + c], "numTime " + numTime + " channel " + c);
                }
            }
        }
    }
}
