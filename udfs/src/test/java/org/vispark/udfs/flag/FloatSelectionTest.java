package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatSelectionTest {
    @Test
    void ranksAgreeWithSorting() {
        Random rnd = new Random(7);
        FloatSelection selection = new FloatSelection();
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(trial % 10 == 0 ? 40_000 : 300);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (rnd.nextInt(8)) {
                    case 0 -> 1f; // ties
                    case 1 -> rnd.nextBoolean() ? 0f : -0f;
                    case 2 -> (float) (rnd.nextGaussian() * 1e-30);
                    case 3 -> rnd.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
                    default -> (float) (rnd.nextGaussian() * 3 + 0.5);
                };
            }
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            int a = rnd.nextInt(n);
            int b = a + rnd.nextInt(n - a);
            boolean[] mask = new boolean[n + 2];
            mask[n] = true; // values past n masked: left out
            float[] withMasked = java.util.Arrays.copyOf(v, n + 2);
            withMasked[n] = -1e30f;
            withMasked[n + 1] = Float.NaN; // not finite: left out
            assertEquals(n, selection.load(withMasked, mask));
            float[] got = selection.ranks(a, b);
            // bit for bit, as a sort orders them: -0 before 0
            assertEquals(sorted[a], got[0], "trial " + trial + " rank " + a);
            assertEquals(sorted[b], got[1], "trial " + trial + " rank " + b);
            assertArrayEquals(v, java.util.Arrays.copyOf(withMasked, n), "the input is left as it was");
        }
    }

    @Test
    void theKeptValuesInTheirOrder() {
        FloatSelection s = new FloatSelection();
        assertEquals(3, s.load(new float[] {5, Float.POSITIVE_INFINITY, 4, 3, 2}, new boolean[] {false, false, false,
                false, true}));
        assertArrayEquals(new float[] {5, 4, 3}, java.util.Arrays.copyOf(s.kept(), 3));
        assertArrayEquals(new float[] {3, 5}, s.ranks(0, 2));
    }

    @Test
    void ranksOutOfOrderOrRangeAreRefused() {
        FloatSelection s = new FloatSelection();
        s.load(new float[] {1, 2, 3}, null);
        assertThrows(IllegalArgumentException.class, () -> s.ranks(2, 1));
        assertThrows(IllegalArgumentException.class, () -> s.ranks(1, 3));
        assertThrows(IllegalArgumentException.class, () -> s.ranks(-1, 1));
    }
}
