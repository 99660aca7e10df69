package org.vispark.formats.casacore.dm.tiled;

import java.util.Arrays;
import java.util.List;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.aipsio.AipsIoReader;

/**
 * TiledShapeStMan's map from rows to hypercubes: sorted row intervals, each in one cube at
 * consecutive positions along its last axis. Interval {@code i} ends (inclusive) at row
 * {@code lastRow[i]}, lies in cube {@code cube[i]} (cube 0 has no shape: its rows are undefined)
 * and its last row sits at position {@code lastPosition[i]}. Rows after the last interval are
 * undefined.
 *
 * <p>On disk, after the header's default tile shape: uInt number of intervals, then three "Block"
 * AipsIO objects (version 1: uInt count, that many uInt values) for the last rows, the cubes and
 * the last positions.
 */
final class ShapeRowMap implements RowLocator {
    private final long[] lastRow;
    private final int[] cube;
    private final long[] lastPosition;

    private ShapeRowMap(long[] lastRow, int[] cube, long[] lastPosition) {
        this.lastRow = lastRow;
        this.cube = cube;
        this.lastPosition = lastPosition;
    }

    /** Reads the map and checks it against the cubes and the table's row count. */
    static ShapeRowMap read(AipsIoReader in, List<Hypercube> cubes, long rowCount) throws TableFormatException {
        int cubeCount = cubes.size();
        int at = in.position();
        long used = in.readUInt();
        long[] rows = readBlock(in, used);
        long[] cubeNumbers = readBlock(in, used);
        long[] positions = readBlock(in, used);
        int n = (int) used;
        int[] cube = new int[n];
        for (int i = 0; i < n; i++) {
            if (cubeNumbers[i] >= cubeCount) {
                throw in.error("row map entry " + i + " refers to hypercube " + cubeNumbers[i] + " of " + cubeCount, at);
            }
            cube[i] = (int) cubeNumbers[i];
            long first = i == 0 ? 0 : rows[i - 1] + 1;
            if (rows[i] < first || rows[i] >= rowCount) {
                throw in.error("row map entry " + i + " ends at row " + rows[i] + ", outside [" + first + ", "
                        + rowCount + "): garbled", at);
            }
            if (cube[i] == 0) {
                continue;
            }
            Hypercube c = cubes.get(cube[i]);
            long length = c.hasShape() ? c.cubeShape()[c.ndim() - 1] : 0;
            if (positions[i] < rows[i] - first || positions[i] >= length) {
                throw in.error("row map entry " + i + " puts rows " + first + ".." + rows[i] + " at positions up to "
                        + positions[i] + " of hypercube " + cube[i] + ", which has " + length + ": garbled", at);
            }
        }
        return new ShapeRowMap(rows, cube, positions);
    }

    private static long[] readBlock(AipsIoReader in, long expected) throws TableFormatException {
        in.getStart("Block");
        int at = in.position();
        int n = in.readCount(4);
        if (n != expected) {
            throw in.error("row map block has " + n + " entries where " + expected + " are in use", at);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readUInt();
        }
        in.getEnd();
        return v;
    }

    @Override
    public Segment locate(long row, long maxRows) {
        int n = lastRow.length;
        if (n == 0 || row > lastRow[n - 1]) {
            return new Segment(0, 0, maxRows);
        }
        int i = Arrays.binarySearch(lastRow, row);
        if (i < 0) {
            i = -i - 1;
        }
        long rows = Math.min(maxRows, lastRow[i] - row + 1);
        return new Segment(cube[i], lastPosition[i] - (lastRow[i] - row), rows);
    }
}
