package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The winsorized sigma estimates a Gaussian's sigma, unmoved by a few huge outliers and by masked values. */
class RobustStatisticsTest {
    private static float[] gaussian(int n, double sigma, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (3 + sigma * rnd.nextGaussian());
        }
        return v;
    }

    @Test
    void gaussianSigmaIsRecovered() {
        RobustStatistics.Estimate e = RobustStatistics.winsorized(gaussian(200_000, 2.5, 1), null);
        assertEquals(2.5, e.sigma(), 2.5 * 0.01);
        assertEquals(3, e.mean(), 0.02);
        assertEquals(200_000, e.count());
    }

    @Test
    void fivePercentOutliersBarelyMoveIt() {
        float[] v = gaussian(100_000, 1, 2);
        for (int i = 0; i < v.length; i += 20) {
            v[i] = 1e4f;
        }
        double sigma = RobustStatistics.winsorized(v, null).sigma();
        assertTrue(sigma > 1 && sigma < 1.15, "sigma " + sigma);
    }

    @Test
    void maskedAndNonFiniteValuesAreLeftOut() {
        float[] v = gaussian(50_000, 1, 3);
        boolean[] mask = new boolean[v.length];
        for (int i = 0; i < v.length; i += 2) {
            v[i] = i % 4 == 0 ? 1e6f : Float.NaN;
            mask[i] = i % 4 == 0;
        }
        RobustStatistics.Estimate e = RobustStatistics.winsorized(v, mask);
        assertEquals(25_000, e.count());
        assertEquals(1, e.sigma(), 0.02);
    }

    @Test
    void nothingUnmaskedGivesNaN() {
        RobustStatistics.Estimate e = RobustStatistics.winsorized(new float[] {1, 2}, new boolean[] {true, true});
        assertEquals(0, e.count());
        assertTrue(Double.isNaN(e.sigma()));
    }
}
