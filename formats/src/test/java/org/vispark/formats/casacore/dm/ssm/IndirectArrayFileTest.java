package org.vispark.formats.casacore.dm.ssm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.dm.IndirectArrayFile;

/**
 * {@link IndirectArrayFile} on files casacore wrote (IncrementalStMan's version 1, with reference
 * counts; StandardStMan's version 0 is covered by {@link StandardStManTest}): the one cell of each
 * file, at offset 16, must be what python-casacore reads, for every type and both byte orders.
 */
class IndirectArrayFileTest {
    private static final Map<String, DataType> TYPES = Map.ofEntries(Map.entry("B", DataType.BOOL),
            Map.entry("UC", DataType.UCHAR), Map.entry("SH", DataType.SHORT), Map.entry("I", DataType.INT),
            Map.entry("UI", DataType.UINT), Map.entry("I64", DataType.INT64), Map.entry("F", DataType.FLOAT),
            Map.entry("D", DataType.DOUBLE), Map.entry("C", DataType.COMPLEX), Map.entry("DC", DataType.DCOMPLEX),
            Map.entry("S", DataType.STRING));

    @TempDir
    static Path work;

    @BeforeAll
    static void writeFiles() throws Exception {
        SsmExpected.python(work, "--iaf", work.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"B", "UC", "SH", "I", "UI", "I64", "F", "D", "C", "DC", "S"})
    void readsTheCellCasacoreWrote(String type) throws Exception {
        for (String endian : new String[] {"le", "be"}) {
            String name = "iaf_" + type + "_" + endian;
            ByteOrder order = endian.equals("be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            Path expectedDir = work.resolve(name + ".expected");
            JsonNode column = new ObjectMapper().readTree(expectedDir.resolve("manifest.json").toFile()).get("A");
            JsonNode s = column.get("shapes").get(0);
            int[] shape = new int[s.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).asInt();
            }
            DataType dataType = TYPES.get(type);
            try (IndirectArrayFile f = IndirectArrayFile.open(work.resolve(name + ".tab").resolve("table.f0i"), order)) {
                assertEquals(1, f.version(), name);
                assertArrayEquals(shape, f.shape(16), name + " shape");
                int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                int pad = 3 * dataType.elementsPerValue();
                Object out = dataType.newArray(n + 3);
                assertEquals(n, f.read(16, dataType, out, pad), name + " values read");
                Object values = dataType.newArray(n);
                System.arraycopy(out, pad, values, 0, n * dataType.elementsPerValue());
                String dtype = column.get("dtype").asText();
                Object expected = dtype.equals("str")
                        ? new ObjectMapper().readValue(expectedDir.resolve("A.json").toFile(), String[].class)
                        : Files.readAllBytes(expectedDir.resolve("A.bin"));
                Object actual = SsmExpected.normalize(values, dtype);
                if (expected instanceof String[] e) {
                    assertArrayEquals(e, (String[]) actual, name);
                } else {
                    assertArrayEquals((byte[]) expected, (byte[]) actual, name);
                }
            }
        }
    }

    @Test
    void garbledOffsetsAndTruncationAreReportedWithTheFileName() throws Exception {
        Path file = work.resolve("iaf_D_le.tab").resolve("table.f0i");
        try (IndirectArrayFile f = IndirectArrayFile.open(file, ByteOrder.LITTLE_ENDIAN)) {
            TableFormatException e = assertThrows(TableFormatException.class, () -> f.shape(1L << 40));
            assertTrue(e.getMessage().contains("table.f0i"), e.getMessage());
        }
        Path cut = work.resolve("cut.f0i");
        Files.copy(file, cut);
        try (RandomAccessFile r = new RandomAccessFile(cut.toFile(), "rw")) {
            r.setLength(r.length() - 5);
        }
        try (IndirectArrayFile f = IndirectArrayFile.open(cut, ByteOrder.LITTLE_ENDIAN)) {
            TableFormatException e = assertThrows(TableFormatException.class,
                    () -> f.read(16, DataType.DOUBLE, new double[6], 0));
            assertTrue(e.getMessage().contains("cut.f0i") && e.getMessage().contains("truncated"), e.getMessage());
        }
        TableFormatException e = assertThrows(TableFormatException.class,
                () -> IndirectArrayFile.open(file, ByteOrder.BIG_ENDIAN));
        assertTrue(e.getMessage().contains("version"), "a byte-order mix-up shows as a bad version: " + e.getMessage());
    }
}
