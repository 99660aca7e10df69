package org.vispark.formats.casacore.dm.ism;

import java.io.IOException;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.dm.ColumnReader;
import org.vispark.formats.casacore.dm.IndirectArrayFile;

/**
 * Reads an indirect array column of an IncrementalStMan (variable shape, or fixed shape without the
 * Direct option). The buckets hold, per change, an Int64 (table byte order) offset of the array in
 * the {@link IndirectArrayFile}; offset 0 means no array, so rows before the first array put are
 * undefined. Rows sharing an offset share the array, which is read once per run and then repeated.
 */
final class IsmIndirectColumnReader implements ColumnReader {
    /** Opens the indirect array file when the column first needs it. */
    @FunctionalInterface
    interface ArrayFileSource {
        IndirectArrayFile get() throws IOException;
    }

    private static final int OFFSET_BYTES = 8;

    private final IncrementalStMan manager;
    private final int column;
    private final DataType type;
    private final ArrayFileSource arrays;
    // the run of rows last looked up by shape(row), and the shape of its array
    private long cachedFirstRow = -1;
    private long cachedEndRow = -1;
    private int[] cachedShape;

    IsmIndirectColumnReader(IncrementalStMan manager, int column, DataType type, ArrayFileSource arrays) {
        this.manager = manager;
        this.column = column;
        this.type = type;
        this.arrays = arrays;
    }

    @Override
    public int[] shape(long row) throws IOException {
        if (row < cachedFirstRow || row >= cachedEndRow) {
            // the run containing row, as far as its bucket reaches
            IsmRuns runs = manager.runs(column, row, Integer.MAX_VALUE);
            runs.next();
            long offset = offsetOf(runs);
            cachedShape = offset == 0 ? null : arrays.get().shape(offset);
            cachedFirstRow = row;
            cachedEndRow = row + runs.runLength();
        }
        return cachedShape == null ? null : cachedShape.clone();
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        IsmRuns runs = manager.runs(column, firstRow, rowCount);
        int at = outOffset;
        while (runs.next()) {
            long offset = offsetOf(runs);
            if (offset == 0) {
                continue;
            }
            int cellElements = arrays.get().read(offset, type, out, at) * type.elementsPerValue();
            int n = runs.runLength();
            CellRepeater.repeat(out, at, cellElements, n);
            at += n * cellElements;
        }
    }

    private static long offsetOf(IsmRuns runs) throws IOException {
        IsmBucket bucket = runs.bucket();
        bucket.checkValue(runs.valuePosition(), OFFSET_BYTES);
        return bucket.buffer().getLong(runs.valuePosition());
    }
}
