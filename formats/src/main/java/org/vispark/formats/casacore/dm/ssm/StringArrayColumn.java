package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * A String array column (direct or indirect): each row is a {@link StringSlot} pointing at the cell's
 * elements in the {@link StringHeap}. A fixed-shape column's cells are the elements only (a slot of
 * length 0: all empty strings); a variable-shape column's cells start with their shape (a slot of
 * length 0: undefined cell).
 */
final class StringArrayColumn implements ColumnReader {
    private final SsmFile file;
    private final ColumnArea area;
    private final StringHeap heap;
    private final String name;
    /** The cell shape of a fixed-shape column; null for a variable-shape one. */
    private final int[] fixedShape;

    StringArrayColumn(SsmFile file, ColumnArea area, StringHeap heap, String name, int[] fixedShape) {
        this.file = file;
        this.area = area;
        this.heap = heap;
        this.name = name;
        this.fixedShape = fixedShape;
    }

    @Override
    public int[] shape(long row) throws IOException {
        if (fixedShape != null) {
            return fixedShape.clone();
        }
        StringSlot slot = StringSlot.of(area, row).checked(file, name, row);
        return slot.length() == 0 ? null : heap.shape(slot.bucket(), slot.offset());
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        String[] strings = (String[]) out;
        int[] at = {outOffset};
        area.forEachRun(firstRow, rowCount, (buf, bucketRow, rows, done) -> {
            for (int i = 0; i < rows; i++) {
                StringSlot slot = StringSlot.at(buf, bucketRow + i).checked(file, name, firstRow + done + i);
                int count;
                if (fixedShape != null) {
                    count = product(fixedShape);
                } else if (slot.length() == 0) {
                    continue;
                } else {
                    count = product(heap.shape(slot.bucket(), slot.offset()));
                }
                heap.strings(slot.bucket(), slot.offset(), slot.length(), fixedShape == null, strings, at[0], count);
                at[0] += count;
            }
        });
    }

    private static int product(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
