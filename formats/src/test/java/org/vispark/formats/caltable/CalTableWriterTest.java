package org.vispark.formats.caltable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.Direction;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Observation;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.testing.Reference;

/**
 * Calibration tables written by {@link CalTableWriter} against CASA-written ones of the same type
 * (shared/data/caltables) read by python-casacore: the same keywords, main-table columns and subtables, and the
 * values read back equal to those written.
 */
class CalTableWriterTest {
    private static final int NANT = 4;
    private static final int NPOL = 2;
    private static final double T0 = 5.1395e9;

    @TempDir
    Path tmp;

    @Test
    void bandpassTableMatchesCasas() throws Exception {
        CalTable b = table("B Jones", CalTable.COMPLEX, 5, 2);
        Path out = tmp.resolve("test.bcal");
        CalTableWriter.write(b, out, false);
        check(b, out, Reference.shared().resolve("data/caltables/sma.ms.bcal"));
    }

    @Test
    void gainTableMatchesCasas() throws Exception {
        CalTable g = table("G Jones", CalTable.COMPLEX, 1, 3);
        Path out = tmp.resolve("test.gcal");
        CalTableWriter.write(g, out, false);
        check(g, out, Reference.shared().resolve("data/caltables/sma.ms.amp.gcal"));
    }

    @Test
    void delayTableHasFloatParameters() throws Exception {
        CalTable k = table("K Jones", CalTable.FLOAT, 1, 1);
        Path out = tmp.resolve("test.kcal");
        CalTableWriter.write(k, out, false);
        // Compared with a G table for structure: FPARAM replaces CPARAM, so only that column may differ.
        JsonNode got = compare(k, out, Reference.shared().resolve("data/caltables/sma.ms.amp.gcal"));
        assertEquals(List.of("main: column CPARAM missing", "main: column FPARAM not in CASA's table"),
                strings(got.get("columnDiffs")));
        assertEquals(List.of(), strings(got.get("valueMismatches")));
    }

