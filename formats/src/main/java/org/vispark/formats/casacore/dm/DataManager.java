package org.vispark.formats.casacore.dm;

import java.io.Closeable;
import java.io.IOException;

/**
 * A storage manager of one table, opened read-only from its files ({@code table.f<seq>...}) and
 * the header blob {@code table.dat} keeps for it.
 */
public interface DataManager extends Closeable {

    /** A reader for the column at {@code index} of {@link DataManagerContext#columns()}. */
    ColumnReader column(int index) throws IOException;
}
