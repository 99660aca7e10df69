package org.vispark.jobs.convert;

import java.io.IOException;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableFormatException;

/**
 * An array column of the main table read a chunk of rows at a time into one reused flat array, with
 * where each row's cell starts, how many elements it has (-1 when undefined), and its shape
 * (casacore order: first axis fastest).
 */
final class CellColumn {
    private final TableColumn column;
    private final int elementsPerValue;
    private final int[] fixedShape;
    private Object values;
    private int[] start = new int[0];
    private int[] length = new int[0];
    private int[][] shape = new int[0][];

    private CellColumn(TableColumn column, int[] fixedShape) {
        this.column = column;
        this.elementsPerValue = column.dataType().elementsPerValue();
        this.fixedShape = fixedShape;
    }

    /** The column, checked to hold {@code type} arrays of {@code ndim} axes; null when the table has none. */
    static CellColumn open(Table table, String name, DataType type, int ndim) throws IOException {
        if (!table.hasColumn(name)) {
            return null;
        }
        TableColumn c = table.column(name);
        ColumnDesc d = c.desc();
        if (!d.isArray() || d.dataType() != type || (d.ndim() > 0 && d.ndim() != ndim)) {
            throw new TableFormatException(table.path(), "column " + name + " is " + d.dataType()
                    + (d.isArray() ? " array of " + d.ndim() + " axes" : " scalar") + "; the lake needs " + type
                    + " arrays of " + ndim + " axes");
        }
        return new CellColumn(c, d.isFixedShape() ? d.shape() : null);
    }

    String name() {
        return column.name();
    }

    /** Reads rows [first, first + n). */
    void read(long first, int n) throws IOException {
        if (start.length < n) {
            start = new int[n];
            length = new int[n];
            shape = new int[n][];
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            int[] s = fixedShape != null ? fixedShape : column.shape(first + i);
            shape[i] = s;
            start[i] = (int) total;
            if (s == null) {
                length[i] = -1;
            } else {
                long len = TableColumn.cellSize(s) * elementsPerValue;
                length[i] = (int) len;
                total += len;
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException(column.name() + ": rows [" + first + ", " + (first + n)
                        + ") hold too many values for one chunk");
            }
        }
        if (values == null || java.lang.reflect.Array.getLength(values) < total) {
            values = column.dataType().newArray((int) Math.max(total / elementsPerValue, 1));
        }
        column.read(first, n, values, 0);
    }

    /** The flat array of the last chunk. */
    Object values() {
        return values;
    }

    /** Where row {@code i} of the chunk starts in {@link #values()}. */
    int start(int i) {
        return start[i];
    }

    /** Elements of row {@code i} (2 per complex value); -1 when the cell is undefined. */
    int length(int i) {
        return length[i];
    }

    /** Shape of row {@code i}; null when undefined. */
    int[] shape(int i) {
        return shape[i];
    }

    /** Elements a cell of the first row has (an estimate of the row size), 0 when undefined. */
    long firstCellElements(long rowCount) throws IOException {
        if (rowCount == 0) {
            return 0;
        }
        int[] s = fixedShape != null ? fixedShape : column.shape(0);
        return s == null ? 0 : TableColumn.cellSize(s) * elementsPerValue;
    }
}
