package org.vispark.formats.caltable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableInfo;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.write.ColumnSpec;
import org.vispark.formats.casacore.write.TableWriter;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Observation;
import org.vispark.formats.ms.SpectralWindow;

/**
 * The subtables of a calibration table, with the columns and measure keywords CASA gives them (the MS
 * definitions): ANTENNA, FIELD, SPECTRAL_WINDOW, OBSERVATION and an empty HISTORY.
 *
 * <p>Values the typed rows do not carry: ANTENNA TYPE "GROUND-BASED", OFFSET 0; FIELD NUM_POLY 0 (directions
 * {@code [2, 1]}); SPECTRAL_WINDOW EFFECTIVE_BW and RESOLUTION |CHAN_WIDTH|, NET_SIDEBAND 1; OBSERVATION LOG and
 * SCHEDULE one empty string, RELEASE_DATE 0.
 */
final class CalSubtables {
    private static final List<String> FREQUENCY_FRAMES = List.of("REST", "LSRK", "LSRD", "BARY", "GEO", "TOPO",
            "GALACTO", "LGROUP", "CMB");
    private static final int FREQUENCY_UNDEFINED = 64;

    private CalSubtables() {}

    static void write(Path dir, CalTable t) throws IOException {
        observation(dir, t.observations());
        antenna(dir, t.antennas());
        field(dir, t.fields());
        spectralWindow(dir, t.spectralWindows(), t.numChan());
        table(dir, "HISTORY", List.of(array("APP_PARAMS", DataType.STRING, new int[] {1}, null),
                array("CLI_COMMAND", DataType.STRING, new int[] {1}, null), scalar("APPLICATION", DataType.STRING),
                scalar("MESSAGE", DataType.STRING), scalar("OBJECT_ID", DataType.INT),
                scalar("OBSERVATION_ID", DataType.INT), scalar("ORIGIN", DataType.STRING),
                scalar("PRIORITY", DataType.STRING), epoch("TIME")), 0, Map.of());
    }

    static TableRecord units(String... units) {
        return new TableRecord().put(new TableRecord.Field("QuantumUnits", DataType.STRING, true,
                new ArrayValue(DataType.STRING, new int[] {units.length}, units), ""));
    }

    static TableRecord measure(String type, String ref, String... units) {
        TableRecord info = new TableRecord()
                .put(new TableRecord.Field("type", DataType.STRING, false, type, ""))
                .put(new TableRecord.Field("Ref", DataType.STRING, false, ref, ""));
        return units(units).put(new TableRecord.Field("MEASINFO", DataType.RECORD, false, info, ""));
    }

    private static ColumnSpec scalar(String name, DataType type) {
        return ColumnSpec.scalar(name, type, null);
    }

    private static ColumnSpec array(String name, DataType type, int[] shape, TableRecord keywords) {
        return ColumnSpec.array(name, type, shape, keywords);
    }

    private static ColumnSpec epoch(String name) {
        return ColumnSpec.scalar(name, DataType.DOUBLE, measure("epoch", "UTC", "s"));
    }

    private static void table(Path dir, String name, List<ColumnSpec> columns, int rows, Map<String, ?> values)
            throws IOException {
        try (TableWriter w = TableWriter.create(dir.resolve(name), "", columns, new TableRecord(),
                new TableInfo("", "", ""), new TableWriter.Options(false, rows))) {
            if (rows > 0) {
                w.append(rows, values);
            } else {
                Map<String, Object> none = new LinkedHashMap<>();
                for (ColumnSpec c : columns) {
                    none.put(c.name(), c.type().newArray(0));
                }
                w.append(0, none);
            }
            w.commit();
        }
    }

    private static void observation(Path dir, List<Observation> observations) throws IOException {
        int n = observations.size();
        double[] range = new double[2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(observations.get(i).timeRangeMjdSec(), 0, range, 2 * i, 2);
        }
        table(dir, "OBSERVATION", List.of(
                array("TIME_RANGE", DataType.DOUBLE, new int[] {2}, measure("epoch", "UTC", "s")),
                array("LOG", DataType.STRING, new int[] {1}, null),
                array("SCHEDULE", DataType.STRING, new int[] {1}, null), scalar("FLAG_ROW", DataType.BOOL),
                scalar("OBSERVER", DataType.STRING), scalar("PROJECT", DataType.STRING), epoch("RELEASE_DATE"),
                scalar("SCHEDULE_TYPE", DataType.STRING), scalar("TELESCOPE_NAME", DataType.STRING)), n,
                map("TIME_RANGE", range, "LOG", filled(n, ""), "SCHEDULE", filled(n, ""), "FLAG_ROW", new boolean[n],
                        "OBSERVER", observations.stream().map(Observation::observer).toArray(String[]::new),
                        "PROJECT", observations.stream().map(Observation::project).toArray(String[]::new),
                        "RELEASE_DATE", new double[n], "SCHEDULE_TYPE", filled(n, ""),
                        "TELESCOPE_NAME", observations.stream().map(Observation::telescope).toArray(String[]::new)));
    }

