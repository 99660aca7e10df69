package org.vispark.jobs.convert;

import java.io.IOException;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableFormatException;

/**
 * The main-table columns a lake row holds, read a chunk of rows at a time. Required: TIME, ANTENNA1,
 * ANTENNA2, FIELD_ID, DATA_DESC_ID, UVW; every other column may be absent (its fields are then null).
 * TIME and UVW must be in s and m (the MS standard); values are handed on unconverted, bit for bit.
 */
final class MainColumns {
    private final Table table;
    private final TableColumn time;
    private final TableColumn antenna1;
    private final TableColumn antenna2;
    private final TableColumn fieldId;
    private final TableColumn dataDescId;
    final TableColumn interval;
    final TableColumn exposure;
    final TableColumn timeCentroid;
    final TableColumn feed1;
    final TableColumn feed2;
    final TableColumn scanNumber;
    final TableColumn observationId;
    final TableColumn arrayId;
    final TableColumn stateId;
    final TableColumn processorId;
    final TableColumn flagRow;
    final CellColumn uvw;
    final CellColumn weight;
    final CellColumn sigma;
    final CellColumn data;
    final CellColumn flag;
    final CellColumn weightSpectrum;
    final CellColumn modelData;
    final CellColumn correctedData;

    // values of the last chunk
    double[] timeValues;
    int[] antenna1Values;
    int[] antenna2Values;
    int[] fieldValues;
    int[] dataDescValues;
    double[] intervalValues;
    double[] exposureValues;
    double[] timeCentroidValues;
    int[] feed1Values;
    int[] feed2Values;
    int[] scanValues;
    int[] observationValues;
    int[] arrayValues;
    int[] stateValues;
    int[] processorValues;
    boolean[] flagRowValues;

    MainColumns(Table table) throws IOException {
        this.table = table;
        checkUnit("TIME", "s");
        checkUnit("UVW", "m");
        time = scalar("TIME", DataType.DOUBLE, true);
        antenna1 = scalar("ANTENNA1", DataType.INT, true);
        antenna2 = scalar("ANTENNA2", DataType.INT, true);
        fieldId = scalar("FIELD_ID", DataType.INT, true);
        dataDescId = scalar("DATA_DESC_ID", DataType.INT, true);
        interval = scalar("INTERVAL", DataType.DOUBLE, false);
        exposure = scalar("EXPOSURE", DataType.DOUBLE, false);
        timeCentroid = scalar("TIME_CENTROID", DataType.DOUBLE, false);
        feed1 = scalar("FEED1", DataType.INT, false);
        feed2 = scalar("FEED2", DataType.INT, false);
        scanNumber = scalar("SCAN_NUMBER", DataType.INT, false);
        observationId = scalar("OBSERVATION_ID", DataType.INT, false);
        arrayId = scalar("ARRAY_ID", DataType.INT, false);
        stateId = scalar("STATE_ID", DataType.INT, false);
        processorId = scalar("PROCESSOR_ID", DataType.INT, false);
        flagRow = scalar("FLAG_ROW", DataType.BOOL, false);
        uvw = CellColumn.open(table, "UVW", DataType.DOUBLE, 1);
        if (uvw == null) {
            throw new TableFormatException(table.path(), "has no UVW column");
        }
        weight = CellColumn.open(table, "WEIGHT", DataType.FLOAT, 1);
        sigma = CellColumn.open(table, "SIGMA", DataType.FLOAT, 1);
        data = CellColumn.open(table, "DATA", DataType.COMPLEX, 2);
        flag = CellColumn.open(table, "FLAG", DataType.BOOL, 2);
        weightSpectrum = CellColumn.open(table, "WEIGHT_SPECTRUM", DataType.FLOAT, 2);
        modelData = CellColumn.open(table, "MODEL_DATA", DataType.COMPLEX, 2);
        correctedData = CellColumn.open(table, "CORRECTED_DATA", DataType.COMPLEX, 2);
    }

    /** The [chan, pol] cell columns (DATA, FLAG, WEIGHT_SPECTRUM, MODEL_DATA, CORRECTED_DATA) present. */
    CellColumn[] cellColumns() {
        return java.util.stream.Stream.of(data, flag, weightSpectrum, modelData, correctedData)
                .filter(java.util.Objects::nonNull).toArray(CellColumn[]::new);
    }

    /** Estimated bytes a row takes in memory while converting (from the first row's cells). */
    long rowBytesEstimate() throws IOException {
        long rows = table.rowCount();
        long n = 200;
        for (CellColumn c : new CellColumn[] {data, modelData, correctedData, weightSpectrum}) {
            n += c == null ? 0 : 4 * c.firstCellElements(rows);
        }
        n += flag == null ? 0 : flag.firstCellElements(rows);
        return n;
    }

    /** Reads rows [first, first + n) of every column. */
    void read(long first, int n) throws IOException {
        timeValues = (double[]) time.read(first, n);
        antenna1Values = (int[]) antenna1.read(first, n);
        antenna2Values = (int[]) antenna2.read(first, n);
        fieldValues = (int[]) fieldId.read(first, n);
        dataDescValues = (int[]) dataDescId.read(first, n);
        intervalValues = interval == null ? null : (double[]) interval.read(first, n);
        exposureValues = exposure == null ? null : (double[]) exposure.read(first, n);
        timeCentroidValues = timeCentroid == null ? null : (double[]) timeCentroid.read(first, n);
        feed1Values = ints(feed1, first, n);
        feed2Values = ints(feed2, first, n);
        scanValues = ints(scanNumber, first, n);
        observationValues = ints(observationId, first, n);
        arrayValues = ints(arrayId, first, n);
        stateValues = ints(stateId, first, n);
        processorValues = ints(processorId, first, n);
        flagRowValues = flagRow == null ? null : (boolean[]) flagRow.read(first, n);
        uvw.read(first, n);
        for (CellColumn c : new CellColumn[] {weight, sigma, data, flag, weightSpectrum, modelData, correctedData}) {
            if (c != null) {
                c.read(first, n);
            }
        }
    }

    private static int[] ints(TableColumn c, long first, int n) throws IOException {
        return c == null ? null : (int[]) c.read(first, n);
    }

    private TableColumn scalar(String name, DataType type, boolean required) throws IOException {
        if (!table.hasColumn(name)) {
            if (required) {
                throw new TableFormatException(table.path(), "has no " + name + " column");
            }
            return null;
        }
        TableColumn c = table.column(name);
        if (c.desc().isArray() || c.dataType() != type) {
            throw new TableFormatException(table.path(), "column " + name + " is " + c.desc()
                    + "; the lake needs a scalar " + type + " column");
        }
        return c;
    }

    private void checkUnit(String column, String unit) throws TableFormatException {
        if (!table.hasColumn(column)) {
            return;
        }
        String[] units = table.columnDesc(column).keywords().getStrings("QuantumUnits");
        if (units != null) {
            for (String u : units) {
                if (!u.isEmpty() && !u.equals(unit)) {
                    throw new TableFormatException(table.path(), "column " + column + " is in '" + u + "'; the lake"
                            + " takes " + column + " in " + unit + " only (the MS standard)");
                }
            }
        }
    }
}
