package org.vispark.formats.ms.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.write.Commands;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.formats.testing.Reference;

/**
 * Measurement Sets written by {@link MeasurementSetWriter} (via {@link MeasurementSetCopy}) against real
 * casacore: python-casacore sees the same values as in the original, wsclean images the source where it is,
 * and failed or refused writes leave no MS behind.
 */
class MeasurementSetWriterTest {
    /** Sub-table columns the typed rows carry, so a copy must hold them unchanged. */
    private static final Map<String, List<String>> CARRIED = Map.of(
            "ANTENNA", List.of("NAME", "STATION", "POSITION", "DISH_DIAMETER", "MOUNT", "FLAG_ROW", "TYPE", "OFFSET"),
            "FIELD", List.of("NAME", "CODE", "PHASE_DIR", "DELAY_DIR", "REFERENCE_DIR", "TIME", "SOURCE_ID",
                    "NUM_POLY", "FLAG_ROW"),
            "SPECTRAL_WINDOW", List.of("CHAN_FREQ", "CHAN_WIDTH", "EFFECTIVE_BW", "RESOLUTION", "REF_FREQUENCY",
                    "TOTAL_BANDWIDTH", "MEAS_FREQ_REF", "NAME", "NUM_CHAN"),
            "POLARIZATION", List.of("CORR_TYPE", "CORR_PRODUCT", "NUM_CORR", "FLAG_ROW"),
            "DATA_DESCRIPTION", List.of("SPECTRAL_WINDOW_ID", "POLARIZATION_ID", "FLAG_ROW"),
            "OBSERVATION", List.of("TELESCOPE_NAME", "TIME_RANGE", "OBSERVER", "PROJECT"));

    @TempDir
    Path tmp;

    static MsMetadata.HistoryEntry history() {
        return new MsMetadata.HistoryEntry(5.1e9, "vispark test", "copied by MeasurementSetWriterTest");
    }

    @Test
    void copyOfAGeneratedMsHoldsTheSameValuesInCasacore() throws Exception {
        Path orig = Reference.makeMs(tmp.resolve("orig.ms"), "--dm", "tiled", "--nant", "16", "--nchan", "64",
                "--ntime", "6");
        Path copy = tmp.resolve("copy.ms");
        MeasurementSetCopy.copy(orig, copy, history(), false);

        JsonNode got = Reference.pythonJson(Reference.resource("write/ms_compare.py"), orig.toString(), copy.toString());
        assertEquals(got.at("/rows/0").asInt(), got.at("/rows/1").asInt());
        assertEquals(16 * 15 / 2 * 6, got.at("/rows/0").asInt());
        List<String> compared = new ArrayList<>();
        got.get("main").fields().forEachRemaining(e -> {
            if (!e.getValue().asText().equals("undefined")) {
                assertEquals("equal", e.getValue().asText(), "main-table column " + e.getKey());
                compared.add(e.getKey());
            }
        });
        assertTrue(compared.containsAll(List.of("DATA", "MODEL_DATA", "FLAG", "UVW", "TIME", "WEIGHT", "SIGMA",
                "ANTENNA1", "ANTENNA2")), compared.toString());
        assertEquals("undefined", got.at("/main/FLAG_CATEGORY").asText());
        for (var e : CARRIED.entrySet()) {
            for (String c : e.getValue()) {
                assertEquals("equal", got.at("/subtables/" + e.getKey() + "/" + c).asText(), e.getKey() + "." + c);
            }
        }
        got.get("subtables").fields().forEachRemaining(t -> t.getValue().fields().forEachRemaining(c ->
                assertFalse(c.getValue().asText().equals("missing"), t.getKey() + "." + c.getKey() + " missing")));
        List<String> subtables = new ArrayList<>();
        got.get("copy_subtables").forEach(s -> subtables.add(Path.of(s.asText()).getFileName().toString()));
        assertEquals(MsSubtables.NAMES.stream().sorted().toList(), subtables);

        JsonNode hist = Reference.pythonJson(Reference.resource("write/table_dump.py"), copy.resolve("HISTORY").toString());
        assertEquals("copied by MeasurementSetWriterTest", hist.at("/values/MESSAGE/strings/0").asText());
        JsonNode main = Reference.pythonJson(Reference.resource("write/keywords_dump.py"), copy.toString());
        assertEquals("Measurement Set", main.at("/info/type").asText());
        assertEquals(2.0, main.at("/keywords/MS_VERSION").asDouble());

        String info = Commands.run("showtableinfo", "in=" + copy);
        assertTrue(info.contains("TiledColumnStMan") && info.contains("measure=uvw,J2000"), info);
        try (MeasurementSet back = MeasurementSet.open(copy); MeasurementSet o = MeasurementSet.open(orig)) {
            assertEquals(o.antennas().size(), back.antennas().size());
            assertEquals(o.fields().get(0).phaseDir(), back.fields().get(0).phaseDir());
            assertEquals(o.main().rowCount(), back.main().rowCount());
        }
    }

