package org.vispark.formats.casacore.dm.tiled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.testing.Reference;

/**
 * Runs {@code tsm_cases.py} with python-casacore and compares what vispark reads with what
 * python-casacore read (the script's dumps: per column the cells' bytes, little-endian, and shapes).
 */
final class TsmCases {
    static Path script() {
        return Reference.resource("casacore/tsm_cases.py");
    }

    /** Runs {@code tsm_cases.py} with {@code args} under python-casacore. */
    static void runScript(String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = script().toString();
        System.arraycopy(args, 0, all, 1, args.length);
        Reference.python(all);
    }

    /**
     * Compares every column listed in {@code expectedDir}/manifest.json: shapes row by row, values
     * read all at once and in chunks of {@code chunk} rows.
     */
    static int compare(Path table, Path expectedDir, int chunk) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(expectedDir.resolve("manifest.json").toFile());
        int columns = 0;
        try (Table t = Table.open(table)) {
            for (Iterator<String> it = manifest.fieldNames(); it.hasNext();) {
                String name = it.next();
                JsonNode shapes = manifest.get(name).get("shapes");
                TableColumn c = t.column(name);
                assertEquals(t.rowCount(), shapes.size(), name + " rows");
                for (int r = 0; r < shapes.size(); r++) {
                    JsonNode s = shapes.get(r);
                    int[] shape = c.shape(r);
                    if (s.isNull()) {
                        assertNull(shape, name + " row " + r + " should be undefined");
                    } else {
                        int[] want = new int[s.size()];
                        for (int i = 0; i < want.length; i++) {
                            want[i] = s.get(i).asInt();
                        }
                        assertArrayEquals(want, shape, name + " shape of row " + r);
                    }
                }
                byte[] expected = Files.readAllBytes(expectedDir.resolve(name + ".bin"));
                String dtype = manifest.get(name).get("dtype").asText();
                int nrow = (int) t.rowCount();
                assertArrayEquals(expected, toBytes(c.read(0, nrow), dtype), name + " (all rows at once) in " + table);
                ByteBuffer chunks = ByteBuffer.allocate(expected.length);
                for (int r = 0; r < nrow; r += chunk) {
                    chunks.put(toBytes(c.read(r, Math.min(chunk, nrow - r)), dtype));
                }
                assertArrayEquals(expected, chunks.array(), name + " (in chunks of " + chunk + " rows) in " + table);
                columns++;
            }
        }
        return columns;
    }

    /**
     * The values of a flat array as numpy's little-endian bytes (Bool: one byte 0/1). python-casacore
     * hands out uChar arrays as uint16 (numpy dtype {@code <u2}); those are widened likewise.
     */
    static byte[] toBytes(Object array, String dtype) {
        if (array instanceof byte[] b && dtype.equals("<u2")) {
            short[] wide = new short[b.length];
            for (int i = 0; i < b.length; i++) {
                wide[i] = (short) Byte.toUnsignedInt(b[i]);
            }
            return toBytes(wide, "<u2");
        }
        if (array instanceof boolean[] b) {
            byte[] out = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = (byte) (b[i] ? 1 : 0);
            }
            return out;
        }
        if (array instanceof byte[] b) {
            return b;
        }
        ByteBuffer buf;
        if (array instanceof short[] a) {
            buf = ByteBuffer.allocate(2 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asShortBuffer().put(a);
        } else if (array instanceof int[] a) {
            buf = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asIntBuffer().put(a);
        } else if (array instanceof long[] a) {
            buf = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asLongBuffer().put(a);
        } else if (array instanceof float[] a) {
            buf = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(a);
        } else if (array instanceof double[] a) {
            buf = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(a);
        } else {
            throw new IllegalArgumentException("unexpected array " + array.getClass());
        }
        return buf.array();
    }
}
