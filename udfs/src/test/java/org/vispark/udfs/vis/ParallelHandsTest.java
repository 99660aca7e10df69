package org.vispark.udfs.vis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sub-cells of the parallel hands, value by value. */
class ParallelHandsTest {
    @Test
    void fourCorrelationsGiveTwoFeedsInCellOrder() {
        int numChan = 3;
        int[] corr = {Correlations.RR, Correlations.RL, Correlations.LR, Correlations.LL};
        ParallelHands p = ParallelHands.of(corr);
        assertEquals(2, p.feeds());
        assertEquals(0, p.correlation(0));
        assertEquals(3, p.correlation(1));
        assertFalse(p.isWholeCell());
        float[] values = new float[2 * numChan * 4];
        boolean[] flags = new boolean[numChan * 4];
        for (int k = 0; k < numChan * 4; k++) {
            values[2 * k] = 10 * k;
            values[2 * k + 1] = -10 * k - 1;
            flags[k] = k % 3 == 0;
        }
        float[] sub = PackedCells.unpackFloats(p.complexCell(PackedCells.packFloats(values, 0, values.length), numChan));
        boolean[] subFlags = PackedCells.unpackFlags(p.flagCell(PackedCells.packFlags(flags, 0, flags.length), numChan),
                numChan * 2);
        for (int c = 0; c < numChan; c++) {
            for (int f = 0; f < 2; f++) {
                int from = c * 4 + (f == 0 ? 0 : 3);
                int to = c * 2 + f;
                assertEquals(values[2 * from], sub[2 * to]);
                assertEquals(values[2 * from + 1], sub[2 * to + 1]);
                assertEquals(flags[from], subFlags[to]);
            }
        }
        assertArrayEquals(new float[] {1, 4}, p.perCorrelation(new float[] {1, 2, 3, 4}));
        assertArrayEquals(new int[] {0, 0, 1, 1}, p.feeds(1));
        assertArrayEquals(new int[] {0, 1, 0, 1}, p.feeds(2));
        ParallelHands odd = ParallelHands.of(new int[] {Correlations.YY, Correlations.YX, Correlations.XY,
            Correlations.XX});
        assertArrayEquals(new int[] {0, 0, 1, 1}, odd.feeds(1), "feed 0 is Y here, the first parallel hand");
        assertArrayEquals(new int[] {0, 1, 0, 1}, odd.feeds(2));
        assertThrows(IllegalArgumentException.class,
                () -> ParallelHands.of(new int[] {Correlations.XX, Correlations.XY}).feeds(2));
        assertThrows(IllegalArgumentException.class, () -> p.complexCell(new byte[8 * numChan * 2], numChan));
    }

    @Test
    void parallelHandsOnlyAreTheirOwnSubCellAndCrossHandsOnlyAreRefused() {
        assertTrue(ParallelHands.of(new int[] {Correlations.XX, Correlations.YY}).isWholeCell());
        assertTrue(ParallelHands.of(new int[] {Correlations.XX}).isWholeCell());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelHands.of(new int[] {Correlations.XY}));
        assertTrue(e.getMessage().contains("[XY]"), e.getMessage());
    }
}
