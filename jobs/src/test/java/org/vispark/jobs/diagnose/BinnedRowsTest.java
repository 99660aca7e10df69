package org.vispark.jobs.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinnedRowsTest {
    private static final int VALUES = 6;

    private static float[] values(int row) {
        float[] v = new float[VALUES];
        for (int i = 0; i < VALUES; i++) {
            v[i] = row * 10 + i;
        }
        return v;
    }

    @Test
    void replaysEveryRowInOrderAcrossChunks() {
        BinnedRows rows = new BinnedRows(VALUES, new BinnedRows.Budget(1L << 30));
        int n = 10_000;
        for (int r = 0; r < n; r++) {
            rows.add(r % 7, r % 11, new double[] {r, -r, 0.5 * r}, values(r));
        }
        assertTrue(rows.complete());
        List<Integer> seen = new ArrayList<>();
        rows.forEach((a1, a2, uvw, binned) -> {
            int r = seen.size();
            assertEquals(r % 7, a1);
            assertEquals(r % 11, a2);
            assertArrayEquals(new double[] {r, -r, 0.5 * r}, uvw);
            assertArrayEquals(values(r), binned);
            seen.add(r);
        });
        assertEquals(n, seen.size());
    }

    @Test
    void rowsBeyondTheSharedBudgetDropTheStoreAndGiveItsBytesBack() {
        long chunk = 4096L * (BinnedRows.BYTES_PER_ROW_OVERHEAD + 4L * VALUES);
        BinnedRows.Budget budget = new BinnedRows.Budget(2 * chunk);
        BinnedRows first = new BinnedRows(VALUES, budget);
        BinnedRows second = new BinnedRows(VALUES, budget);
        first.add(0, 1, new double[3], values(0));
        second.add(0, 1, new double[3], values(0));
        assertTrue(first.complete());
        assertTrue(second.complete());
        BinnedRows third = new BinnedRows(VALUES, budget);
        third.add(0, 1, new double[3], values(0));
        assertFalse(third.complete());
        assertThrows(IllegalStateException.class, () -> third.forEach((a1, a2, uvw, binned) -> { }));

        for (int r = 1; r <= 4096; r++) {
            first.add(0, 1, new double[3], values(r));
        }
        assertFalse(first.complete(), "a second chunk does not fit");
        BinnedRows fourth = new BinnedRows(VALUES, budget);
        fourth.add(0, 1, new double[3], values(0));
        assertTrue(fourth.complete(), "the dropped store gave its chunk back");
    }
}
