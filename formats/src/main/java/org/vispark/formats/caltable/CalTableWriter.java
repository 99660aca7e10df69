package org.vispark.formats.caltable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableInfo;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.TableReference;
import org.vispark.formats.casacore.write.ColumnSpec;
import org.vispark.formats.casacore.write.TableWriter;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.ms.write.MsColumns;

/**
 * Writes a CASA calibration table (the NewCalTable layout of CASA 5/6) that CASA's applycal/plotms and
 * python-casacore open.
 *
 * <p>Table: {@code table.info} type "Calibration", sub-type the VisCal ("G Jones"); keywords ParType, MSName,
 * VisCal, PolBasis ("unknown"), CASA_Version ({@value #VERSION}, naming the writer) and the subtables OBSERVATION,
 * ANTENNA, FIELD, SPECTRAL_WINDOW, HISTORY (empty) as table references. Main-table columns in CASA's order:
 * TIME (MJD seconds, UTC epoch), FIELD_ID, SPECTRAL_WINDOW_ID, ANTENNA1, ANTENNA2, INTERVAL (s), SCAN_NUMBER,
 * OBSERVATION_ID, CPARAM (Complex) or FPARAM (Float), PARAMERR, FLAG, SNR, WEIGHT, all in one StandardStMan as
 * CASA has them. Differences from CASA: the array columns are fixed-shape {@code [npol, nchan]} (CASA declares
 * them variable-shape; every cell has that shape either way), and WEIGHT is always defined.
 *
 * <p>The table is written into a hidden sibling directory and renamed to its name at the end, so a directory
 * of the final name only ever holds a complete table.
 */
public final class CalTableWriter {
    /** The CASA_Version keyword value. */
    public static final String VERSION = "vispark";
    static final List<String> SUBTABLES = List.of("OBSERVATION", "ANTENNA", "FIELD", "SPECTRAL_WINDOW", "HISTORY");

    private CalTableWriter() {}

