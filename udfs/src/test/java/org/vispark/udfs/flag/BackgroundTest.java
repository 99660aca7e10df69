package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
