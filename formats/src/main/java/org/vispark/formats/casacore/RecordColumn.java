package org.vispark.formats.casacore;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * A column of records (casacore's ScalarRecordColumnDesc). casacore stores each cell as a
 * variable-length uChar array holding the record's AipsIO form (big-endian "TableRecord" object);
 * an undefined cell reads as an empty record.
 */
final class RecordColumn implements ColumnReader {
    private final ColumnReader bytes;
    private final Path tableDir;

    RecordColumn(ColumnReader bytes, Path tableDir) {
        this.bytes = bytes;
        this.tableDir = tableDir;
    }

    /** The description the storage manager sees for a record column: a variable-shape uChar array. */
    static ColumnDesc storedForm(ColumnDesc d) {
        return new ColumnDesc(d.name(), d.comment(), DataType.UCHAR, true, 1, new int[0], 0, 0,
                d.dataManagerType(), d.dataManagerGroup(), d.keywords());
    }

    @Override
    public int[] shape(long row) {
        return new int[0];
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        TableRecord[] records = (TableRecord[]) out;
        for (int i = 0; i < rowCount; i++) {
            long row = firstRow + i;
            int[] shape = bytes.shape(row);
            if (shape == null) {
                records[outOffset + i] = new TableRecord();
                continue;
            }
            byte[] cell = new byte[shape[0]];
            bytes.read(row, 1, cell, 0);
            AipsIoReader in = AipsIoReader.of(cell, ByteOrder.BIG_ENDIAN, tableDir.resolve("table.dat"));
            records[outOffset + i] = RecordDecoder.read(in);
        }
    }
}
