package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FeedGainCorrector} on XX XY YX YY cells: each correlation pq is divided by {@code g_ip conj(g_jq)} written
 * out here per value; the parallel hands equal {@link GainCorrector}'s correction of the XX, YY cell; a flagged
 * solution flags exactly the correlations that use it.
 */
class FeedGainCorrectorTest {
    private static final int NANT = 5;
    private static final double T0 = 5.1e9;
    private static final double[] FREQ = {1.30e9, 1.31e9, 1.32e9};

    @Test
    void everyCorrelationTakesTheGainsOfItsTwoFeeds() {
        Random rnd = new Random(4);
        double[][][] g = new double[NANT][2][2]; // antenna, feed, (re, im)
        List<Solution> solutions = new ArrayList<>();
        for (int a = 0; a < NANT; a++) {
            for (int f = 0; f < 2; f++) {
                double amp = 0.5 + rnd.nextDouble();
                double ph = (2 * rnd.nextDouble() - 1) * Math.PI;
                g[a][f] = new double[] {amp * Math.cos(ph), amp * Math.sin(ph)};
                solutions.add(new Solution(a, f, 0, -1, T0, g[a][f][0], g[a][f][1], 0, 10, a == 3 && f == 1));
            }
        }
        List<GainTable> tables = List.of(new GainTable(GainType.G, solutions, NANT, 2, FREQ));
        int[] feed1 = {0, 0, 1, 1};
        int[] feed2 = {0, 1, 0, 1};
        FeedGainCorrector feeds = new FeedGainCorrector(tables, Interpolation.NEAREST, FREQ.length, 2, feed1, feed2);
        GainCorrector parallel = new GainCorrector(tables, Interpolation.NEAREST, FREQ.length, 2);
        for (int[] bl : new int[][] {{0, 1}, {2, 4}, {1, 3}, {3, 0}}) {
            float[] vis = new float[2 * FREQ.length * 4];
            for (int k = 0; k < vis.length; k++) {
                vis[k] = (float) rnd.nextGaussian();
            }
            float[] original = vis.clone();
            boolean[] flags = new boolean[FREQ.length * 4];
            assertEquals(bl[0] == 3 || bl[1] == 3, feeds.flags(bl[0], bl[1], T0), "flags of " + bl[0] + "-" + bl[1]);
            int newlyFlagged = feeds.correct(bl[0], bl[1], T0, vis, flags);
            float[] pv = new float[2 * FREQ.length * 2];
            for (int c = 0; c < FREQ.length; c++) {
                for (int f = 0; f < 2; f++) {
                    int k = c * 4 + (f == 0 ? 0 : 3);
                    pv[2 * (c * 2 + f)] = original[2 * k];
                    pv[2 * (c * 2 + f) + 1] = original[2 * k + 1];
                }
            }
            boolean[] pf = new boolean[FREQ.length * 2];
            parallel.correct(bl[0], bl[1], T0, pv, pf);
            int expectFlagged = 0;
            for (int c = 0; c < FREQ.length; c++) {
                for (int k = 0; k < 4; k++) {
                    int v = c * 4 + k;
                    boolean bad = (bl[0] == 3 && feed1[k] == 1) || (bl[1] == 3 && feed2[k] == 1);
                    assertEquals(bad, flags[v], "baseline " + bl[0] + "-" + bl[1] + " correlation " + k);
                    expectFlagged += bad ? 1 : 0;
                    if (bad) {
                        continue;
                    }
                    double[] gi = g[bl[0]][feed1[k]];
                    double[] gj = g[bl[1]][feed2[k]];
                    double gr = gi[0] * gj[0] + gi[1] * gj[1];
                    double gim = gi[1] * gj[0] - gi[0] * gj[1];
                    double gg = gr * gr + gim * gim;
                    double vr = original[2 * v];
                    double vi = original[2 * v + 1];
                    assertEquals((vr * gr + vi * gim) / gg, vis[2 * v], 1e-5);
                    assertEquals((vi * gr - vr * gim) / gg, vis[2 * v + 1], 1e-5);
                    if (k == 0 || k == 3) {
                        int p = 2 * (c * 2 + (k == 0 ? 0 : 1));
                        assertEquals(pv[p], vis[2 * v]);
                        assertEquals(pv[p + 1], vis[2 * v + 1]);
                    }
                }
            }
            assertEquals(expectFlagged, newlyFlagged);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new FeedGainCorrector(tables, Interpolation.NEAREST, FREQ.length, 2, new int[] {0, 2}, feed2));
    }
}
