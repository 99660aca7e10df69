package org.vispark.formats.casacore.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableInfo;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.TableRecord.Field;
import org.vispark.formats.testing.Reference;

/** Column-less tables written by {@link TableFiles}, read back by python-casacore and by our reader. */
class TableFilesTest {
    @TempDir
    Path tmp;

    static TableRecord keywords() {
        TableRecord measInfo = new TableRecord()
                .put(new Field("type", DataType.STRING, false, "direction", ""))
                .put(new Field("Ref", DataType.STRING, false, "J2000", ""));
        return new TableRecord()
                .put(new Field("flag", DataType.BOOL, false, true, ""))
                .put(new Field("count", DataType.INT, false, 42, "a comment"))
                .put(new Field("big", DataType.INT64, false, 1L << 40, ""))
                .put(new Field("ratio", DataType.FLOAT, false, 0.25f, ""))
                .put(new Field("freq_hz", DataType.DOUBLE, false, 1.4e9, ""))
                .put(new Field("name", DataType.STRING, false, "0834+555", ""))
                .put(new Field("gain", DataType.COMPLEX, false, new float[] {1.5f, -0.5f}, ""))
                .put(new Field("chans", DataType.INT, true, new ArrayValue(DataType.INT, new int[] {3}, new int[] {1, 2, 3}), ""))
                .put(new Field("matrix", DataType.DOUBLE, true,
                        new ArrayValue(DataType.DOUBLE, new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}), ""))
                .put(new Field("names", DataType.STRING, true,
                        new ArrayValue(DataType.STRING, new int[] {2}, new String[] {"XX", "YY"}), ""))
                .put(new Field("mask", DataType.BOOL, true,
                        new ArrayValue(DataType.BOOL, new int[] {9}, new boolean[] {true, false, true, true, false,
                                false, false, false, true}), ""))
                .put(new Field("MEASINFO", DataType.RECORD, false, measInfo, ""));
    }

    @Test
    void casacoreAndOurReaderSeeTheKeywordsWritten() throws Exception {
        Path dir = tmp.resolve("kw.tab");
        TableFiles.writeKeywordTable(dir, "vispark", keywords(), new TableInfo("Calibration", "test", "written by vispark\n"),
                false);

        JsonNode got = new ObjectMapper().readTree(Reference.python(Reference.resource("write/keywords_dump.py").toString(),
                dir.toString()));
        assertEquals(0, got.get("rows").asInt());
        assertEquals(0, got.get("columns").size());
        assertEquals("Calibration", got.at("/info/type").asText());
        assertEquals("test", got.at("/info/subType").asText());
        JsonNode k = got.get("keywords");
        assertTrue(k.get("flag").asBoolean());
        assertEquals(42, k.get("count").asInt());
        assertEquals(1L << 40, k.get("big").asLong());
        assertEquals(0.25, k.get("ratio").asDouble());
        assertEquals(1.4e9, k.get("freq_hz").asDouble());
        assertEquals("0834+555", k.get("name").asText());
        assertEquals(1.5, k.get("gain").get(0).asDouble());
        assertEquals(-0.5, k.get("gain").get(1).asDouble());
        assertEquals("[1,2,3]", k.at("/chans/values").toString());
        assertEquals("[2,3]", k.at("/matrix/shape").toString());
        assertEquals("[1.0,2.0,3.0,4.0,5.0,6.0]", k.at("/matrix/values").toString());
        assertEquals("[\"XX\",\"YY\"]", k.at("/names/values").toString());
        assertEquals("[true,false,true,true,false,false,false,false,true]", k.at("/mask/values").toString());
        assertEquals("direction", k.at("/MEASINFO/type").asText());
        assertEquals("J2000", k.at("/MEASINFO/Ref").asText());

        try (Table t = Table.open(dir)) {
            TableRecord back = t.keywords();
            assertEquals(keywords().names(), back.names());
            assertEquals("a comment", back.fields().get("count").comment());
            assertEquals(1L << 40, back.get("big"));
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, (double[]) ((ArrayValue) back.get("matrix")).values());
            assertArrayEquals(new int[] {2, 3}, ((ArrayValue) back.get("matrix")).shape());
            assertEquals("J2000", back.getRecord("MEASINFO").getString("Ref"));
            assertEquals("Calibration", t.info().type());
        }
    }

    @Test
    void anExistingTableIsKeptUnlessOverwriteAndNothingHalfWrittenRemains() throws Exception {
        Path dir = tmp.resolve("kw.tab");
        TableFiles.writeKeywordTable(dir, "", keywords(), new TableInfo("", "", ""), false);
        byte[] first = Files.readAllBytes(dir.resolve("table.dat"));
        Exception e = assertThrows(java.io.IOException.class,
                () -> TableFiles.writeKeywordTable(dir, "", new TableRecord(), new TableInfo("", "", ""), false));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("exists"), e.getMessage());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("table.dat")));

        TableRecord bad = new TableRecord().put(new Field("x", DataType.TABLE, false, "not a reference", ""));
        assertThrows(RuntimeException.class, () -> TableFiles.writeKeywordTable(dir, "", bad, new TableInfo("", "", ""), true));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("table.dat")));
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("kw.tab"), names);
        }

        TableFiles.writeKeywordTable(dir, "", new TableRecord(), new TableInfo("", "", ""), true);
        try (Table t = Table.open(dir)) {
            assertFalse(t.keywords().has("count"));
        }
    }
}