    @Test
    void wscleanFindsTheSourceInACopyWhereTheTruthPutsIt() throws Exception {
        Path orig = Reference.makeMs(tmp.resolve("src.ms"), "--no-gains", "--nant", "24", "--nchan", "32",
                "--ntime", "4");
        Path copy = tmp.resolve("src-copy.ms");
        MeasurementSetCopy.copy(orig, copy, history(), false);
        JsonNode truth = new ObjectMapper().readTree(tmp.resolve("src.ms.truth.json").toFile());
        double ra = truth.at("/sources/0/0").asDouble();
        double dec = truth.at("/sources/0/1").asDouble();
        String[] line = Commands.run(Reference.shared().resolve("tools/locate_source.sh").toString(), copy.toString())
                .strip().split("\\s+");
        double foundRa = Double.parseDouble(line[line.length - 3]);
        double foundDec = Double.parseDouble(line[line.length - 2]);
        double sepArcmin = Math.toDegrees(Math.acos(Math.min(1, Math.sin(Math.toRadians(dec)) * Math.sin(Math.toRadians(foundDec))
                + Math.cos(Math.toRadians(dec)) * Math.cos(Math.toRadians(foundDec))
                * Math.cos(Math.toRadians(foundRa - ra))))) * 60;
        assertTrue(sepArcmin < 1.0, "wsclean peak at " + foundRa + ", " + foundDec + " is " + sepArcmin
                + " arcmin from the true source at " + ra + ", " + dec);
    }

    @Test
    void anExistingTargetIsRefusedAndKept() throws Exception {
        Path orig = Reference.makeMs(tmp.resolve("a.ms"), "--nant", "4", "--nchan", "4", "--ntime", "1");
        Path copy = tmp.resolve("b.ms");
        MeasurementSetCopy.copy(orig, copy, history(), false);
        byte[] before = Files.readAllBytes(copy.resolve("table.dat"));
        IOException e = assertThrows(IOException.class, () -> MeasurementSetCopy.copy(orig, copy, history(), false));
        assertTrue(e.getMessage().contains(copy.toString()) && e.getMessage().contains("exists"), e.getMessage());
        assertEquals(List.of("a.ms", "a.ms.truth.json", "b.ms"), listing(tmp));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(copy.resolve("table.dat"))));
        MeasurementSetCopy.copy(orig, copy, history(), true);
        try (Table t = Table.open(copy)) {
            assertEquals(6, t.rowCount());
        }
        assertEquals(List.of("a.ms", "a.ms.truth.json", "b.ms"), listing(tmp));
    }

    @Test
    void anUnwritableDirectoryGivesAnErrorNamingIt() throws Exception {
        Path orig = Reference.makeMs(tmp.resolve("a.ms"), "--nant", "4", "--nchan", "4", "--ntime", "1");
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path target = locked.resolve("x.ms");
            if (Files.isWritable(locked)) {
                // root ignores permissions: a target below a regular file cannot be created by anyone
                target = Files.writeString(tmp.resolve("file"), "").resolve("x.ms");
            }
            Path t = target;
            IOException e = assertThrows(IOException.class, () -> MeasurementSetCopy.copy(orig, t, history(), false));
            assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
            assertFalse(Files.exists(t));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFailureMidWriteLeavesNoMsOfTheFinalName() throws Exception {
        Path orig = Reference.makeMs(tmp.resolve("a.ms"), "--nant", "4", "--nchan", "4", "--ntime", "2");
        Path target = tmp.resolve("broken.ms");
        try (MeasurementSet ms = MeasurementSet.open(orig)) {
            MsMetadata meta = new MsMetadata(ms.antennas(), ms.fields(), ms.spectralWindows(), ms.polarizations(),
                    ms.dataDescriptions(), ms.observations(), ms.states(), history());
            MeasurementSetWriter.DataColumns none = new MeasurementSetWriter.DataColumns(false, false, false);
            assertThrows(IllegalArgumentException.class, () -> {
                try (MeasurementSetWriter w = MeasurementSetWriter.create(target, meta, none, false, 0)) {
                    int n = 3;
                    w.append(new VisibilityBlock(n, new double[n], new double[n], new double[n], new double[n],
                            new int[n], new int[n], new int[n], new int[n], new int[n], new int[n], new int[n],
                            new int[n], new int[n], new int[n], new int[n], new boolean[n], new double[3 * n],
                            new float[2 * n], new float[2 * n], new float[2 * 4 * 2 * n], new boolean[2 * 4 * n],
                            null, null, null));
                    // a block whose DATA is one row short: the writer rejects it mid-write
                    w.append(new VisibilityBlock(n, new double[n], new double[n], new double[n], new double[n],
                            new int[n], new int[n], new int[n], new int[n], new int[n], new int[n], new int[n],
                            new int[n], new int[n], new int[n], new int[n], new boolean[n], new double[3 * n],
                            new float[2 * n], new float[2 * n], new float[2 * 4 * 2 * (n - 1)], new boolean[2 * 4 * n],
                            null, null, null));
                    w.commit();
                }
            });
        }
        assertEquals(List.of("a.ms", "a.ms.truth.json"), listing(tmp));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