    private static void antenna(Path dir, List<Antenna> antennas) throws IOException {
        int n = antennas.size();
        TableRecord position = measure("position", "ITRF", "m", "m", "m");
        double[] pos = new double[3 * n];
        double[] dish = new double[n];
        boolean[] flag = new boolean[n];
        for (int i = 0; i < n; i++) {
            Antenna a = antennas.get(i);
            System.arraycopy(a.positionItrf_m(), 0, pos, 3 * i, 3);
            dish[i] = a.dishDiameter_m();
            flag[i] = a.flagged();
        }
        table(dir, "ANTENNA", List.of(array("OFFSET", DataType.DOUBLE, new int[] {3}, position),
                array("POSITION", DataType.DOUBLE, new int[] {3}, position), scalar("TYPE", DataType.STRING),
                ColumnSpec.scalar("DISH_DIAMETER", DataType.DOUBLE, units("m")), scalar("FLAG_ROW", DataType.BOOL),
                scalar("MOUNT", DataType.STRING), scalar("NAME", DataType.STRING), scalar("STATION", DataType.STRING)),
                n, map("OFFSET", new double[3 * n], "POSITION", pos, "TYPE", filled(n, "GROUND-BASED"),
                        "DISH_DIAMETER", dish, "FLAG_ROW", flag,
                        "MOUNT", antennas.stream().map(Antenna::mount).toArray(String[]::new),
                        "NAME", antennas.stream().map(Antenna::name).toArray(String[]::new),
                        "STATION", antennas.stream().map(Antenna::station).toArray(String[]::new)));
    }