    /**
     * Writes {@code table} as the calibration table {@code dir}.
     *
     * @param overwrite replace an existing {@code dir}
     * @throws IOException when {@code dir} exists and not {@code overwrite} (the message names it), or on a
     *                     write error (nothing is left at {@code dir} then, unless it existed before)
     * @throws IllegalArgumentException when the table's rows or subtables are inconsistent (cell sizes, ids)
     */
    public static void write(CalTable table, Path dir, boolean overwrite) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !overwrite) {
            throw new IOException("calibration table " + target + " already exists (overwrite not requested)");
        }
        validate(table, target);
        int npol = table.numPol();
        int nchan = table.numChan();
        int cell = npol * nchan;
        int n = table.rows().size();
        String paramColumn = table.isComplex() ? "CPARAM" : "FPARAM";
        DataType paramType = table.isComplex() ? DataType.COMPLEX : DataType.FLOAT;
        int[] shape = {npol, nchan};
        List<ColumnSpec> columns = List.of(
                MsColumns.epoch("TIME"),
                ColumnSpec.scalar("FIELD_ID", DataType.INT, null),
                ColumnSpec.scalar("SPECTRAL_WINDOW_ID", DataType.INT, null),
                ColumnSpec.scalar("ANTENNA1", DataType.INT, null),
                ColumnSpec.scalar("ANTENNA2", DataType.INT, null),
                MsColumns.seconds("INTERVAL"),
                ColumnSpec.scalar("SCAN_NUMBER", DataType.INT, null),
                ColumnSpec.scalar("OBSERVATION_ID", DataType.INT, null),
                ColumnSpec.array(paramColumn, paramType, shape, null),
                ColumnSpec.array("PARAMERR", DataType.FLOAT, shape, null),
                ColumnSpec.array("FLAG", DataType.BOOL, shape, null),
                ColumnSpec.array("SNR", DataType.FLOAT, shape, null),
                ColumnSpec.array("WEIGHT", DataType.FLOAT, shape, null));

        TableRecord keywords = new TableRecord()
                .put(string("ParType", table.parType()))
                .put(string("MSName", table.msName()))
                .put(string("VisCal", table.visCal()))
                .put(string("PolBasis", "unknown"))
                .put(string("CASA_Version", VERSION));
        for (String name : SUBTABLES) {
            keywords.put(new TableRecord.Field(name, DataType.TABLE, false, new TableReference("././" + name), ""));
        }

        double[] time = new double[n];
        double[] interval = new double[n];
        int[] field = new int[n];
        int[] spw = new int[n];
        int[] ant1 = new int[n];
        int[] ant2 = new int[n];
        int[] scan = new int[n];
        int[] obs = new int[n];
        int paramLen = cell * (table.isComplex() ? 2 : 1);
        float[] params = new float[n * paramLen];
        float[] err = new float[n * cell];
        boolean[] flag = new boolean[n * cell];
        float[] snr = new float[n * cell];
        float[] weight = new float[n * cell];
        for (int i = 0; i < n; i++) {
            CalRow r = table.rows().get(i);
            time[i] = r.time_mjdSec();
            interval[i] = r.interval_s();
            field[i] = r.fieldId();
            spw[i] = r.spwId();
            ant1[i] = r.antenna1();
            ant2[i] = r.antenna2();
            scan[i] = r.scan();
            obs[i] = r.observationId();
            System.arraycopy(r.params(), 0, params, i * paramLen, paramLen);
            System.arraycopy(r.paramErr(), 0, err, i * cell, cell);
            System.arraycopy(r.flags(), 0, flag, i * cell, cell);
            System.arraycopy(r.snr(), 0, snr, i * cell, cell);
            if (r.weight() != null) {
                System.arraycopy(r.weight(), 0, weight, i * cell, cell);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("TIME", time);
        values.put("FIELD_ID", field);
        values.put("SPECTRAL_WINDOW_ID", spw);
        values.put("ANTENNA1", ant1);
        values.put("ANTENNA2", ant2);
        values.put("INTERVAL", interval);
        values.put("SCAN_NUMBER", scan);
        values.put("OBSERVATION_ID", obs);
        values.put(paramColumn, params);
        values.put("PARAMERR", err);
        values.put("FLAG", flag);
        values.put("SNR", snr);
        values.put("WEIGHT", weight);

        try (TableWriter w = TableWriter.create(target, "", columns, keywords,
                new TableInfo("Calibration", table.visCal(), ""), new TableWriter.Options(overwrite, n))) {
            CalSubtables.write(w.workingDir(), table);
            w.append(n, values);
            w.commit();
        }
    }

    private static TableRecord.Field string(String name, String value) {
        return new TableRecord.Field(name, DataType.STRING, false, value, "");
    }

    private static void validate(CalTable t, Path target) {
        if (!CalTable.COMPLEX.equals(t.parType()) && !CalTable.FLOAT.equals(t.parType())) {
            throw new IllegalArgumentException(target + ": ParType must be \"Complex\" or \"Float\", not \""
                    + t.parType() + "\"");
        }
        if (t.visCal() == null || t.visCal().isEmpty() || t.msName() == null) {
            throw new IllegalArgumentException(target + ": VisCal and MSName must be given");
        }
        if (t.numPol() < 1 || t.numChan() < 1) {
            throw new IllegalArgumentException(target + ": cells of " + t.numPol() + " polarizations and "
                    + t.numChan() + " channels");
        }
        for (SpectralWindow s : t.spectralWindows()) {
            if (s.channelCount() != t.numChan() || s.chanWidth_hz().length != t.numChan()) {
                throw new IllegalArgumentException(target + ": spectral window " + s.id() + " has "
                        + s.channelCount() + " channels, the solutions " + t.numChan()
                        + " (use CalTable.averagedWindow for per-window solutions)");
            }
        }
        int cell = t.numPol() * t.numChan();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < t.rows().size() && problems.size() < 5; i++) {
            CalRow r = t.rows().get(i);
            check(problems, i, "params", r.params() == null ? -1 : r.params().length, cell * (t.isComplex() ? 2 : 1));
            check(problems, i, "paramErr", r.paramErr() == null ? -1 : r.paramErr().length, cell);
            check(problems, i, "flags", r.flags() == null ? -1 : r.flags().length, cell);
            check(problems, i, "snr", r.snr() == null ? -1 : r.snr().length, cell);
            if (r.weight() != null) {
                check(problems, i, "weight", r.weight().length, cell);
            }
            id(problems, i, "fieldId", r.fieldId(), t.fields().size(), false);
            id(problems, i, "spwId", r.spwId(), t.spectralWindows().size(), false);
            id(problems, i, "antenna1", r.antenna1(), t.antennas().size(), false);
            id(problems, i, "antenna2", r.antenna2(), t.antennas().size(), true);
            id(problems, i, "observationId", r.observationId(), t.observations().size(), false);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(target + ": " + String.join("; ", problems));
        }
    }

    private static void check(List<String> problems, int row, String what, int length, int expected) {
        if (length != expected) {
            problems.add("row " + row + " " + what + (length < 0 ? " is missing" : " has " + length
                    + " values, expected " + expected));
        }
    }

    private static void id(List<String> problems, int row, String what, int id, int size, boolean minusOneOk) {
        if (id >= size || id < (minusOneOk ? -1 : 0)) {
            problems.add("row " + row + " " + what + " " + id + " is not a row of its subtable (" + size + " rows)");
        }
    }
}
