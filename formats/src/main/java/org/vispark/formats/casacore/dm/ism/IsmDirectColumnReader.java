package org.vispark.formats.casacore.dm.ism;

import java.io.IOException;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * Reads a scalar column or a fixed-shape direct array column of an IncrementalStMan, whose cells
 * are stored in the buckets themselves. Every row has a value: the one last stored at or before it.
 * A run of rows sharing a value is decoded once and then repeated in bulk.
 */
final class IsmDirectColumnReader implements ColumnReader {
    private final IncrementalStMan manager;
    private final int column;
    private final int[] cellShape;
    private final int cellElements;
    private final IsmCellDecoder decoder;

    /**
     * @param cellShape casacore shape of every cell; length 0 for a scalar column
     */
    IsmDirectColumnReader(IncrementalStMan manager, int column, DataType type, int[] cellShape) {
        this.manager = manager;
        this.column = column;
        this.cellShape = cellShape.clone();
        int values = 1;
        for (int s : cellShape) {
            values = Math.multiplyExact(values, s);
        }
        this.cellElements = Math.multiplyExact(values, type.elementsPerValue());
        this.decoder = new IsmCellDecoder(type, values);
    }

    @Override
    public int[] shape(long row) {
        return cellShape.clone();
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        IsmRuns runs = manager.runs(column, firstRow, rowCount);
        int at = outOffset;
        while (runs.next()) {
            int n = runs.runLength();
            decoder.decode(runs.bucket(), runs.valuePosition(), out, at);
            CellRepeater.repeat(out, at, cellElements, n);
            at += n * cellElements;
        }
    }
}
