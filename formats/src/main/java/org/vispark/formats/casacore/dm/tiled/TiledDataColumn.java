package org.vispark.formats.casacore.dm.tiled;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Arrays;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * A data column of a tiled storage manager: its cells are slices of hypercubes.
 *
 * <p>Reading rows [a, b) reads only the tiles those rows intersect, each once (one positioned read
 * of the column's part of the bucket), and copies the intersection into the output in runs as long
 * as tile and output layout allow: when a tile spans whole cells, the rows it holds are one bulk copy.
 * The last tiles read stay cached (bounded, see {@link TileCache}), so consecutive row ranges that
 * share a tile read it once.
 */
final class TiledDataColumn implements ColumnReader {
    private static final long MIN_CACHE_BYTES = 16L << 20;
    private static final long MAX_CACHE_BYTES = 256L << 20;
    private static final long MAX_CHUNK_BYTES = 1L << 30;

    private final TiledStMan stman;
    private final ColumnDesc desc;
    private final DataType type;
    private final int cellAxes;
    private final TileCache cache;

    TiledDataColumn(TiledStMan stman, ColumnDesc desc) throws TableFormatException {
        this.stman = stman;
        this.desc = desc;
        this.type = desc.dataType();
        this.cellAxes = stman.cellAxes();
        long capacity = MIN_CACHE_BYTES;
        for (Hypercube c : stman.header().cubes()) {
            if (c.hasShape()) {
                long chunk = chunkBytes(c);
                long[] perAxis = c.tilesPerAxis();
                long tileRow = chunk * (c.tileCount() / Math.max(1, perAxis[perAxis.length - 1]));
                capacity = Math.max(capacity, Math.max(chunk, Math.min(tileRow, MAX_CACHE_BYTES)));
            }
        }
        this.cache = new TileCache(type, stman.context().byteOrder(), capacity, stman::file);
    }

    private long chunkBytes(Hypercube cube) throws TableFormatException {
        long bytes = TileLayout.columnBytes(type, cube.tilePixels());
        if (bytes > MAX_CHUNK_BYTES) {
            throw new TableFormatException(stman.context().file(""), "column " + desc.name() + " has tiles of "
                    + bytes + " bytes; more than " + MAX_CHUNK_BYTES + " is not supported");
        }
        return bytes;
    }

    @Override
    public int[] shape(long row) throws IOException {
        stman.checkRows(row, 1);
        if (desc.isFixedShape()) {
            return desc.shape().clone();
        }
        Hypercube cube = stman.header().cubes().get(stman.locator().locate(row, 1).cube());
        if (!cube.hasShape()) {
            return null;
        }
        int[] shape = new int[cellAxes];
        for (int i = 0; i < cellAxes; i++) {
            shape[i] = (int) cube.cubeShape()[i];
        }
        return shape;
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        stman.checkRows(firstRow, rowCount);
        int perValue = type.elementsPerValue();
        if (outOffset % perValue != 0) {
            throw new IllegalArgumentException("offset " + outOffset + " is not at the start of a " + type + " value");
        }
        int outLength = Array.getLength(out);
        long value = outOffset / perValue;
        long row = firstRow;
        long end = firstRow + rowCount;
        while (row < end) {
            RowLocator.Segment seg = stman.locator().locate(row, end - row);
            Hypercube cube = stman.header().cubes().get(seg.cube());
            if (cube.hasShape()) {
                long cellPixels = 1;
                long[] start = new long[cube.ndim()];
                long[] length = new long[cube.ndim()];
                for (int i = 0; i < cellAxes; i++) {
                    length[i] = cube.cubeShape()[i];
                    cellPixels *= length[i];
                }
                if (cellAxes < cube.ndim()) {
                    int last = cube.ndim() - 1;
                    if (seg.position() + seg.rows() > cube.cubeShape()[last]) {
                        throw new TableFormatException(stman.context().file(""), "rows " + row + ".." + (row + seg.rows())
                                + " of column " + desc.name() + " lie outside hypercube " + seg.cube() + " (length "
                                + cube.cubeShape()[last] + " along the row axis)");
                    }
                    start[last] = seg.position();
                    length[last] = seg.rows();
                }
                long values = cellPixels * seg.rows();
                if ((value + values) * perValue > outLength) {
                    throw new IllegalArgumentException("output array of " + outLength + " elements is too small for rows ["
                            + firstRow + ", " + end + ") of column " + desc.name() + " from element " + outOffset);
                }
                copyRegion(seg.cube(), cube, start, length, out, (int) value);
                value += values;
            }
            row += seg.rows();
        }
    }

    /**
     * Copies the box [start, start + length) of the cube into {@code out} from value {@code outValue},
     * in casacore order over the box.
     */
    private void copyRegion(int cubeIndex, Hypercube cube, long[] start, long[] length, Object out, int outValue)
            throws IOException {
        int nd = cube.ndim();
        for (long l : length) {
            if (l == 0) {
                return;
            }
        }
        long[] tileShape = cube.tileShape();
        long[] tilesPerAxis = cube.tilesPerAxis();
        long tilePixels = cube.tilePixels();
        long chunk = chunkBytes(cube);
        long bucket = stman.layout().bucketBytes(tilePixels);
        long columnOffset = stman.layout().offset(desc.name(), tilePixels);
        long[] firstTile = new long[nd];
        long[] lastTile = new long[nd];
        long[] tileStride = new long[nd];
        long[] outStride = new long[nd];
        long[] srcStride = new long[nd];
        for (int i = 0; i < nd; i++) {
            firstTile[i] = start[i] / tileShape[i];
            lastTile[i] = (start[i] + length[i] - 1) / tileShape[i];
            tileStride[i] = i == 0 ? 1 : tileStride[i - 1] * tilesPerAxis[i - 1];
            outStride[i] = i == 0 ? 1 : outStride[i - 1] * length[i - 1];
            srcStride[i] = i == 0 ? 1 : srcStride[i - 1] * tileShape[i - 1];
        }
        long[] tc = firstTile.clone();
        long[] lo = new long[nd];
        long[] n = new long[nd];
        int[] idx = new int[nd];
        while (true) {
            long tileIndex = 0;
            for (int i = 0; i < nd; i++) {
                tileIndex += tc[i] * tileStride[i];
                long tileStart = tc[i] * tileShape[i];
                lo[i] = Math.max(start[i], tileStart);
                n[i] = Math.min(start[i] + length[i], tileStart + tileShape[i]) - lo[i];
            }
            Tile tile = cache.get(cubeIndex, cube, tileIndex,
                    cube.fileOffset() + tileIndex * bucket + columnOffset, (int) chunk);
            // The run: the leading axes over which both tile and output are contiguous.
            int k = 1;
            long run = n[0];
            while (k < nd && n[k - 1] == tileShape[k - 1] && n[k - 1] == length[k - 1]) {
                run *= n[k];
                k++;
            }
            long srcBase = 0;
            long outBase = outValue;
            for (int i = 0; i < nd; i++) {
                srcBase += (lo[i] - tc[i] * tileShape[i]) * srcStride[i];
                outBase += (lo[i] - start[i]) * outStride[i];
            }
            Arrays.fill(idx, 0);
            while (true) {
                long src = srcBase;
                long dst = outBase;
                for (int i = k; i < nd; i++) {
                    src += idx[i] * srcStride[i];
                    dst += idx[i] * outStride[i];
                }
                tile.copy((int) src, out, (int) dst, (int) run);
                int a = k;
                while (a < nd && ++idx[a] == n[a]) {
                    idx[a] = 0;
                    a++;
                }
                if (a == nd) {
                    break;
                }
            }
            int a = 0;
            while (a < nd && ++tc[a] > lastTile[a]) {
                tc[a] = firstTile[a];
                a++;
            }
            if (a == nd) {
                break;
            }
        }
    }
}
