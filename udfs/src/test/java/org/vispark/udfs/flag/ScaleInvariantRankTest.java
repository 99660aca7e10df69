package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linear-time SIR operator against its definition (Offringa et al. 2012, eq. 6), on lines and planes. */
class ScaleInvariantRankTest {
    /** Flag y when some interval [a, b] containing y has at least a fraction 1 - eta of its samples flagged. */
    private static boolean[] bruteForce(boolean[] f, double eta) {
        int n = f.length;
        boolean[] out = new boolean[n];
        for (int a = 0; a < n; a++) {
            int flagged = 0;
            for (int b = a; b < n; b++) {
                flagged += f[b] ? 1 : 0;
                if (flagged >= (1 - eta) * (b - a + 1) - 1e-9) {
                    for (int y = a; y <= b; y++) {
                        out[y] = true;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void lineMatchesTheDefinition() {
        Random rnd = new Random(6);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rnd.nextInt(40);
            boolean[] f = new boolean[n];
            double density = rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                f[i] = rnd.nextDouble() < density;
            }
            double eta = new double[] {0.1, 0.2, 0.25, 0.4}[rnd.nextInt(4)];
            boolean[] out = new boolean[n];
            ScaleInvariantRank.line(f, n, eta, out, new double[n + 1], new double[n + 1]);
            assertArrayEquals(bruteForce(f, eta), out, "trial " + trial);
        }
    }

    @Test
    void growsRunsByAFractionOfTheirLengthAlongBothAxes() {
        int numTime = 10;
        int numChan = 40;
        boolean[] mask = new boolean[numTime * numChan];
        for (int c = 10; c < 18; c++) {
            mask[3 * numChan + c] = true; // 8 channels: eta / (1 - eta) * 8 = 2 more on each side at eta 0.2
        }
        ScaleInvariantRank.apply(mask, numTime, numChan, 0.2);
        for (int c = 8; c < 20; c++) {
            assertTrue(mask[3 * numChan + c], "channel " + c);
        }
        assertFalse(mask[3 * numChan + 7]);
        assertFalse(mask[3 * numChan + 20]);
        assertFalse(mask[2 * numChan + 12], "a single time step grows nothing along time");
    }

    @Test
    void etaZeroChangesNothing() {
        boolean[] mask = {true, false, true, false};
        ScaleInvariantRank.apply(mask, 1, 4, 0);
        assertArrayEquals(new boolean[] {true, false, true, false}, mask);
    }
}
