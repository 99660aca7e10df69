package org.vispark.formats.casacore;

import java.io.IOException;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * One column of an open {@link Table}: its description, cell shapes and values.
 *
 * <p>Values come as flat arrays of the type {@link DataType#newArray} gives for the column's data
 * type; cells follow each other in row order, each in casacore order (first axis fastest: an MS
 * DATA cell [npol, nchan] holds the polarizations of channel 0, then of channel 1, ...).
 */
public final class TableColumn {
    private final Table table;
    private final ColumnDesc desc;
    private final String dataManagerType;
    private final ColumnReader reader;

    TableColumn(Table table, ColumnDesc desc, String dataManagerType, ColumnReader reader) {
        this.table = table;
        this.desc = desc;
        this.dataManagerType = dataManagerType;
        this.reader = reader;
    }

    public ColumnDesc desc() {
        return desc;
    }

    public String name() {
        return desc.name();
    }

    public DataType dataType() {
        return desc.dataType();
    }

    /** The storage manager type that holds this column. */
    public String dataManagerType() {
        return dataManagerType;
    }

    /** Cell shape of {@code row} (casacore order); length 0 for scalars; null when the cell is undefined. */
    public int[] shape(long row) throws IOException {
        checkRows(row, 1);
        return reader.shape(row);
    }

    /** Whether the cell of {@code row} holds a value (scalar cells always do). */
    public boolean isDefined(long row) throws IOException {
        return shape(row) != null;
    }

    /** Reads rows [{@code firstRow}, {@code firstRow + rowCount}) into a new array. */
    public Object read(long firstRow, int rowCount) throws IOException {
        checkRows(firstRow, rowCount);
        long values = 0;
        if (!desc.isArray()) {
            values = rowCount;
        } else if (desc.isFixedShape()) {
            values = (long) rowCount * cellSize(desc.shape());
        } else {
            for (long r = firstRow; r < firstRow + rowCount; r++) {
                int[] s = reader.shape(r);
                values += s == null ? 0 : cellSize(s);
            }
        }
        if (values * desc.dataType().elementsPerValue() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(table.path() + ": column " + name() + " rows [" + firstRow + ", "
                    + (firstRow + rowCount) + ") hold " + values + " values, too many for one array; read fewer rows");
        }
        Object out = desc.dataType().newArray((int) values);
        reader.read(firstRow, rowCount, out, 0);
        return out;
    }

    /** Reads rows [{@code firstRow}, {@code firstRow + rowCount}) into {@code out} from element {@code outOffset}. */
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        checkRows(firstRow, rowCount);
        reader.read(firstRow, rowCount, out, outOffset);
    }

    /** Number of values in a cell of this shape. */
    public static long cellSize(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    private void checkRows(long firstRow, long count) {
        if (firstRow < 0 || count < 0 || firstRow + count > table.rowCount()) {
            throw new IndexOutOfBoundsException(table.path() + ": rows [" + firstRow + ", " + (firstRow + count)
                    + ") outside the table's " + table.rowCount() + " rows");
        }
    }
}
