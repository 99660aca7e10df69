package org.vispark.formats.casacore.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableInfo;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.TableRecord.Field;
import org.vispark.formats.testing.Reference;

/**
 * Tables of every supported column type written by {@link TableWriter}, read back by python-casacore (values bit
 * for bit, keywords), by our reader, and opened by casacore's showtableinfo and taql.
 */
class TableWriterTest {
    @TempDir
    Path tmp;

    static final int ROWS = 2500;

    static List<ColumnSpec> columns() {
        TableRecord units = new TableRecord()
                .put(new Field("QuantumUnits", DataType.STRING, true,
                        new ArrayValue(DataType.STRING, new int[] {1}, new String[] {"s"}), ""))
                .put(new Field("MEASINFO", DataType.RECORD, false, new TableRecord()
                        .put(new Field("type", DataType.STRING, false, "epoch", ""))
                        .put(new Field("Ref", DataType.STRING, false, "UTC", "")), ""));
        List<ColumnSpec> c = new ArrayList<>();
        c.add(ColumnSpec.scalar("B", DataType.BOOL, null));
        c.add(ColumnSpec.scalar("U8", DataType.UCHAR, null));
        c.add(ColumnSpec.scalar("I16", DataType.SHORT, null));
        c.add(ColumnSpec.scalar("I32", DataType.INT, null));
        c.add(ColumnSpec.scalar("U32", DataType.UINT, null));
        c.add(ColumnSpec.scalar("I64", DataType.INT64, null));
        c.add(ColumnSpec.scalar("F", DataType.FLOAT, null));
        c.add(ColumnSpec.scalar("TIME", DataType.DOUBLE, units));
        c.add(ColumnSpec.scalar("C", DataType.COMPLEX, null));
        c.add(ColumnSpec.scalar("DC", DataType.DCOMPLEX, null));
        c.add(ColumnSpec.scalar("S", DataType.STRING, null));
        c.add(ColumnSpec.array("A_C", DataType.COMPLEX, new int[] {2, 3}, null));
        c.add(ColumnSpec.array("A_F", DataType.FLOAT, new int[] {4}, null));
        c.add(ColumnSpec.array("A_B", DataType.BOOL, new int[] {3, 2}, null));
        c.add(ColumnSpec.array("A_D", DataType.DOUBLE, new int[] {3}, null));
        c.add(ColumnSpec.array("A_I", DataType.INT, new int[] {2}, null));
        c.add(ColumnSpec.array("A_S", DataType.STRING, new int[] {2}, null));
        c.add(ColumnSpec.tiled("T_C", DataType.COMPLEX, new int[] {2, 5}, null));
        c.add(ColumnSpec.tiled("T_F", DataType.FLOAT, new int[] {2, 5}, null));
        c.add(ColumnSpec.tiled("T_B", DataType.BOOL, new int[] {2, 5}, null));
        c.add(ColumnSpec.tiled("T_D", DataType.DOUBLE, new int[] {3}, null));
        c.add(ColumnSpec.tiled("T_I", DataType.INT, new int[] {4}, null));
        return c;
    }

    /** Values for every column of {@link #columns()}, all rows; floats include NaN, infinities and -0. */
    static Map<String, Object> values(List<ColumnSpec> columns, int rows, long seed) {
        Random rnd = new Random(seed);
        Map<String, Object> out = new LinkedHashMap<>();
        for (ColumnSpec c : columns) {
            int n = rows * c.cellElements();
            Object v = c.type().newArray(rows * c.cellValues());
            for (int i = 0; i < n; i++) {
                switch (c.type()) {
                    case BOOL -> ((boolean[]) v)[i] = rnd.nextBoolean();
                    case UCHAR -> ((byte[]) v)[i] = (byte) rnd.nextInt();
                    case SHORT -> ((short[]) v)[i] = (short) rnd.nextInt();
                    case INT, UINT -> ((int[]) v)[i] = rnd.nextInt();
                    case INT64 -> ((long[]) v)[i] = rnd.nextLong();
                    case FLOAT, COMPLEX -> ((float[]) v)[i] = special(i, (float) rnd.nextGaussian());
                    case DOUBLE, DCOMPLEX -> ((double[]) v)[i] = special(i, rnd.nextGaussian() * 1e9);
                    case STRING -> ((String[]) v)[i] = string(rnd, i);
                    default -> throw new IllegalArgumentException(c.type().toString());
                }
            }
            out.put(c.name(), v);
        }
        return out;
    }

    private static float special(int i, float x) {
        return switch (i % 97) {
            case 3 -> Float.NaN;
            case 5 -> Float.NEGATIVE_INFINITY;
            case 7 -> -0.0f;
            default -> x;
        };
    }

    private static double special(int i, double x) {
        return switch (i % 89) {
            case 2 -> Double.NaN;
            case 4 -> Double.POSITIVE_INFINITY;
            case 6 -> -0.0;
            default -> x;
        };
    }

    /** Empty, short (in place) and long strings, some non-ASCII, and one longer than a string bucket. */
    private static String string(Random rnd, int i) {
        return switch (i % 7) {
            case 0 -> "";
            case 1 -> "XX";
            case 2 -> "12345678";
            case 3 -> "DSA-" + rnd.nextInt(1000) + "-Ω-ångström";
            case 4 -> i == 4 ? "x".repeat(70_000) : "a longer string, row " + i;
            default -> Integer.toString(rnd.nextInt());
        };
    }

