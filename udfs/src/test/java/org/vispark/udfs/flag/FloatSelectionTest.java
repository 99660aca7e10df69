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
            float[] before = v.clone();
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            int a = rnd.nextInt(n);
            int b = a + rnd.nextInt(n - a);
            float[] got = selection.ranks(v, n, a, b);
            // a sort puts -0 before 0, selection may return either for a rank among the zeros: compare as numbers
            assertEquals(sorted[a], got[0], 0f, "trial " + trial + " rank " + a);
            assertEquals(sorted[b], got[1], 0f, "trial " + trial + " rank " + b);
            assertArrayEquals(before, v, "the input is left as it was");
        }
    }

    @Test
    void onePrefixOfTheArrayOnly() {
        float[] v = {5, 4, 3, 2, 1, -100, -200};
        assertArrayEquals(new float[] {2, 5}, new FloatSelection().ranks(v, 5, 1, 4));
    }

    @Test
    void ranksOutOfOrderOrRangeAreRefused() {
        FloatSelection s = new FloatSelection();
        float[] v = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> s.ranks(v, 3, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> s.ranks(v, 3, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> s.ranks(v, 3, -1, 1));
    }
}
