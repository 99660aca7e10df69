package org.vispark.formats.casacore.dm.tiled;

import org.vispark.formats.casacore.TableRecord;

/**
 * One hypercube of a tiled storage manager, as its header describes it.
 *
 * <p>The cube's axes are in casacore order (first axis varying fastest); the first
 * {@code cellAxes} axes are the axes of a cell, the others are the row axes. Its tiles are stored
 * in file {@code table.f<seq>_TSM<fileSeq>} from byte {@code fileOffset} on, one bucket per tile,
 * in tile order (tile index along the first axis varying fastest); a tile at the cube's edge is
 * stored at full tile size like any other.
 *
 * @param values      the id and coordinate values of the cube
 * @param extensible  whether the last axis can grow (the cube of TiledColumnStMan/TiledShapeStMan)
 * @param cubeShape   cube shape; empty for a cube with no shape yet (an undefined cell)
 * @param tileShape   tile shape, same length as cubeShape
 * @param fileSeq     sequence number of the TSM file holding the tiles; -1 for none
 * @param fileOffset  byte offset of the first tile in that file
 */
record Hypercube(TableRecord values, boolean extensible, long[] cubeShape, long[] tileShape, int fileSeq,
        long fileOffset) {

    /** Whether the cube has a shape (cells mapped to a cube without one are undefined). */
    boolean hasShape() {
        return cubeShape.length > 0;
    }

    int ndim() {
        return cubeShape.length;
    }

    /** Number of tiles along each axis. */
    long[] tilesPerAxis() {
        long[] n = new long[cubeShape.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = (cubeShape[i] + tileShape[i] - 1) / tileShape[i];
        }
        return n;
    }

    /** Number of tiles of the cube; throws ArithmeticException when that overflows a long. */
    long tileCount() {
        long n = 1;
        for (long t : tilesPerAxis()) {
            n = Math.multiplyExact(n, t);
        }
        return n;
    }

    /** Pixels per tile. */
    long tilePixels() {
        long n = 1;
        for (long t : tileShape) {
            n *= t;
        }
        return n;
    }
}