    /** Appends {@code values} in uneven blocks. */
    static void appendInBlocks(TableWriter w, List<ColumnSpec> columns, Map<String, Object> values, int rows)
            throws Exception {
        int[] blocks = {1, 7, 300, 1};
        int at = 0;
        int k = 0;
        while (at < rows) {
            int n = Math.min(rows - at, blocks[k++ % blocks.length]);
            Map<String, Object> block = new LinkedHashMap<>();
            for (ColumnSpec c : columns) {
                Object all = values.get(c.name());
                Object part = c.type().newArray(n * c.cellValues());
                System.arraycopy(all, at * c.cellElements(), part, 0, n * c.cellElements());
                block.put(c.name(), part);
            }
            w.append(n, block);
            at += n;
        }
    }

    @Test
    void everyTypeReadsBackBitForBitInCasacoreAndOurReader() throws Exception {
        List<ColumnSpec> columns = columns();
        Map<String, Object> values = values(columns, ROWS, 11);
        Path dir = tmp.resolve("all.tab");
        TableRecord keywords = TableFilesTest.keywords();
        try (TableWriter w = TableWriter.create(dir, "vispark", columns, keywords,
                new TableInfo("Test", "all types", "written by vispark\n"), new TableWriter.Options(false, 700))) {
            appendInBlocks(w, columns, values, ROWS);
            w.commit();
        }

        JsonNode got = Reference.pythonJson(Reference.resource("write/table_dump.py"), dir.toString());
        assertEquals(ROWS, got.get("rows").asInt());
        assertEquals(columns.stream().map(ColumnSpec::name).toList(),
                new com.fasterxml.jackson.databind.ObjectMapper().convertValue(got.get("columns"), List.class));
        assertEquals("Test", got.at("/info/type").asText());
        assertEquals("all types", got.at("/info/subType").asText());
        assertEquals(42, got.at("/keywords/count").asInt());
        assertEquals("J2000", got.at("/keywords/MEASINFO/Ref").asText());
        assertEquals("[\"s\"]", got.at("/colkeywords/TIME/QuantumUnits/values").toString());
        assertEquals("UTC", got.at("/colkeywords/TIME/MEASINFO/Ref").asText());
        for (ColumnSpec c : columns) {
            JsonNode col = got.at("/values/" + c.name());
            if (c.type() == DataType.STRING) {
                String[] expected = (String[]) values.get(c.name());
                assertEquals(expected.length, col.get("strings").size(), c.name());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], col.get("strings").get(i).asText(), c.name() + " value " + i);
                }
            } else {
                assertEquals(c.isArray() ? List.of(toList(c.shape())) : List.of(List.of()),
                        List.of(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(col.get("shape"), List.class)),
                        c.name());
                assertArrayEquals(CellBytes.of(c.type(), values.get(c.name())),
                        Base64.getDecoder().decode(col.get("b64").asText()), c.name());
            }
        }

        try (Table t = Table.open(dir)) {
            assertEquals(ROWS, t.rowCount());
            assertEquals(42, t.keywords().get("count"));
            for (ColumnSpec c : columns) {
                TableColumn col = t.column(c.name());
                assertArrayEquals(c.shape(), col.shape(0), c.name());
                Object back = col.read(0, ROWS);
                if (c.type() == DataType.STRING) {
                    assertArrayEquals((String[]) values.get(c.name()), (String[]) back, c.name());
                } else {
                    assertArrayEquals(CellBytes.of(c.type(), values.get(c.name())), CellBytes.of(c.type(), back),
                            c.name());
                }
            }
            assertEquals("TiledColumnStMan", t.dataManagerType("T_C"));
            assertEquals("StandardStMan", t.dataManagerType("A_C"));
        }

        String info = Commands.run("showtableinfo", "in=" + dir);
        assertTrue(info.contains(ROWS + " rows, " + columns.size() + " columns"), info);
        assertEquals(Integer.toString(ROWS), taqlValue("select gcount() as N from " + dir));
        long trues = 0;
        for (boolean b : (boolean[]) values.get("T_B")) {
            trues += b ? 1 : 0;
        }
        assertEquals(Long.toString(trues), taqlValue("select gsum(ntrue(T_B)) as N from " + dir));
    }

    @Test
    void emptyTableAndSingleRowTable() throws Exception {
        List<ColumnSpec> columns = columns();
        for (int rows : new int[] {0, 1}) {
            Map<String, Object> values = values(columns, rows, rows);
            Path dir = tmp.resolve("rows" + rows + ".tab");
            try (TableWriter w = TableWriter.create(dir, "", columns, new TableRecord(), new TableInfo("", "", ""),
                    TableWriter.Options.DEFAULT)) {
                appendInBlocks(w, columns, values, rows);
                w.commit();
            }
            JsonNode got = Reference.pythonJson(Reference.resource("write/table_dump.py"), dir.toString());
            assertEquals(rows, got.get("rows").asInt());
            for (ColumnSpec c : columns) {
                if (rows > 0 && c.type() != DataType.STRING) {
                    assertArrayEquals(CellBytes.of(c.type(), values.get(c.name())),
                            Base64.getDecoder().decode(got.at("/values/" + c.name() + "/b64").asText()), c.name());
                }
            }
            String selected = Commands.run("taql", "select from " + dir);
            assertTrue(selected.contains("select result of " + rows + " rows"), selected);
            assertTrue(Commands.run("showtableinfo", "in=" + dir).contains(rows + " rows"));
        }
    }

    /** The single value a one-row, one-column TaQL query prints (its last line); fails on a TaQL error. */
    static String taqlValue(String query) throws Exception {
        String out = Commands.run("taql", query);
        assertTrue(!out.contains("Error"), out);
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int x : a) {
            l.add(x);
        }
        return l;
    }
}
