package org.vispark.formats.ms.write;

import static org.vispark.formats.ms.write.MsColumns.array;
import static org.vispark.formats.ms.write.MsColumns.epoch;
import static org.vispark.formats.ms.write.MsColumns.measure;
import static org.vispark.formats.ms.write.MsColumns.scalar;
import static org.vispark.formats.ms.write.MsColumns.seconds;
import static org.vispark.formats.ms.write.MsColumns.units;

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
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.ms.State;

/**
 * Writes the sub-tables of a Measurement Set (v2) from {@link MsMetadata}: ANTENNA, DATA_DESCRIPTION, FEED,
 * FIELD, FLAG_CMD (empty), HISTORY, OBSERVATION, POINTING (empty), POLARIZATION, PROCESSOR, SPECTRAL_WINDOW and
 * STATE, each with the MS-required columns and measure keywords.
 *
 * <p>Values the typed rows do not carry are written as: ANTENNA TYPE "GROUND-BASED", OFFSET 0; SPECTRAL_WINDOW
 * EFFECTIVE_BW and RESOLUTION |CHAN_WIDTH|, NET_SIDEBAND 1; POLARIZATION CORR_PRODUCT from the Stokes codes
 * (receptor 0 = X/R, 1 = Y/L); FEED one row per antenna (feed 0, all spectral windows, two receptors of the
 * polarization basis, angles 0, identity response); PROCESSOR one correlator row; FIELD NUM_POLY 0 (directions
 * {@code [2, 1]}); OBSERVATION LOG and SCHEDULE one empty string, RELEASE_DATE 0.
 *
 * <p>The writers of ANTENNA, FIELD, OBSERVATION, SPECTRAL_WINDOW and HISTORY are public: a CASA calibration
 * table has these subtables with the same (MS) definitions. Each writes the subtable {@code NAME} as the
 * directory {@code dir/NAME}, row {@code i} from element {@code i} of its list.
 */
public final class MsSubtables {
    /** Subtable names in the order the main table's keywords list them. */
    static final List<String> NAMES = List.of("ANTENNA", "DATA_DESCRIPTION", "FEED", "FLAG_CMD", "FIELD", "HISTORY",
            "OBSERVATION", "POINTING", "POLARIZATION", "PROCESSOR", "SPECTRAL_WINDOW", "STATE");
    private static final List<String> FREQUENCY_FRAMES = List.of("REST", "LSRK", "LSRD", "BARY", "GEO", "TOPO",
            "GALACTO", "LGROUP", "CMB");
    private static final int FREQUENCY_UNDEFINED = 64;

    private MsSubtables() {}

    static void write(Path msDir, MsMetadata m, String directionFrame) throws IOException {
        antenna(msDir, m.antennas());
        dataDescription(msDir, m);
        feed(msDir, m);
        table(msDir, "FLAG_CMD", List.of(scalar("APPLIED", DataType.BOOL), scalar("COMMAND", DataType.STRING),
                seconds("INTERVAL"), scalar("LEVEL", DataType.INT), scalar("REASON", DataType.STRING),
                scalar("SEVERITY", DataType.INT), epoch("TIME"), scalar("TYPE", DataType.STRING)), 0, Map.of());
        field(msDir, m.fields(), directionFrame);
        history(msDir, m.history());
        observation(msDir, m.observations());
        TableRecord dir = measure("direction", directionFrame, "rad", "rad");
        table(msDir, "POINTING", List.of(array("DIRECTION", DataType.DOUBLE, new int[] {2, 1}, dir),
                scalar("ANTENNA_ID", DataType.INT), seconds("INTERVAL"), scalar("NAME", DataType.STRING),
                scalar("NUM_POLY", DataType.INT), array("TARGET", DataType.DOUBLE, new int[] {2, 1}, dir),
                epoch("TIME"), epoch("TIME_ORIGIN"), scalar("TRACKING", DataType.BOOL)), 0, Map.of());
        polarization(msDir, m.polarizations());
        table(msDir, "PROCESSOR", List.of(scalar("FLAG_ROW", DataType.BOOL), scalar("MODE_ID", DataType.INT),
                scalar("TYPE", DataType.STRING), scalar("TYPE_ID", DataType.INT), scalar("SUB_TYPE", DataType.STRING)),
                1, Map.of("FLAG_ROW", new boolean[1], "MODE_ID", new int[1], "TYPE", new String[] {"CORRELATOR"},
                        "TYPE_ID", new int[1], "SUB_TYPE", new String[] {""}));
        spectralWindow(msDir, m.spectralWindows(), m.spectralWindows().get(0).channelCount());
        state(msDir, m.states());
    }

