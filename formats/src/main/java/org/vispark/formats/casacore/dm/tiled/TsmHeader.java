package org.vispark.formats.casacore.dm.tiled;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.RecordDecoder;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.DataFile;
import org.vispark.formats.casacore.dm.DataManagerContext;

/**
 * The header file {@code table.f<seq>} of a tiled storage manager.
 *
 * <p>The header is always big-endian (casacore writes it with canonical AipsIO, whatever the
 * table's byte order; the tiles themselves are in the table's byte order). Layout: an outer object
 * named after the manager type ("TiledColumnStMan" and "TiledCellStMan" start with their default
 * tile shape; "TiledShapeStMan" ends with its row map), holding a "TiledStMan" object (version 1-3):
 * from version 2 a Bool "big endian" flag, uInt sequence number, row count (uInt; uInt64 from
 * version 3), uInt column count, one Int data type per column, String hypercolumn name, maximum
 * cache size (uInt; uInt64 from version 3), uInt cube dimensionality, file count, per file a Bool
 * "exists" and then (uInt version, uInt sequence number, length as uInt for version 1, Int64 for
 * version 2), cube count, and per cube: Int version, its value Record, Bool extensible, uInt ndim,
 * IPosition cube shape, IPosition tile shape, Int file sequence number, file offset (uInt for
 * version 1, Int64 for version 2). File and cube counts are uInt64 from TiledStMan version 3.
 *
 * @param type           manager type ("TiledColumnStMan", "TiledShapeStMan", "TiledCellStMan")
 * @param hypercolumn    the hypercolumn name (the data manager name)
 * @param ndim           dimensionality of the hypercubes
 * @param fileLengths    TSM file sequence number to the length casacore recorded for it
 * @param cubes          the hypercubes, in header order
 * @param rowMap         TiledShapeStMan's row-to-cube map; null for the other types
 */
