package org.vispark.formats.casacore.write;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Writes the files of one storage manager of a table being written, rows appended in blocks. */
interface StorageManagerWriter extends Closeable {
    /** casacore's type name of the manager, as table.dat lists it. */
    String type();

    /** The manager's name (its data manager group). */
    String name();

    /** The columns it stores, in the order table.dat binds them. */
    List<ColumnSpec> columns();

    /**
     * Appends {@code nRows} rows: {@code values[i]} holds the values of {@link #columns()}{@code .get(i)} for
     * those rows, flat in the {@link org.vispark.formats.casacore.DataType#newArray} form, cells in row order.
     */
    void append(int nRows, Object[] values) throws IOException;

    /** Completes the files for {@code rowCount} rows; returns the blob table.dat holds for the manager. */
    byte[] finish(long rowCount) throws IOException;
}
