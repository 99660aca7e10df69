package org.vispark.formats.casacore.dm.ism;

import java.util.Arrays;

/**
 * Repeats a cell already written in a flat value array ({@link org.vispark.formats.casacore.DataType#newArray}
 * form) into the cells that follow it, with bulk fills and doubling copies rather than per-value work.
 */
final class CellRepeater {
    private CellRepeater() {}

    /**
     * Copies the {@code cellElements} elements at {@code offset} of {@code array} into the next
     * {@code copies - 1} cells, so that {@code copies} equal cells follow each other.
     */
    static void repeat(Object array, int offset, int cellElements, int copies) {
        if (copies <= 1 || cellElements == 0) {
            return;
        }
        if (cellElements == 1) {
            fillFromFirst(array, offset, offset + copies);
            return;
        }
        int total = Math.multiplyExact(cellElements, copies);
        int done = cellElements;
        while (done < total) {
            int n = Math.min(done, total - done);
            System.arraycopy(array, offset, array, offset + done, n);
            done += n;
        }
    }

    private static void fillFromFirst(Object array, int from, int to) {
        if (array instanceof double[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else if (array instanceof int[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else if (array instanceof boolean[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else if (array instanceof float[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else if (array instanceof long[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else if (array instanceof short[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else if (array instanceof byte[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else if (array instanceof Object[] a) {
            Arrays.fill(a, from + 1, to, a[from]);
        } else {
            throw new IllegalArgumentException("not a value array: " + array.getClass());
        }
    }
}
