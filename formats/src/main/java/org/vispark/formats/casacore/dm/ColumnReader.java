package org.vispark.formats.casacore.dm;

import java.io.IOException;

/**
 * Reads the cells of one column from the storage manager it is bound to.
 *
 * <p>Implementations keep only bounded buffers (a bucket, a tile row) and read from disk what a
 * call asks for, so rows [a, b) of a column can be read without touching the rest of the file.
 * A reader is not thread-safe; open one per thread.
 */
public interface ColumnReader {

    /**
     * The shape of the cell in {@code row}: casacore order (first axis varying fastest), length 0 for
     * a scalar column, null when the array cell is undefined (no value was ever put).
     */
    int[] shape(long row) throws IOException;

    /**
     * Reads the cells of rows [{@code firstRow}, {@code firstRow + rowCount}) into {@code out}, an
     * array as {@link org.vispark.formats.casacore.DataType#newArray} makes for the column's type,
     * starting at element {@code outOffset} (elements, not values: a Complex value takes two floats).
     * Cells follow each other in row order, each in casacore (column-major) order; undefined cells
     * contribute nothing.
     */
    void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException;
}