    @Test
    void refusesAnExistingTableWithoutOverwriteAndReplacesWithIt() throws Exception {
        CalTable g = table("G Jones", CalTable.COMPLEX, 1, 1);
        Path out = tmp.resolve("exists.gcal");
        Files.createDirectories(out);
        Files.writeString(out.resolve("marker"), "x");
        IOException e = assertThrows(IOException.class, () -> CalTableWriter.write(g, out, false));
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertTrue(Files.exists(out.resolve("marker")));
        CalTableWriter.write(g, out, true);
        assertFalse(Files.exists(out.resolve("marker")));
        assertTrue(Files.exists(out.resolve("table.dat")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("exists.gcal"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void rejectsCellsOfTheWrongSize() {
        CalTable g = table("G Jones", CalTable.COMPLEX, 1, 1);
        CalRow r = g.rows().get(0);
        CalRow bad = new CalRow(r.time_mjdSec(), r.interval_s(), 0, 0, 0, 0, 1, 0, new float[3], r.paramErr(),
                r.flags(), r.snr(), r.weight());
        CalTable t = new CalTable(g.visCal(), g.parType(), g.msName(), NPOL, 1, List.of(bad), g.antennas(),
                g.fields(), g.spectralWindows(), g.observations());
        Path out = tmp.resolve("bad.gcal");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalTableWriter.write(t, out, false));
        assertTrue(e.getMessage().contains("params"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    private void check(CalTable t, Path ours, Path casa) throws Exception {
        JsonNode got = compare(t, ours, casa);
        for (String list : List.of("missingKeywords", "keywordValues", "missingSubtables", "columnDiffs",
                "columnKeywordDiffs", "subtableColumnDiffs", "valueMismatches")) {
            assertEquals(List.of(), strings(got.get(list)), list);
        }
        // Known, intended differences: fixed-shape [npol, nchan] cells where CASA declares variable shapes.
        for (String note : strings(got.get("notes"))) {
            assertTrue(note.contains("fixed-shape"), note);
        }
    }

    private JsonNode compare(CalTable t, Path ours, Path casa) throws Exception {
        Path expected = tmp.resolve(ours.getFileName() + ".expected.json");
        new ObjectMapper().writeValue(expected.toFile(), expected(t));
        return Reference.pythonJson(Reference.resource("caltable/compare_caltable.py"), ours.toString(),
                casa.toString(), expected.toString());
    }

    private static List<String> strings(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    /** A table of NANT antennas, 2 spectral windows, {@code ntime} solution times; some solutions flagged. */
    static CalTable table(String visCal, String parType, int nchan, int ntime) {
        boolean complex = CalTable.COMPLEX.equals(parType);
        int cell = NPOL * nchan;
        List<Antenna> ants = new ArrayList<>();
        for (int a = 0; a < NANT; a++) {
            ants.add(new Antenna(a, "SMA" + a, "PAD" + a, new double[] {-5464555.0 + a, -2492927.0 - a, 2150797.0},
                    6.0, "ALT-AZ", false));
        }
        List<Field> fields = List.of(
                new Field(0, "3c84", "", new Direction(0.8718, 0.7245, "J2000"), new Direction(0.8718, 0.7245,
                        "J2000"), new Direction(0.8718, 0.7245, "J2000"), T0, 0),
                new Field(1, "mwc349a", "T", new Direction(5.3575, 0.7093, "J2000"), new Direction(5.3575, 0.7093,
                        "J2000"), new Direction(5.3575, 0.7093, "J2000"), T0, 1));
        List<SpectralWindow> spws = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            double[] f = new double[nchan];
            double[] w = new double[nchan];
            for (int c = 0; c < nchan; c++) {
                f[c] = 2.1e11 + s * 2e9 + c * 1.4e7;
                w[c] = 1.4e7;
            }
            spws.add(new SpectralWindow(s, "SPW" + s, f, w, f[0], 1.4e7 * nchan, "TOPO"));
        }
        List<Observation> obs = List.of(new Observation(0, "SMA", "tester", "2021A-S001",
                new double[] {T0, T0 + 3600}));
        List<CalRow> rows = new ArrayList<>();
        int k = 0;
        for (int it = 0; it < ntime; it++) {
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a < NANT; a++, k++) {
                    float[] p = new float[complex ? 2 * cell : cell];
                    float[] err = new float[cell];
                    boolean[] flag = new boolean[cell];
                    float[] snr = new float[cell];
                    float[] wt = new float[cell];
                    for (int i = 0; i < cell; i++) {
                        if (complex) {
                            p[2 * i] = 1.0f + 0.01f * k + 0.001f * i;
                            p[2 * i + 1] = -0.5f + 0.003f * i - 0.002f * a;
                        } else {
                            p[i] = 1.25f * a - 0.5f * i + 0.1f * s;
                        }
                        err[i] = 0.01f * (i + 1);
                        flag[i] = (k + i) % 7 == 3;
                        snr[i] = 50f + k + 0.5f * i;
                        wt[i] = 1f + 0.25f * i;
                    }
                    rows.add(new CalRow(T0 + 60.0 * it + 0.123, 30.5, it % 2, s, a, 1, 2 + it, 0, p, err, flag, snr,
                            wt));
                }
            }
        }
        return new CalTable(visCal, parType, "test_" + visCal.charAt(0) + ".ms", NPOL, nchan, rows, ants, fields,
                spws, obs);
    }

    /** What the compare script should read back: keywords, table.info and the values per column and row. */
    private static Map<String, Object> expected(CalTable t) {
        Map<String, Object> main = new LinkedHashMap<>();
        List<CalRow> rows = t.rows();
        main.put("TIME", rows.stream().map(CalRow::time_mjdSec).toList());
        main.put("INTERVAL", rows.stream().map(CalRow::interval_s).toList());
        main.put("FIELD_ID", rows.stream().map(CalRow::fieldId).toList());
        main.put("SPECTRAL_WINDOW_ID", rows.stream().map(CalRow::spwId).toList());
        main.put("ANTENNA1", rows.stream().map(CalRow::antenna1).toList());
        main.put("ANTENNA2", rows.stream().map(CalRow::antenna2).toList());
        main.put("SCAN_NUMBER", rows.stream().map(CalRow::scan).toList());
        main.put("OBSERVATION_ID", rows.stream().map(CalRow::observationId).toList());
        main.put(t.isComplex() ? "CPARAM" : "FPARAM", rows.stream().map(CalRow::params).toList());
        main.put("PARAMERR", rows.stream().map(CalRow::paramErr).toList());
        main.put("FLAG", rows.stream().map(CalRow::flags).toList());
        main.put("SNR", rows.stream().map(CalRow::snr).toList());
        main.put("WEIGHT", rows.stream().map(CalRow::weight).toList());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("MAIN", main);
        values.put("ANTENNA", Map.of("NAME", t.antennas().stream().map(Antenna::name).toList(),
                "POSITION", t.antennas().stream().map(Antenna::positionItrf_m).toList()));
        values.put("FIELD", Map.of("NAME", t.fields().stream().map(Field::name).toList(),
                "PHASE_DIR", t.fields().stream().map(f -> new double[] {f.phaseDir().lon_rad(),
                        f.phaseDir().lat_rad()}).toList()));
        values.put("SPECTRAL_WINDOW", Map.of("CHAN_FREQ", t.spectralWindows().stream()
                .map(SpectralWindow::chanFreq_hz).toList(), "NUM_CHAN", t.spectralWindows().stream()
                .map(SpectralWindow::channelCount).toList(), "MEAS_FREQ_REF", t.spectralWindows().stream()
                .map(s -> 5).toList()));
        values.put("OBSERVATION", Map.of("TELESCOPE_NAME", t.observations().stream().map(Observation::telescope)
                .toList()));
        return Map.of("keywords", Map.of("ParType", t.parType(), "VisCal", t.visCal(), "MSName", t.msName(),
                "PolBasis", "unknown", "CASA_Version", CalTableWriter.VERSION),
                "info", Map.of("type", "Calibration", "subType", t.visCal()),
                "values", values);
    }
}
