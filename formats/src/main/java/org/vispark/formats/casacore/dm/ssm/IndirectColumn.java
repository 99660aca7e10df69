package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.dm.ColumnReader;
import org.vispark.formats.casacore.dm.IndirectArrayFile;

/**
 * An indirect (non-String) array column: each row holds an Int64 (table byte order) offset of the
 * cell's shape and values in the data manager's {@link IndirectArrayFile} {@code table.f<seq>i};
 * offset 0 is an undefined cell.
 */
final class IndirectColumn implements ColumnReader {
    /** Opens the indirect-array file when a column first needs it. */
    @FunctionalInterface
    interface ArrayFileSource {
        IndirectArrayFile get() throws IOException;
    }

    private final ColumnArea area;
    private final DataType type;
    private final ArrayFileSource arrays;

    IndirectColumn(ColumnArea area, DataType type, ArrayFileSource arrays) {
        this.area = area;
        this.type = type;
        this.arrays = arrays;
    }

    @Override
    public int[] shape(long row) throws IOException {
        long[] offset = new long[1];
        area.forEachRun(row, 1, (buf, bucketRow, rows, done) -> offset[0] = buf.getLong(bucketRow * 8));
        return offset[0] == 0 ? null : arrays.get().shape(offset[0]);
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        int[] at = {outOffset};
        area.forEachRun(firstRow, rowCount, (buf, bucketRow, rows, done) -> {
            for (int i = 0; i < rows; i++) {
                long offset = buf.getLong((bucketRow + i) * 8);
                if (offset != 0) {
                    at[0] += arrays.get().read(offset, type, out, at[0]) * type.elementsPerValue();
                }
            }
        });
    }
}
