package org.vispark.formats.casacore;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.aipsio.AipsIoReader;

/**
 * The contents of a table's {@code table.dat}: row count, byte order of the data files, the table
 * description (keywords and column descriptions) and the column set (which data manager holds each
 * column, and each data manager's header blob).
 *
 * <p>Layout (big-endian AipsIO): object "Table" (version 1-3): row count (uInt; uInt64 from version
 * 3), uInt format (0 = data files big-endian, 1 = little-endian), String table type, a "TableDesc"
 * object, then the column set: Int -version (−1..−3), row count, storage option (version 3), uInt
 * data-manager counter, uInt number of data managers, per data manager its type name and sequence
 * number, per column its binding (version, original name, version, sequence number, and for array
 * columns an optional fixed shape), and per data manager a length-prefixed header blob.
 *
 * @param tableDir        the table directory
 * @param rowCount        number of rows
 * @param dataByteOrder   byte order of the storage manager files
 * @param tableDescName   name of the table description (e.g. "MS" or empty)
 * @param keywords        table keywords
 * @param columns         column descriptions in table order, with each array column's shape set to
 *                        the fixed shape the column set gives it, where it does
 * @param dataManagers    the data managers, in the order table.dat lists them
 * @param columnManager   column name to the sequence number of its data manager
 */
record TableDat(Path tableDir, long rowCount, ByteOrder dataByteOrder, String tableDescName, TableRecord keywords,
        List<ColumnDesc> columns, List<DataManagerEntry> dataManagers, Map<String, Integer> columnManager) {

    /** A data manager as table.dat lists it. */
    record DataManagerEntry(String type, int sequenceNumber, byte[] header) {}

    static TableDat read(Path tableDir) throws IOException {
        Path file = tableDir.resolve("table.dat");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TableFormatException(file, Files.isDirectory(tableDir)
                    ? "missing: " + tableDir + " is not a casacore table" : "table directory does not exist", e);
        }
        AipsIoReader in = AipsIoReader.of(bytes, ByteOrder.BIG_ENDIAN, file);
        int version = in.getStart("Table");
        if (version < 1 || version > 3) {
            throw in.error("table.dat version " + version + " is not one casacore writes (1-3)", 0);
        }
        long datRowCount = version > 2 ? in.readLong() : in.readUInt();
        long rowCount = TableLockInfo.rowCount(tableDir).orElse(datRowCount);
        long format = in.readUInt();
        ByteOrder order = format == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        in.readString(); // table type, e.g. "PlainTable"

        in.getStart("TableDesc");
        String descName = in.readString();
        in.readString(); // description version
        in.readString(); // comment
        TableRecord keywords = RecordDecoder.read(in);
        RecordDecoder.read(in); // private keywords (hypercolumn definitions)
        int ncol = in.readCount(16);
        List<ColumnDesc> descs = new ArrayList<>(ncol);
        for (int i = 0; i < ncol; i++) {
            descs.add(readColumnDesc(in));
        }
        in.getEnd();
        if (version == 1) {
            throw in.error("table.dat version 1 (keywords outside the description) is not supported", in.position());
        }

        int csVersion = -in.readInt();
        if (csVersion < 1 || csVersion > 3) {
            throw in.error("column set version " + csVersion + " is not one casacore writes", in.position());
        }
        if (csVersion <= 2) {
            in.readUInt();
        } else {
            in.readLong();
            int storageOption = in.readInt();
            in.readInt(); // block size
            if (storageOption != 2 /* SepFile */) {
                throw in.error("storage option " + storageOption
                        + " (MultiFile/MultiHDF5 container) is not supported; only separate files", in.position());
            }
        }
        in.readUInt(); // data manager sequence counter
        int ndm = in.readCount(8);
        List<String> dmTypes = new ArrayList<>(ndm);
        List<Integer> dmSeq = new ArrayList<>(ndm);
        for (int i = 0; i < ndm; i++) {
            dmTypes.add(in.readString());
            dmSeq.add(in.readInt());
        }
        Map<String, Integer> columnManager = new HashMap<>();
        List<ColumnDesc> columns = new ArrayList<>(ncol);
        for (ColumnDesc d : descs) {
            int at = in.position();
            long plainVersion = in.readUInt();
            if (plainVersion == 1) {
                throw in.error("column '" + d.name() + "' written by a pre-2000 casacore (keywords outside the description)", at);
            }
            in.readString(); // original name
            in.readUInt(); // ScalarColumnData / ArrayColumnData version
            int seq = in.readInt();
            if (!dmSeq.contains(seq)) {
                throw in.error("column '" + d.name() + "' refers to data manager " + seq + ", which table.dat does not list", at);
            }
            columnManager.put(d.name(), seq);
            ColumnDesc bound = d;
            if (d.isArray()) {
                boolean shapeDefined = in.readBool();
                if (shapeDefined) {
                    int[] shape = toIntShape(in.readIPosition(), in);
                    bound = new ColumnDesc(d.name(), d.comment(), d.dataType(), true, shape.length, shape,
                            d.options() | ColumnDesc.OPTION_FIXED_SHAPE, d.maxLength(), d.dataManagerType(),
                            d.dataManagerGroup(), d.keywords());
                }
            }
            columns.add(bound);
        }
        List<DataManagerEntry> dms = new ArrayList<>(ndm);
        for (int i = 0; i < ndm; i++) {
            int n = in.readCount(1);
            dms.add(new DataManagerEntry(dmTypes.get(i), dmSeq.get(i), in.readBytes(n)));
        }
        return new TableDat(tableDir, rowCount, order, descName, keywords, List.copyOf(columns), List.copyOf(dms),
                Map.copyOf(columnManager));
    }

    private static ColumnDesc readColumnDesc(AipsIoReader in) throws TableFormatException {
        in.readUInt(); // ColumnDesc version
        int at = in.position();
        String className = in.readString();
        boolean isArray;
        boolean isRecord = className.equals("ScalarRecordColumnDesc");
        if (className.startsWith("ScalarColumnDesc") || isRecord) {
            isArray = false;
        } else if (className.startsWith("ArrayColumnDesc")) {
            isArray = true;
        } else {
            throw in.error("column description class '" + className + "' is not supported", at);
        }
        in.readUInt(); // BaseColumnDesc version
        String name = in.readString();
        String comment = in.readString();
        String dmType = in.readString();
        String dmGroup = in.readString();
        int code = in.readInt();
        DataType type;
        try {
            type = DataType.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw in.error("column '" + name + "': " + e.getMessage(), at);
        }
        int options = in.readInt();
        int ndim = in.readInt();
        int[] shape = isArray ? toIntShape(in.readIPosition(), in) : new int[0];
        int maxLength = in.readInt();
        TableRecord keywords = RecordDecoder.read(in);
        in.readUInt(); // ScalarColumnDesc / ArrayColumnDesc version
        if (isArray) {
            in.readBool(); // obsolete "has default" switch
        } else if (!isRecord) {
            skipScalar(in, type);
        }
        return new ColumnDesc(name, comment, type, isArray, ndim, shape, options, maxLength, dmType, dmGroup, keywords);
    }

    private static void skipScalar(AipsIoReader in, DataType type) throws TableFormatException {
        if (type == DataType.STRING) {
            in.readString();
        } else {
            in.skip(type.byteSize());
        }
    }

    private static int[] toIntShape(long[] shape, AipsIoReader in) throws TableFormatException {
        int[] s = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
                throw in.error("array axis length " + shape[i] + " out of range", in.position());
            }
            s[i] = (int) shape[i];
        }
        return s;
    }
}