    private static void field(Path dir, List<Field> fields) throws IOException {
        int n = fields.size();
        String frame = n == 0 ? "J2000" : fields.get(0).phaseDir().frame();
        TableRecord dirMeasure = measure("direction", frame, "rad", "rad");
        double[] phase = new double[2 * n];
        double[] delay = new double[2 * n];
        double[] reference = new double[2 * n];
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            Field f = fields.get(i);
            for (var d : List.of(f.phaseDir(), f.delayDir(), f.referenceDir())) {
                if (!d.frame().equals(frame)) {
                    throw new IllegalArgumentException(dir + ": field " + i + " has a direction in " + d.frame()
                            + " where field 0 has " + frame + "; a column has one frame");
                }
            }
            phase[2 * i] = f.phaseDir().lon_rad();
            phase[2 * i + 1] = f.phaseDir().lat_rad();
            delay[2 * i] = f.delayDir().lon_rad();
            delay[2 * i + 1] = f.delayDir().lat_rad();
            reference[2 * i] = f.referenceDir().lon_rad();
            reference[2 * i + 1] = f.referenceDir().lat_rad();
            time[i] = f.timeMjdSec();
        }
        table(dir, "FIELD", List.of(array("DELAY_DIR", DataType.DOUBLE, new int[] {2, 1}, dirMeasure),
                array("PHASE_DIR", DataType.DOUBLE, new int[] {2, 1}, dirMeasure),
                array("REFERENCE_DIR", DataType.DOUBLE, new int[] {2, 1}, dirMeasure), scalar("CODE", DataType.STRING),
                scalar("FLAG_ROW", DataType.BOOL), scalar("NAME", DataType.STRING), scalar("NUM_POLY", DataType.INT),
                scalar("SOURCE_ID", DataType.INT), epoch("TIME")), n,
                map("DELAY_DIR", delay, "PHASE_DIR", phase, "REFERENCE_DIR", reference,
                        "CODE", fields.stream().map(Field::code).toArray(String[]::new), "FLAG_ROW", new boolean[n],
                        "NAME", fields.stream().map(Field::name).toArray(String[]::new), "NUM_POLY", new int[n],
                        "SOURCE_ID", fields.stream().mapToInt(Field::sourceId).toArray(), "TIME", time));
    }

    private static void spectralWindow(Path dir, List<SpectralWindow> spws, int nchan) throws IOException {
        int n = spws.size();
        double[] freq = new double[nchan * n];
        double[] width = new double[nchan * n];
        double[] bw = new double[nchan * n];
        int[] frames = new int[n];
        for (int i = 0; i < n; i++) {
            SpectralWindow s = spws.get(i);
            System.arraycopy(s.chanFreq_hz(), 0, freq, nchan * i, nchan);
            System.arraycopy(s.chanWidth_hz(), 0, width, nchan * i, nchan);
            for (int k = 0; k < nchan; k++) {
                bw[nchan * i + k] = Math.abs(s.chanWidth_hz()[k]);
            }
            int code = FREQUENCY_FRAMES.indexOf(s.frequencyFrame());
            frames[i] = code < 0 ? FREQUENCY_UNDEFINED : code;
        }
        table(dir, "SPECTRAL_WINDOW", List.of(scalar("MEAS_FREQ_REF", DataType.INT),
                array("CHAN_FREQ", DataType.DOUBLE, new int[] {nchan}, frequencyMeasure()),
                ColumnSpec.scalar("REF_FREQUENCY", DataType.DOUBLE, frequencyMeasure()),
                array("CHAN_WIDTH", DataType.DOUBLE, new int[] {nchan}, units("Hz")),
                array("EFFECTIVE_BW", DataType.DOUBLE, new int[] {nchan}, units("Hz")),
                array("RESOLUTION", DataType.DOUBLE, new int[] {nchan}, units("Hz")),
                scalar("FLAG_ROW", DataType.BOOL), scalar("FREQ_GROUP", DataType.INT),
                scalar("FREQ_GROUP_NAME", DataType.STRING), scalar("IF_CONV_CHAIN", DataType.INT),
                scalar("NAME", DataType.STRING), scalar("NET_SIDEBAND", DataType.INT), scalar("NUM_CHAN", DataType.INT),
                ColumnSpec.scalar("TOTAL_BANDWIDTH", DataType.DOUBLE, units("Hz"))), n,
                map("MEAS_FREQ_REF", frames, "CHAN_FREQ", freq,
                        "REF_FREQUENCY", spws.stream().mapToDouble(SpectralWindow::refFreq_hz).toArray(),
                        "CHAN_WIDTH", width, "EFFECTIVE_BW", bw, "RESOLUTION", bw.clone(), "FLAG_ROW", new boolean[n],
                        "FREQ_GROUP", new int[n], "FREQ_GROUP_NAME", filled(n, ""), "IF_CONV_CHAIN", new int[n],
                        "NAME", spws.stream().map(SpectralWindow::name).toArray(String[]::new),
                        "NET_SIDEBAND", filledInt(n, 1), "NUM_CHAN", filledInt(n, nchan),
                        "TOTAL_BANDWIDTH", spws.stream().mapToDouble(SpectralWindow::totalBandwidth_hz).toArray()));
    }

    /** MEASINFO of a frequency column whose frame is the row's MEAS_FREQ_REF code. */
    private static TableRecord frequencyMeasure() {
        List<String> types = new ArrayList<>(FREQUENCY_FRAMES);
        types.add("Undefined");
        int[] codes = new int[types.size()];
        for (int i = 0; i < FREQUENCY_FRAMES.size(); i++) {
            codes[i] = i;
        }
        codes[codes.length - 1] = FREQUENCY_UNDEFINED;
        TableRecord info = new TableRecord()
                .put(new TableRecord.Field("type", DataType.STRING, false, "frequency", ""))
                .put(new TableRecord.Field("VarRefCol", DataType.STRING, false, "MEAS_FREQ_REF", ""))
                .put(new TableRecord.Field("TabRefTypes", DataType.STRING, true,
                        new ArrayValue(DataType.STRING, new int[] {types.size()}, types.toArray(String[]::new)), ""))
                .put(new TableRecord.Field("TabRefCodes", DataType.UINT, true,
                        new ArrayValue(DataType.UINT, new int[] {codes.length}, codes), ""));
        return units("Hz").put(new TableRecord.Field("MEASINFO", DataType.RECORD, false, info, ""));
    }

    private static String[] filled(int n, String s) {
        String[] a = new String[n];
        Arrays.fill(a, s);
        return a;
    }

    private static int[] filledInt(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
