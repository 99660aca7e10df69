package org.vispark.formats.casacore.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.aipsio.AipsIoWriter;

/**
 * Writes one fixed-shape array column as a casacore TiledColumnStMan of its own: one hypercube of shape
 * {@code [cell axes..., rows]} with tiles {@code [cell axes..., rowsPerTile]}, so a tile holds whole cells of
 * consecutive rows (about {@value #TARGET_TILE_BYTES} bytes each, at least one row).
 *
 * <p>Files: {@code table.f<seq>_TSM0} holds the tiles in row order, each a full bucket (the last one padded
 * with zeros), values in the data byte order, Bool as bits (least significant first); {@code table.f<seq>}
 * holds the header, big-endian AipsIO: "TiledColumnStMan" version 1 with the default tile shape, then
 * "TiledStMan" version 2 (endian flag, sequence number, rows, column count, data type, hypercolumn name,
 * cache size 0, dimensionality, the TSM file and its length, the cube: values record, extensible, shapes,
 * file 0 at offset 0).
 */
final class TiledColumnWriter implements StorageManagerWriter {
    static final String TYPE = "TiledColumnStMan";
    static final int TARGET_TILE_BYTES = 1 << 20;
    private static final long FORMAT_1_LIMIT = 1L << 31;

    private final ColumnSpec column;
    private final String name;
    private final int sequenceNumber;
    private final Path header;
    private final Path tiles;
    private final FileChannel file;
    private final int cellValues;
    private final int rowsPerTile;
    private final int bucketBytes;
    private final byte[] tile;
    private final ByteBuffer tileBuf;
    private int rowsInTile;
    private long tileCount;
    private long rows;

    /**
     * @param rowsHint expected number of rows (0 when unknown): tiles are not made longer than that
     */
    TiledColumnWriter(Path tableDir, int sequenceNumber, ColumnSpec column, ByteOrder order, long rowsHint)
            throws IOException {
        this.column = column;
        this.name = "Tiled" + column.name();
        this.sequenceNumber = sequenceNumber;
        this.cellValues = column.cellValues();
        DataType type = column.type();
        long cellBytes = type == DataType.BOOL ? (cellValues + 7) / 8 : (long) cellValues * type.byteSize();
        long perTile = Math.max(1, TARGET_TILE_BYTES / cellBytes);
        if (rowsHint > 0) {
            perTile = Math.min(perTile, rowsHint);
        }
        long bytes = type == DataType.BOOL ? (perTile * cellValues + 7) / 8 : perTile * cellBytes;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("column " + column.name() + ": cells of " + cellValues
                    + " values are too large to tile");
        }
        this.rowsPerTile = (int) perTile;
        this.bucketBytes = (int) bytes;
        this.tile = new byte[bucketBytes];
        this.tileBuf = ByteBuffer.wrap(tile).order(order);
        this.header = tableDir.resolve("table.f" + sequenceNumber);
        this.tiles = tableDir.resolve("table.f" + sequenceNumber + "_TSM0");
        this.file = FileChannel.open(tiles, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnSpec> columns() {
        return List.of(column);
    }

    @Override
    public void append(int nRows, Object[] values) throws IOException {
        Object v = values[0];
        int done = 0;
        while (done < nRows) {
            int n = Math.min(nRows - done, rowsPerTile - rowsInTile);
            if (column.type() == DataType.BOOL) {
                ValueCodec.putBits((boolean[]) v, done * cellValues, n * cellValues, tile, 0,
                        (long) rowsInTile * cellValues);
            } else {
                ValueCodec.put(column.type(), v, done * cellValues, n * cellValues, tileBuf,
                        rowsInTile * cellValues * column.type().byteSize());
            }
            rowsInTile += n;
            done += n;
            rows += n;
            if (rowsInTile == rowsPerTile) {
                writeTile();
            }
        }
    }

    private void writeTile() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(tile);
        long position = tileCount * bucketBytes;
        while (b.hasRemaining()) {
            position += file.write(b, position);
        }
        tileCount++;
        rowsInTile = 0;
        Arrays.fill(tile, (byte) 0);
    }

    @Override
    public byte[] finish(long rowCount) throws IOException {
        if (rowCount != rows) {
            throw new IllegalStateException(tiles + ": " + rows + " rows written but the table has " + rowCount);
        }
        if (rowsInTile > 0) {
            writeTile();
        }
        long length = tileCount * bucketBytes;
        int[] cell = column.shape();
        int ndim = cell.length + 1;
        int[] tileShape = Arrays.copyOf(cell, ndim);
        tileShape[ndim - 1] = rowsPerTile;
        int[] cubeShape = Arrays.copyOf(cell, ndim);
        cubeShape[ndim - 1] = (int) rows;

        AipsIoWriter out = new AipsIoWriter(ByteOrder.BIG_ENDIAN);
        out.putStart(TYPE, 1);
        out.writeIPosition(tileShape);
        out.putStart("TiledStMan", 2);
        out.writeBool(tileBuf.order() == ByteOrder.BIG_ENDIAN);
        out.writeInt(sequenceNumber);
        out.writeInt((int) rows);
        out.writeInt(1); // columns
        out.writeInt(column.type().code());
        out.writeString(name);
        out.writeInt(0); // maximum cache size: unlimited
        out.writeInt(ndim);
        out.writeInt(1); // files
        out.writeBool(true);
        if (length < FORMAT_1_LIMIT) {
            out.writeInt(1).writeInt(0).writeInt((int) length);
        } else {
            out.writeInt(2).writeInt(0).writeLong(length);
        }
        out.writeInt(1); // cubes
        out.writeInt(1); // cube version (file offset 0 fits a uInt)
        out.putStart("Record", 1).putStart("RecordDesc", 2).writeInt(0).putEnd(); // no id or coordinate values
        out.writeInt(1).putEnd(); // variable record
        out.writeBool(true); // extensible
        out.writeInt(ndim);
        out.writeIPosition(cubeShape);
        out.writeIPosition(tileShape);
        out.writeInt(0); // TSM file
        out.writeInt(0); // offset in it
        out.putEnd();
        out.putEnd();
        java.nio.file.Files.write(header, out.toByteArray(), StandardOpenOption.CREATE_NEW);
        return new byte[0];
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
