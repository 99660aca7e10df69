package org.vispark.formats.casacore.dm.ssm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;

/**
 * Runs {@code ssm_cases.py} with python-casacore and compares what vispark reads with the script's
 * dumps (per column: the cells as little-endian bytes or, for Strings, a JSON list; and the shapes).
 */
final class SsmExpected {
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SsmExpected() {}

    static Path script() {
        return Path.of("src/test/resources/casacore/ssm_cases.py").toAbsolutePath();
    }

    /** Runs the script with {@code args}; fails with its output when it fails. */
    static void python(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + new String(out));
        }
    }

    /**
     * Compares every column listed in {@code expectedDir}/manifest.json: shapes row by row, values read
     * all at once, in chunks of {@code chunk} rows and row by row backwards. Returns the number of columns.
     */
    static int compare(Table t, Path expectedDir, int chunk) throws IOException {
        JsonNode manifest = JSON.readTree(expectedDir.resolve("manifest.json").toFile());
        int columns = 0;
        for (Iterator<String> it = manifest.fieldNames(); it.hasNext();) {
            String name = it.next();
            String where = name + " in " + t.path();
            JsonNode shapes = manifest.get(name).get("shapes");
            String dtype = manifest.get(name).get("dtype").asText();
            TableColumn c = t.column(name);
            int nrow = (int) t.rowCount();
            assertEquals(nrow, shapes.size(), where + " rows");
            for (int r = 0; r < nrow; r++) {
                JsonNode s = shapes.get(r);
                int[] shape = c.shape(r);
                if (s.isNull()) {
                    assertNull(shape, where + " row " + r + " should be undefined");
                } else {
                    int[] want = new int[s.size()];
                    for (int i = 0; i < want.length; i++) {
                        want[i] = s.get(i).asInt();
                    }
                    assertArrayEquals(want, shape, where + " shape of row " + r);
                }
            }
            Object expected = expected(expectedDir, name, dtype);
            assertValues(expected, normalize(c.read(0, nrow), dtype), where + " (all rows at once)");
            List<Object> parts = new ArrayList<>();
            for (int r = 0; r < nrow; r += chunk) {
                parts.add(normalize(c.read(r, Math.min(chunk, nrow - r)), dtype));
            }
            assertValues(expected, concat(parts, expected), where + " (in chunks of " + chunk + " rows)");
            List<Object> backwards = new ArrayList<>();
            for (int r = nrow - 1; r >= 0; r--) {
                backwards.add(0, normalize(c.read(r, 1), dtype));
            }
            assertValues(expected, concat(backwards, expected), where + " (row by row, backwards)");
            columns++;
        }
        return columns;
    }

    private static Object expected(Path dir, String name, String dtype) throws IOException {
        if (dtype.equals("str")) {
            JsonNode list = JSON.readTree(dir.resolve(name + ".json").toFile());
            String[] s = new String[list.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = list.get(i).asText();
            }
            return s;
        }
        return Files.readAllBytes(dir.resolve(name + ".bin"));
    }

    private static Object concat(List<Object> parts, Object like) {
        if (like instanceof String[]) {
            List<String> all = new ArrayList<>();
            for (Object p : parts) {
                all.addAll(List.of((String[]) p));
            }
            return all.toArray(new String[0]);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object p : parts) {
            all.writeBytes((byte[]) p);
        }
        return all.toByteArray();
    }

    private static void assertValues(Object expected, Object actual, String message) {
        if (expected instanceof String[] e) {
            assertArrayEquals(e, (String[]) actual, message);
        } else {
            assertArrayEquals((byte[]) expected, (byte[]) actual, message);
        }
    }

    /** Strings as they are; other values as numpy's little-endian bytes of {@code dtype}. */
    static Object normalize(Object array, String dtype) {
        if (array instanceof String[]) {
            return array;
        }
        if (array instanceof byte[] b && dtype.equals("<u2")) {
            short[] wide = new short[b.length];
            for (int i = 0; i < b.length; i++) {
                wide[i] = (short) Byte.toUnsignedInt(b[i]);
            }
            return normalize(wide, dtype);
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
