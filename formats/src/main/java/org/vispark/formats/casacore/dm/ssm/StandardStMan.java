package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.dm.ColumnReader;
import org.vispark.formats.casacore.dm.DataManager;
import org.vispark.formats.casacore.dm.DataManagerContext;
import org.vispark.formats.casacore.dm.IndirectArrayFile;

/**
 * casacore's StandardStMan, read-only.
 *
 * <p>Files: {@code table.f<seq>} holds a header ({@link SsmHeader}) and fixed-size buckets; rows are
 * mapped to buckets by one or more row indices ({@link SsmIndex}) kept in index buckets. Within a
 * bucket each column has its own area ({@link ColumnArea}) holding its rows one after the other, in
 * the table's byte order: scalars and direct arrays of fixed-size types by value (Bool as bits),
 * Strings with a maximum length as that many bytes, other Strings and String arrays as a
 * {@link StringSlot} into string buckets ({@link StringHeap}), other indirect arrays as an Int64
 * offset into {@code table.f<seq>i} ({@link IndirectArrayFile}).
 *
 * <p>Which form a column has follows from its description: an array column is direct when its
 * Direct option is set; a String array column's cells carry their shape unless the column has a
 * fixed shape.
 */
public final class StandardStMan implements DataManager {
    private final DataManagerContext context;
    private final SsmFile file;
    private final StringHeap heap;
    private IndirectArrayFile arrays;

    private StandardStMan(DataManagerContext context, SsmFile file) {
        this.context = context;
        this.file = file;
        this.heap = new StringHeap(file);
    }

    /** Opens a StandardStMan: reads its header and row indices. */
    public static DataManager open(DataManagerContext context) throws IOException {
        return new StandardStMan(context, SsmFile.open(context));
    }

    @Override
    public ColumnReader column(int index) throws IOException {
        ColumnDesc d = context.columns().get(index);
        SsmIndex rows = file.index(file.header().columnIndices()[index]);
        if (rows.rowCount() < context.rowCount()) {
            throw new TableFormatException(file.path(), "column " + d.name() + ": the StandardStMan index covers "
                    + rows.rowCount() + " rows but the table has " + context.rowCount() + ": truncated or garbled");
        }
        int offset = file.header().columnOffsets()[index];
        DataType type = d.dataType();
        boolean fixedSize = type.byteSize() > 0;
        if (!fixedSize && type != DataType.STRING) {
            throw new TableFormatException(context.tableDir().resolve("table.dat"), "column " + d.name()
                    + " of type " + type + " cannot be stored in a StandardStMan");
        }
        if (!d.isArray()) {
            if (type == DataType.STRING) {
                if (d.maxLength() > 0) {
                    return new FixedStringColumn(area(d, rows, offset, 8L * d.maxLength()), d.maxLength());
                }
                return new StringColumn(file, area(d, rows, offset, 8L * StringSlot.BYTES), heap, d.name());
            }
            return new FixedValueColumn(area(d, rows, offset, bits(type, 1)), type, new int[0], 1);
        }
        int[] fixedShape = d.isFixedShape() ? d.shape().clone() : null;
        if (type == DataType.STRING) {
            return new StringArrayColumn(file, area(d, rows, offset, 8L * StringSlot.BYTES), heap, d.name(), fixedShape);
        }
        if ((d.options() & ColumnDesc.OPTION_DIRECT) != 0) {
            if (fixedShape == null) {
                throw new TableFormatException(context.tableDir().resolve("table.dat"), "direct array column "
                        + d.name() + " has no fixed shape");
            }
            long n = 1;
            for (int s : fixedShape) {
                n *= s;
            }
            if (n > Integer.MAX_VALUE / 16) {
                throw new TableFormatException(context.tableDir().resolve("table.dat"), "direct array column "
                        + d.name() + " has cells of " + n + " values: garbled shape");
            }
            return new FixedValueColumn(area(d, rows, offset, bits(type, n)), type, fixedShape, (int) n);
        }
        return new IndirectColumn(area(d, rows, offset, 64), type, this::arrayFile);
    }

    private ColumnArea area(ColumnDesc d, SsmIndex rows, int offset, long bitsPerRow) throws TableFormatException {
        return new ColumnArea(file, rows, d.name(), offset, bitsPerRow);
    }

    /** Bits per row of {@code n} values of a fixed-size type: Bool values are bits. */
    private static long bits(DataType type, long n) {
        return type == DataType.BOOL ? n : 8L * type.byteSize() * n;
    }

    private IndirectArrayFile arrayFile() throws IOException {
        if (arrays == null) {
            arrays = IndirectArrayFile.open(context.file("i"), context.byteOrder());
        }
        return arrays;
    }

    @Override
    public void close() throws IOException {
        try {
            file.close();
        } finally {
            if (arrays != null) {
                arrays.close();
            }
        }
    }
}