    private static void table(Path msDir, String name, List<ColumnSpec> columns, int rows, Map<String, ?> values)
            throws IOException {
        try (TableWriter w = TableWriter.create(msDir.resolve(name), "", columns, new TableRecord(),
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

    /** Writes ANTENNA: positions ITRF metres, dish diameters metres, TYPE "GROUND-BASED", OFFSET 0. */
    public static void antenna(Path msDir, List<Antenna> antennas) throws IOException {
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
        table(msDir, "ANTENNA", List.of(array("OFFSET", DataType.DOUBLE, new int[] {3}, position),
                array("POSITION", DataType.DOUBLE, new int[] {3}, position), scalar("TYPE", DataType.STRING),
                scalar("DISH_DIAMETER", DataType.DOUBLE, units("m")), scalar("FLAG_ROW", DataType.BOOL),
                scalar("MOUNT", DataType.STRING), scalar("NAME", DataType.STRING), scalar("STATION", DataType.STRING)),
                n, Map.of("OFFSET", new double[3 * n], "POSITION", pos, "TYPE", filled(n, "GROUND-BASED"),
                        "DISH_DIAMETER", dish, "FLAG_ROW", flag,
                        "MOUNT", antennas.stream().map(Antenna::mount).toArray(String[]::new),
                        "NAME", antennas.stream().map(Antenna::name).toArray(String[]::new),
                        "STATION", antennas.stream().map(Antenna::station).toArray(String[]::new)));
    }

    private static void dataDescription(Path msDir, MsMetadata m) throws IOException {
        int n = m.dataDescriptions().size();
        table(msDir, "DATA_DESCRIPTION", List.of(scalar("FLAG_ROW", DataType.BOOL),
                scalar("POLARIZATION_ID", DataType.INT), scalar("SPECTRAL_WINDOW_ID", DataType.INT)), n,
                Map.of("FLAG_ROW", new boolean[n],
                        "POLARIZATION_ID", m.dataDescriptions().stream().mapToInt(d -> d.polarizationId()).toArray(),
                        "SPECTRAL_WINDOW_ID",
                        m.dataDescriptions().stream().mapToInt(d -> d.spectralWindowId()).toArray()));
    }

    private static void feed(Path msDir, MsMetadata m) throws IOException {
        int n = m.antennas().size();
        boolean circular = m.polarizations().stream().flatMapToInt(p -> Arrays.stream(p.corrTypes()))
                .anyMatch(c -> c >= 5 && c <= 8);
        String[] types = new String[2 * n];
        float[] response = new float[8 * n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            types[2 * i] = circular ? "R" : "X";
            types[2 * i + 1] = circular ? "L" : "Y";
            response[8 * i] = 1; // [0,0] = 1
            response[8 * i + 6] = 1; // [1,1] = 1
            ids[i] = i;
        }
        int[] minusOne = new int[n];
        Arrays.fill(minusOne, -1);
        table(msDir, "FEED", List.of(
                array("POSITION", DataType.DOUBLE, new int[] {3}, measure("position", "ITRF", "m", "m", "m")),
                array("BEAM_OFFSET", DataType.DOUBLE, new int[] {2, 2}, measure("direction", "J2000", "rad", "rad")),
                array("POLARIZATION_TYPE", DataType.STRING, new int[] {2}, null),
                array("POL_RESPONSE", DataType.COMPLEX, new int[] {2, 2}, null),
                array("RECEPTOR_ANGLE", DataType.DOUBLE, new int[] {2}, units("rad")),
                scalar("ANTENNA_ID", DataType.INT), scalar("BEAM_ID", DataType.INT), scalar("FEED_ID", DataType.INT),
                seconds("INTERVAL"), scalar("NUM_RECEPTORS", DataType.INT), scalar("SPECTRAL_WINDOW_ID", DataType.INT),
                epoch("TIME")), n,
                map("POSITION", new double[3 * n], "BEAM_OFFSET", new double[4 * n], "POLARIZATION_TYPE", types,
                        "POL_RESPONSE", response, "RECEPTOR_ANGLE", new double[2 * n], "ANTENNA_ID", ids,
                        "BEAM_ID", minusOne, "FEED_ID", new int[n], "INTERVAL", new double[n],
                        "NUM_RECEPTORS", filledInt(n, 2), "SPECTRAL_WINDOW_ID", minusOne, "TIME", new double[n]));
    }

    /**
     * Writes FIELD: directions {@code [2, 1]} (longitude, latitude; radians) of NUM_POLY 0, TIME MJD seconds (UTC).
     *
     * @param frame the frame of all directions (the columns' MEASINFO Ref, e.g. "J2000"); the fields' own frames
     *              are not checked here
     */
    public static void field(Path msDir, List<Field> fields, String frame) throws IOException {
        int n = fields.size();
        TableRecord dir = measure("direction", frame, "rad", "rad");
        double[] phase = new double[2 * n];
        double[] delay = new double[2 * n];
        double[] reference = new double[2 * n];
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            Field f = fields.get(i);
            phase[2 * i] = f.phaseDir().lon_rad();
            phase[2 * i + 1] = f.phaseDir().lat_rad();
            delay[2 * i] = f.delayDir().lon_rad();
            delay[2 * i + 1] = f.delayDir().lat_rad();
            reference[2 * i] = f.referenceDir().lon_rad();
            reference[2 * i + 1] = f.referenceDir().lat_rad();
            time[i] = f.timeMjdSec();
        }
        table(msDir, "FIELD", List.of(array("DELAY_DIR", DataType.DOUBLE, new int[] {2, 1}, dir),
                array("PHASE_DIR", DataType.DOUBLE, new int[] {2, 1}, dir),
                array("REFERENCE_DIR", DataType.DOUBLE, new int[] {2, 1}, dir), scalar("CODE", DataType.STRING),
                scalar("FLAG_ROW", DataType.BOOL), scalar("NAME", DataType.STRING), scalar("NUM_POLY", DataType.INT),
                scalar("SOURCE_ID", DataType.INT), epoch("TIME")), n,
                map("DELAY_DIR", delay, "PHASE_DIR", phase, "REFERENCE_DIR", reference,
                        "CODE", fields.stream().map(Field::code).toArray(String[]::new), "FLAG_ROW", new boolean[n],
                        "NAME", fields.stream().map(Field::name).toArray(String[]::new), "NUM_POLY", new int[n],
                        "SOURCE_ID", fields.stream().mapToInt(Field::sourceId).toArray(), "TIME", time));
    }

    /**
     * Writes a one-row HISTORY: {@code h} (TIME MJD seconds, UTC), origin "vispark", priority "NORMAL", object and
     * observation 0, APP_PARAMS and CLI_COMMAND one empty string.
     */
    public static void history(Path msDir, MsMetadata.HistoryEntry h) throws IOException {
        table(msDir, "HISTORY", historyColumns(), 1,
                map("APP_PARAMS", new String[] {""}, "CLI_COMMAND", new String[] {""},
                        "APPLICATION", new String[] {h.application()}, "MESSAGE", new String[] {h.message()},
                        "OBJECT_ID", new int[1], "OBSERVATION_ID", new int[1], "ORIGIN", new String[] {"vispark"},
                        "PRIORITY", new String[] {"NORMAL"}, "TIME", new double[] {h.timeMjdSec()}));
    }

    /** Writes an empty HISTORY (the columns of {@link #history}, no rows). */
    public static void emptyHistory(Path msDir) throws IOException {
        table(msDir, "HISTORY", historyColumns(), 0, Map.of());
    }

    private static List<ColumnSpec> historyColumns() {
        return List.of(array("APP_PARAMS", DataType.STRING, new int[] {1}, null),
                array("CLI_COMMAND", DataType.STRING, new int[] {1}, null), scalar("APPLICATION", DataType.STRING),
                scalar("MESSAGE", DataType.STRING), scalar("OBJECT_ID", DataType.INT),
                scalar("OBSERVATION_ID", DataType.INT), scalar("ORIGIN", DataType.STRING),
                scalar("PRIORITY", DataType.STRING), epoch("TIME"));
    }

    /**
     * Writes OBSERVATION: TIME_RANGE MJD seconds (UTC), LOG and SCHEDULE one empty string, RELEASE_DATE 0, schedule
     * type "".
     */
    public static void observation(Path msDir, List<Observation> observations) throws IOException {
        int n = observations.size();
        double[] range = new double[2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(observations.get(i).timeRangeMjdSec(), 0, range, 2 * i, 2);
        }
        table(msDir, "OBSERVATION", List.of(
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

    private static void polarization(Path msDir, List<Polarization> pols) throws IOException {
        int n = pols.size();
        int ncorr = n == 0 ? 1 : pols.get(0).corrTypes().length;
        int[] types = new int[ncorr * n];
        int[] products = new int[2 * ncorr * n];
        for (int i = 0; i < n; i++) {
            int[] t = pols.get(i).corrTypes();
            System.arraycopy(t, 0, types, ncorr * i, ncorr);
            for (int k = 0; k < ncorr; k++) {
                int[] p = receptors(t[k]);
                products[2 * (ncorr * i + k)] = p[0];
                products[2 * (ncorr * i + k) + 1] = p[1];
            }
        }
        table(msDir, "POLARIZATION", List.of(array("CORR_TYPE", DataType.INT, new int[] {ncorr}, null),
                array("CORR_PRODUCT", DataType.INT, new int[] {2, ncorr}, null), scalar("FLAG_ROW", DataType.BOOL),
                scalar("NUM_CORR", DataType.INT)), n,
                map("CORR_TYPE", types, "CORR_PRODUCT", products, "FLAG_ROW", new boolean[n],
                        "NUM_CORR", filledInt(n, ncorr)));
    }

    /** The receptor pair of a Stokes code: RR/XX (0,0), RL/XY (0,1), LR/YX (1,0), LL/YY (1,1); others (0,0). */
    static int[] receptors(int stokes) {
        return switch (stokes) {
            case 6, 10 -> new int[] {0, 1};
            case 7, 11 -> new int[] {1, 0};
            case 8, 12 -> new int[] {1, 1};
            default -> new int[] {0, 0};
        };
    }

    /**
     * Writes SPECTRAL_WINDOW: frequencies and widths in Hz, MEAS_FREQ_REF the casacore code of each window's frame
     * (64, Undefined, for an unknown name), EFFECTIVE_BW and RESOLUTION |CHAN_WIDTH|, NET_SIDEBAND 1.
     *
     * @param nchan channels of every window (the columns' cell shape); the caller checks the windows have them
     */
    public static void spectralWindow(Path msDir, List<SpectralWindow> spws, int nchan) throws IOException {
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
        TableRecord freqMeasure = frequencyMeasure();
        table(msDir, "SPECTRAL_WINDOW", List.of(scalar("MEAS_FREQ_REF", DataType.INT),
                array("CHAN_FREQ", DataType.DOUBLE, new int[] {nchan}, freqMeasure),
                scalar("REF_FREQUENCY", DataType.DOUBLE, frequencyMeasure()),
                array("CHAN_WIDTH", DataType.DOUBLE, new int[] {nchan}, units("Hz")),
                array("EFFECTIVE_BW", DataType.DOUBLE, new int[] {nchan}, units("Hz")),
                array("RESOLUTION", DataType.DOUBLE, new int[] {nchan}, units("Hz")),
                scalar("FLAG_ROW", DataType.BOOL), scalar("FREQ_GROUP", DataType.INT),
                scalar("FREQ_GROUP_NAME", DataType.STRING), scalar("IF_CONV_CHAIN", DataType.INT),
                scalar("NAME", DataType.STRING), scalar("NET_SIDEBAND", DataType.INT), scalar("NUM_CHAN", DataType.INT),
                scalar("TOTAL_BANDWIDTH", DataType.DOUBLE, units("Hz"))), n,
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

    private static void state(Path msDir, List<State> states) throws IOException {
        int n = states.size();
        boolean[] sig = new boolean[n];
        boolean[] ref = new boolean[n];
        for (int i = 0; i < n; i++) {
            sig[i] = states.get(i).signal();
            ref[i] = states.get(i).reference();
        }
        table(msDir, "STATE", List.of(scalar("CAL", DataType.DOUBLE, units("K")), scalar("FLAG_ROW", DataType.BOOL),
                scalar("LOAD", DataType.DOUBLE, units("K")), scalar("OBS_MODE", DataType.STRING),
                scalar("REF", DataType.BOOL), scalar("SIG", DataType.BOOL), scalar("SUB_SCAN", DataType.INT)), n,
                map("CAL", new double[n], "FLAG_ROW", new boolean[n], "LOAD", new double[n],
                        "OBS_MODE", states.stream().map(State::obsMode).toArray(String[]::new), "REF", ref, "SIG", sig,
                        "SUB_SCAN", states.stream().mapToInt(State::subScan).toArray()));
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
