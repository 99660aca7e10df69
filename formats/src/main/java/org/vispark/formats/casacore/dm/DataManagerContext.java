package org.vispark.formats.casacore.dm;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.vispark.formats.casacore.ColumnDesc;

/**
 * What a storage manager needs to open: where the table is and what {@code table.dat} says about it.
 *
 * @param tableDir       the table directory
 * @param type           data manager type name as written in table.dat (e.g. "StandardStMan")
 * @param sequenceNumber the data manager's sequence number: its files are {@code table.f<seq>*}
 * @param byteOrder      byte order of the table's data files (table.dat says which)
 * @param rowCount       number of rows of the table
 * @param header         the blob table.dat holds for this data manager (often empty)
 * @param columns        the columns bound to this data manager, in the order casacore created them
 *                       (which is the order of the column index of the data manager's own files)
 */
public record DataManagerContext(Path tableDir, String type, int sequenceNumber, ByteOrder byteOrder,
        long rowCount, byte[] header, List<ColumnDesc> columns) {

    /** The path of a data manager file, {@code table.f<seq><suffix>}. */
    public Path file(String suffix) {
        return tableDir.resolve("table.f" + sequenceNumber + suffix);
    }
}
