package org.vispark.formats.casacore.dm.tiled;

import java.io.IOException;
import java.lang.reflect.Array;
import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * A coordinate column of a hypercolumn: the values along one cube axis, kept in each hypercube's
 * value record as a vector. For a cell axis the column is a vector column whose cell is the whole
 * vector; for the row axis it is a scalar column whose value is the vector's element at the row's
 * position in the cube.
 */
final class TiledCoordinateColumn implements ColumnReader {
    private final TiledStMan stman;
    private final ColumnDesc desc;
    private final int axis;

    TiledCoordinateColumn(TiledStMan stman, ColumnDesc desc, int axis) {
        this.stman = stman;
        this.desc = desc;
        this.axis = axis;
    }

    private boolean isVector() {
        return axis < stman.cellAxes();
    }

    @Override
    public int[] shape(long row) throws IOException {
        stman.checkRows(row, 1);
        if (!isVector()) {
            return new int[0];
        }
        if (desc.isFixedShape()) {
            return desc.shape().clone();
        }
        Hypercube cube = stman.header().cubes().get(stman.locator().locate(row, 1).cube());
        if (cube.hasShape()) {
            return new int[] {(int) cube.cubeShape()[axis]};
        }
        return cube.values().get(desc.name()) instanceof ArrayValue v ? v.shape().clone() : null;
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        stman.checkRows(firstRow, rowCount);
        int perValue = desc.dataType().elementsPerValue();
        int outLength = Array.getLength(out);
        int offset = outOffset;
        long row = firstRow;
        long end = firstRow + rowCount;
        while (row < end) {
            RowLocator.Segment seg = stman.locator().locate(row, end - row);
            Hypercube cube = stman.header().cubes().get(seg.cube());
            ArrayValue vector = cube.values().get(desc.name()) instanceof ArrayValue v ? v : null;
            if (vector == null || vector.type() != desc.dataType()) {
                if (isVector() && vector == null && !cube.hasShape()) {
                    row += seg.rows();
                    continue; // undefined cells
                }
                throw new TableFormatException(stman.context().file(""), "hypercube " + seg.cube() + " has no "
                        + desc.dataType() + " values for coordinate column " + desc.name() + " (row " + row + ")");
            }
            int length = vector.shape()[0];
            if (isVector()) {
                int elements = length * perValue;
                check(offset + (long) elements * seg.rows() <= outLength, firstRow, end);
                for (long r = 0; r < seg.rows(); r++) {
                    System.arraycopy(vector.values(), 0, out, offset, elements);
                    offset += elements;
                }
            } else {
                if (seg.position() + seg.rows() > length) {
                    throw new TableFormatException(stman.context().file(""), "coordinate column " + desc.name()
                            + " has " + length + " values in hypercube " + seg.cube() + " but row " + row
                            + " onwards need positions up to " + (seg.position() + seg.rows()));
                }
                check(offset + seg.rows() * perValue <= outLength, firstRow, end);
                System.arraycopy(vector.values(), (int) seg.position() * perValue, out, offset,
                        (int) seg.rows() * perValue);
                offset += (int) seg.rows() * perValue;
            }
            row += seg.rows();
        }
    }

    private void check(boolean fits, long firstRow, long end) {
        if (!fits) {
            throw new IllegalArgumentException("output array is too small for rows [" + firstRow + ", " + end
                    + ") of column " + desc.name());
        }
    }
}
