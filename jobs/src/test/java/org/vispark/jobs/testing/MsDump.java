package org.vispark.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reference values of one MS as python-casacore reads them, written by the test resource
 * lake/dump_ms.py in the lake's encodings (see that script).
 */
public final class MsDump {
    private final JsonNode meta;
    private final Map<String, ByteBuffer> bin = new HashMap<>();
    private final Map<String, long[]> starts = new HashMap<>();

    private MsDump(Path dir) throws IOException {
        meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
        for (JsonNode c : meta.get("columns")) {
            String name = c.asText();
            bin.put(name, ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".bin"))).order(ByteOrder.LITTLE_ENDIAN));
            Path len = dir.resolve(name + ".len");
            if (Files.exists(len)) {
                ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(len)).order(ByteOrder.LITTLE_ENDIAN);
                long[] lens = new long[b.remaining() / 8];
                b.asLongBuffer().get(lens);
                long[] st = new long[lens.length + 1];
                for (int i = 0; i < lens.length; i++) {
                    st[i + 1] = st[i] + Math.max(0, lens[i]);
                }
                long[] both = Arrays.copyOf(st, st.length + lens.length);
                System.arraycopy(lens, 0, both, st.length, lens.length);
                starts.put(name, both);
            }
        }
    }

    /** Dumps {@code ms} into {@code dir} with python-casacore and loads it. */
    public static MsDump of(Path ms, Path dir) throws IOException, InterruptedException {
        TestData.python(TestData.resource("lake/dump_ms.py").toString(), ms.toString(), dir.toString());
        return new MsDump(dir);
    }

    public JsonNode meta() {
        return meta;
    }

    public long rows() {
        return meta.get("rows").asLong();
    }

    public boolean has(String column) {
        return bin.containsKey(column);
    }

    public double f8(String column, long row) {
        return bin.get(column).getDouble((int) (row * 8));
    }

    public int i4(String column, long row) {
        return bin.get(column).getInt((int) (row * 4));
    }

    public byte u1(String column, long row) {
        return bin.get(column).get((int) row);
    }

    /** The cell bytes of an array column at {@code row}; null when undefined. */
    public byte[] cell(String column, long row) {
        long[] s = starts.get(column);
        int n = (int) rows();
        long len = s[n + 1 + (int) row];
        if (len < 0) {
            return null;
        }
        byte[] out = new byte[(int) len];
        bin.get(column).get((int) s[(int) row], out);
        return out;
    }
}