record TsmHeader(String type, String hypercolumn, int ndim, Map<Integer, Long> fileLengths, List<Hypercube> cubes,
        ShapeRowMap rowMap) {

    /** Reads and checks the header of the data manager {@code context} describes. */
    static TsmHeader read(DataManagerContext context) throws IOException {
        Path file = context.file("");
        AipsIoReader in = AipsIoReader.of(DataFile.readAll(file), ByteOrder.BIG_ENDIAN, file);
        String type = context.type();
        int version = in.getStart(type);
        if (version != 1) {
            throw in.error(type + " header version " + version + " is not one casacore writes (1)", 0);
        }
        TsmHeader header;
        switch (type) {
            case "TiledColumnStMan", "TiledCellStMan" -> {
                in.readIPosition(); // default tile shape: only used when writing
                header = readBase(in, context, type);
            }
            case "TiledShapeStMan" -> {
                TsmHeader base = readBase(in, context, type);
                in.readIPosition(); // default tile shape
                ShapeRowMap map = ShapeRowMap.read(in, base.cubes, context.rowCount());
                header = new TsmHeader(type, base.hypercolumn, base.ndim, base.fileLengths, base.cubes, map);
            }
            default -> throw new IllegalArgumentException("not a tiled storage manager type: " + type);
        }
        in.getEnd();
        return header;
    }

    private static TsmHeader readBase(AipsIoReader in, DataManagerContext context, String type)
            throws TableFormatException {
        int version = in.getStart("TiledStMan");
        if (version < 1 || version > 3) {
            throw in.error("TiledStMan version " + version + " is not one casacore writes (1-3)", in.position());
        }
        boolean bigEndian = version < 2 || in.readBool();
        boolean tableBig = context.byteOrder() == ByteOrder.BIG_ENDIAN;
        if (bigEndian != tableBig) {
            throw in.error("the header says the tiles are " + (bigEndian ? "big" : "little")
                    + "-endian but table.dat says the table is " + (tableBig ? "big" : "little") + "-endian",
                    in.position());
        }
        int at = in.position();
        int seq = in.readInt();
        if (seq != context.sequenceNumber()) {
            throw in.error("header is of data manager " + seq + ", expected " + context.sequenceNumber(), at);
        }
        at = in.position();
        long nrow = version >= 3 ? in.readLong() : in.readUInt();
        if (nrow != context.rowCount()) {
            throw in.error("header has " + nrow + " rows but the table has " + context.rowCount(), at);
        }
        at = in.position();
        int ncol = in.readInt();
        List<ColumnDesc> columns = context.columns();
        if (ncol != columns.size()) {
            throw in.error("header has " + ncol + " columns but table.dat binds " + columns.size(), at);
        }
        for (ColumnDesc c : columns) {
            at = in.position();
            int code = in.readInt();
            if (code != c.dataType().code()) {
                throw in.error("column " + c.name() + " has data type code " + code + " in the header but "
                        + c.dataType() + " in table.dat", at);
            }
        }
        String hypercolumn = in.readString();
        if (version >= 3) {
            in.readLong(); // maximum cache size
        } else {
            in.readUInt();
        }
        at = in.position();
        long ndim = in.readUInt();
        if (ndim < 1 || ndim > 32) {
            throw in.error("hypercube dimensionality " + ndim + " is out of range", at);
        }
        long nfile = version >= 3 ? in.readLong() : in.readUInt();
        checkCount(in, nfile, 1);
        Map<Integer, Long> files = new HashMap<>();
        for (int i = 0; i < nfile; i++) {
            if (!in.readBool()) {
                continue;
            }
            int fileVersion = in.readInt();
            at = in.position();
            int fileSeq = in.readInt();
            if (fileSeq != i) {
                throw in.error("TSM file entry " + i + " has sequence number " + fileSeq, at);
            }
            files.put(fileSeq, fileVersion == 1 ? in.readUInt() : in.readLong());
        }
        long ncube = version >= 3 ? in.readLong() : in.readUInt();
        checkCount(in, ncube, 4);
        List<Hypercube> cubes = new ArrayList<>((int) ncube);
        for (int i = 0; i < ncube; i++) {
            cubes.add(readCube(in, (int) ndim, files, i));
        }
        in.getEnd();
        return new TsmHeader(type, hypercolumn, (int) ndim, Map.copyOf(files), List.copyOf(cubes), null);
    }

    private static void checkCount(AipsIoReader in, long count, int minBytesEach) throws TableFormatException {
        if (count < 0 || count * minBytesEach > in.remaining()) {
            throw in.error("count " + count + " exceeds what the remaining " + in.remaining()
                    + " bytes can hold: truncated or garbled", in.position());
        }
    }

    private static Hypercube readCube(AipsIoReader in, int ndim, Map<Integer, Long> files, int index)
            throws TableFormatException {
        int start = in.position();
        int version = in.readInt();
        if (version != 1 && version != 2) {
            throw in.error("hypercube " + index + " has version " + version + " (casacore writes 1 or 2)", start);
        }
        TableRecord values = RecordDecoder.read(in);
        boolean extensible = in.readBool();
        long cubeNdim = in.readUInt();
        long[] cubeShape = in.readIPosition();
        long[] tileShape = in.readIPosition();
        int fileSeq = in.readInt();
        long offset = version == 1 ? in.readUInt() : in.readLong();
        if (cubeShape.length == 0) {
            return new Hypercube(values, extensible, cubeShape, tileShape, -1, 0);
        }
        if (cubeNdim != ndim || cubeShape.length != ndim || tileShape.length != ndim) {
            throw in.error("hypercube " + index + " has " + cubeShape.length + " axes and a tile shape of "
                    + tileShape.length + " where the header says " + ndim, start);
        }
        long tilePixels = 1;
        for (int i = 0; i < ndim; i++) {
            if (cubeShape[i] < 0 || tileShape[i] < 1 || cubeShape[i] > Integer.MAX_VALUE
                    || tileShape[i] > Integer.MAX_VALUE) {
                throw in.error("hypercube " + index + " has cube shape " + Arrays.toString(cubeShape)
                        + " and tile shape " + Arrays.toString(tileShape) + ": garbled", start);
            }
            tilePixels *= tileShape[i];
            if (tilePixels > Integer.MAX_VALUE) {
                throw in.error("hypercube " + index + " has tiles of more than 2^31 pixels: garbled", start);
            }
        }
        if (!files.containsKey(fileSeq)) {
            throw in.error("hypercube " + index + " refers to TSM file " + fileSeq + ", which the header does not list",
                    start);
        }
        if (offset < 0) {
            throw in.error("hypercube " + index + " starts at negative file offset " + offset, start);
        }
        return new Hypercube(values, extensible, cubeShape, tileShape, fileSeq, offset);
    }
}
