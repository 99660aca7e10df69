package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vispark.udfs.vis.Correlations;

/** Which correlations diagnose judges, and the values it picks, value by value. */
class JudgedCorrelationsTest {
    @Test
    void fourCorrelationsJudgeTheParallelHandsInCellOrder() {
        // the OVRO-LWA MS's order: XX YY XY YX
        int[] corr = {Correlations.XX, Correlations.YY, Correlations.XY, Correlations.YX};
        JudgedCorrelations j = JudgedCorrelations.of(corr);
        assertEquals(2, j.count());
        assertEquals(4, j.cellCorrelations());
        assertFalse(j.isWholeCell());
        assertEquals("[XX, YY]", j.names());
        int numChan = 3;
        float[] cell = new float[2 * numChan * 4];
        boolean[] flags = new boolean[numChan * 4];
        for (int k = 0; k < numChan * 4; k++) {
            cell[2 * k] = 10 * k;
            cell[2 * k + 1] = -10 * k - 1;
            flags[k] = k % 3 == 0;
        }
        float[] values = new float[2 * numChan * 2];
        boolean[] picked = new boolean[numChan * 2];
        j.pickValues(cell, numChan, values);
        j.pickFlags(flags, numChan, picked);
        for (int c = 0; c < numChan; c++) {
            for (int p = 0; p < 2; p++) {
                int from = c * 4 + p;
                int to = c * 2 + p;
                assertEquals(cell[2 * from], values[2 * to]);
                assertEquals(cell[2 * from + 1], values[2 * to + 1]);
                assertEquals(flags[from], picked[to]);
            }
        }
    }

    @Test
    void circularCrossHandsInTheMiddleAreLeftOut() {
        JudgedCorrelations j = JudgedCorrelations.of(new int[] {Correlations.RR, Correlations.RL, Correlations.LR,
            Correlations.LL});
        assertEquals("[RR, LL]", j.names());
        float[] cell = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] values = new float[4];
        j.pickValues(cell, 1, values);
        assertArrayEquals(new float[] {1, 2, 7, 8}, values);
    }

    @Test
    void aCellOfParallelHandsOrOneCorrelationIsJudgedWhole() {
        assertTrue(JudgedCorrelations.of(new int[] {Correlations.XX, Correlations.YY}).isWholeCell());
        JudgedCorrelations xyOnly = JudgedCorrelations.of(new int[] {Correlations.XY});
        assertTrue(xyOnly.isWholeCell());
        assertEquals("[XY]", xyOnly.names());
    }

    @Test
    void severalCorrelationsWithoutAParallelHandOrUnknownCodesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JudgedCorrelations.of(new int[] {Correlations.XY, Correlations.YX}));
        assertTrue(e.getMessage().contains("[XY, YX]") && e.getMessage().contains("no parallel hand"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JudgedCorrelations.of(new int[] {9, 13}));
        assertTrue(e.getMessage().contains("13"), e.getMessage());
    }
}
