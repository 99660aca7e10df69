package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.dm.ColumnReader;
import org.vispark.formats.casacore.dm.Values;

/**
 * A StandardStMan column whose cells are stored in the buckets themselves: a scalar of a numeric or
 * Bool type, or a direct (fixed-shape) array of one. Each row takes {@code valuesPerRow} values of
 * the type's canonical size in the table's byte order; Bool values take one bit each, consecutive
 * over the rows of a bucket.
 */
final class FixedValueColumn implements ColumnReader {
    private final ColumnArea area;
    private final DataType type;
    private final int[] shape;
    private final int valuesPerRow;

    /**
     * @param shape the cell shape (empty for a scalar column)
     */
    FixedValueColumn(ColumnArea area, DataType type, int[] shape, int valuesPerRow) {
        this.area = area;
        this.type = type;
        this.shape = shape;
        this.valuesPerRow = valuesPerRow;
    }

    @Override
    public int[] shape(long row) {
        return shape.clone();
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        int elementsPerRow = valuesPerRow * type.elementsPerValue();
        if (type == DataType.BOOL) {
            boolean[] flags = (boolean[]) out;
            area.forEachRun(firstRow, rowCount, (buf, bucketRow, rows, done) -> Values.unpackBits(buf.array(),
                    (long) bucketRow * valuesPerRow, flags, outOffset + done * valuesPerRow, rows * valuesPerRow));
            return;
        }
        int rowBytes = area.bytesPerRow();
        area.forEachRun(firstRow, rowCount, (buf, bucketRow, rows, done) -> {
            ByteBuffer src = buf.duplicate().order(buf.order()).position(bucketRow * rowBytes);
            Values.decode(type, src, rows * valuesPerRow, out, outOffset + done * elementsPerRow);
        });
    }
}
