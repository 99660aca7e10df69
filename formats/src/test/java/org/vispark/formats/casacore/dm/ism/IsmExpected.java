package org.vispark.formats.casacore.dm.ism;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;

/**
 * What python-casacore read from a table, as {@code ism_dump.py} wrote it (manifest.json and one
 * little-endian .bin file per column), and the comparison of vispark's reads with it.
 */
final class IsmExpected {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IsmExpected() {}

    /** The manifest entries (table name to entry) of a dump directory. */
    static JsonNode manifest(Path dumpDir) throws IOException {
        return JSON.readTree(dumpDir.resolve("manifest.json").toFile());
    }

    /** python-casacore's value type name as a {@link DataType}. */
    static DataType type(String valueType) {
        return switch (valueType) {
            case "boolean", "bool" -> DataType.BOOL;
            case "uchar", "byte" -> DataType.UCHAR;
            case "short" -> DataType.SHORT;
            case "ushort" -> DataType.USHORT;
            case "int", "integer" -> DataType.INT;
            case "uint" -> DataType.UINT;
            case "int64" -> DataType.INT64;
            case "float" -> DataType.FLOAT;
            case "double" -> DataType.DOUBLE;
            case "complex" -> DataType.COMPLEX;
            case "dcomplex" -> DataType.DCOMPLEX;
            case "string" -> DataType.STRING;
            default -> throw new IllegalArgumentException("value type " + valueType);
        };
    }

    /** The values of a .bin dump file, in the array form of {@code type}. */
    static Object values(Path bin, DataType type) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.STRING) {
            List<String> s = new ArrayList<>();
            while (b.hasRemaining()) {
                byte[] chars = new byte[b.getInt()];
                b.get(chars);
                s.add(new String(chars, StandardCharsets.UTF_8));
            }
            return s.toArray(new String[0]);
        }
        if (type == DataType.BOOL) {
            boolean[] v = new boolean[b.remaining()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.get() != 0;
            }
            return v;
        }
        int elementBytes = type.byteSize() / type.elementsPerValue();
        Object v = type.newArray(b.remaining() / type.byteSize());
        assertEquals(Array.getLength(v) * elementBytes, b.remaining(), bin + ": size");
        switch (type) {
            case UCHAR -> b.get((byte[]) v);
            case SHORT, USHORT -> b.asShortBuffer().get((short[]) v);
            case INT, UINT -> b.asIntBuffer().get((int[]) v);
            case INT64 -> b.asLongBuffer().get((long[]) v);
            case FLOAT, COMPLEX -> b.asFloatBuffer().get((float[]) v);
            case DOUBLE, DCOMPLEX -> b.asDoubleBuffer().get((double[]) v);
            default -> throw new IllegalArgumentException(type.toString());
        }
        return v;
    }

    /**
     * Compares every column of {@code entry} (a manifest entry of table {@code name}) with what
     * {@code t} reads: cell shapes of every row, all rows in one read, consecutive chunks of
     * {@code chunk} rows into one array at an offset, and {@code randomRanges} random row ranges.
     * Returns the number of columns compared.
     */
    static int compare(Table t, Path dumpDir, String name, JsonNode entry, int chunk, int randomRanges)
            throws IOException {
        long nrow = entry.get("nrow").asLong();
        assertEquals(nrow, t.rowCount(), name + ": rows");
        int columns = 0;
        for (Iterator<String> it = entry.get("columns").fieldNames(); it.hasNext();) {
            String col = it.next();
            JsonNode c = entry.get("columns").get(col);
            compareColumn(t.column(col), name + "." + col, dumpDir.resolve(name + "." + col + ".bin"),
                    type(c.get("type").asText()), c, (int) nrow, chunk, randomRanges);
            columns++;
        }
        return columns;
    }

    private static void compareColumn(TableColumn column, String where, Path bin, DataType type, JsonNode c,
            int nrow, int chunk, int randomRanges) throws IOException {
        assertEquals(type, column.dataType(), where + ": type");
        Object expected = values(bin, type);
        int epv = type.elementsPerValue();
        // element offset of each row's cell in the expected values
        long[] start = new long[nrow + 1];
        String kind = c.get("kind").asText();
        int[] fixedShape = kind.equals("scalar") ? new int[0]
                : kind.equals("fixed") ? column.desc().shape() : null;
        for (int r = 0; r < nrow; r++) {
            int[] shape;
            if (fixedShape != null) {
                shape = fixedShape;
            } else {
                JsonNode s = c.get("shapes").get(r);
                shape = s.isNull() ? null : JSON.convertValue(s, int[].class);
            }
            int[] actual = column.shape(r);
            if (shape == null) {
                assertNull(actual, where + ": row " + r + " is undefined");
                start[r + 1] = start[r];
            } else {
                assertArrayEquals(shape, actual, where + ": shape of row " + r);
                start[r + 1] = start[r] + TableColumn.cellSize(shape) * epv;
            }
        }
        assertEquals(Array.getLength(expected), start[nrow], where + ": number of values");

        assertSame(expected, 0, column.read(0, nrow), 0, (int) start[nrow], where + ": all rows");

        int pad = 3;
        Object chunked = type.newArray((int) (start[nrow] / epv) + pad);
        for (int r = 0; r < nrow; r += chunk) {
            int n = Math.min(chunk, nrow - r);
            column.read(r, n, chunked, (int) start[r] + pad * epv);
        }
        assertSame(expected, 0, chunked, pad * epv, (int) start[nrow], where + ": chunks of " + chunk + " rows");

        Random random = new Random(where.hashCode());
        for (int i = 0; i < randomRanges && nrow > 0; i++) {
            int first = random.nextInt(nrow);
            int n = 1 + random.nextInt(Math.min(nrow - first, i % 3 == 0 ? 5 : 2000));
            assertSame(expected, (int) start[first], column.read(first, n), 0, (int) (start[first + n] - start[first]),
                    where + ": rows [" + first + ", " + (first + n) + ")");
        }
    }

    /** Asserts equal elements (floating point compared by their bits, so NaN payloads and -0 count). */
    static void assertSame(Object expected, int expectedOffset, Object actual, int actualOffset, int n, String where) {
        for (int i = 0; i < n; i++) {
            int e = expectedOffset + i;
            int a = actualOffset + i;
            boolean same;
            if (expected instanceof float[] x) {
                same = Float.floatToRawIntBits(x[e]) == Float.floatToRawIntBits(((float[]) actual)[a]);
            } else if (expected instanceof double[] x) {
                same = Double.doubleToRawLongBits(x[e]) == Double.doubleToRawLongBits(((double[]) actual)[a]);
            } else {
                same = Array.get(expected, e).equals(Array.get(actual, a));
            }
            if (!same) {
                fail(where + ": element " + i + " is " + Array.get(actual, a) + ", python-casacore has "
                        + Array.get(expected, e));
            }
        }
    }
}
