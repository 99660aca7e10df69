package org.vispark.udfs.vis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The casacore Stokes codes of CORR_TYPE and what an unpolarized source gives on each. */
class CorrelationsTest {
    @Test
    void casacoreCodesAndHands() {
        assertEquals("[RR, RL, LR, LL]", Correlations.names(new int[] {5, 6, 7, 8}));
        assertEquals("[XX, XY, YX, YY]", Correlations.names(new int[] {9, 10, 11, 12}));
        for (int code : new int[] {5, 8, 9, 12}) {
            assertTrue(Correlations.isParallelHand(code), Correlations.name(code));
            assertFalse(Correlations.isCrossHand(code), Correlations.name(code));
        }
        for (int code : new int[] {6, 7, 10, 11}) {
            assertTrue(Correlations.isCrossHand(code), Correlations.name(code));
            assertFalse(Correlations.isParallelHand(code), Correlations.name(code));
        }
        for (int code : new int[] {1, 2, 3, 4}) {
            assertFalse(Correlations.isParallelHand(code) || Correlations.isCrossHand(code), Correlations.name(code));
        }
    }

    @Test
    void unpolarizedSourceGivesIOnParallelHandsAndZeroOnCrossHands() {
        assertArrayEquals(new float[] {1, 0, 0, 1}, Correlations.unpolarizedResponse(new int[] {9, 10, 11, 12}));
        assertArrayEquals(new float[] {1, 0, 0, 1}, Correlations.unpolarizedResponse(new int[] {5, 6, 7, 8}));
        assertArrayEquals(new float[] {0, 1, 1, 0}, Correlations.unpolarizedResponse(new int[] {6, 5, 8, 7}));
        assertArrayEquals(new float[] {1}, Correlations.unpolarizedResponse(new int[] {9}));
        assertArrayEquals(new float[] {1, 1}, Correlations.unpolarizedResponse(new int[] {9, 12}));
        assertArrayEquals(new float[] {1, 0, 0, 0}, Correlations.unpolarizedResponse(new int[] {1, 2, 3, 4}));
    }

    @Test
    void unknownCodesAreRefusedByNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Correlations.unpolarizedResponse(new int[] {9, 13}));
        assertTrue(e.getMessage().contains("13"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Correlations.name(0));
        assertThrows(IllegalArgumentException.class, () -> Correlations.unpolarizedResponse(new int[0]));
    }
}
