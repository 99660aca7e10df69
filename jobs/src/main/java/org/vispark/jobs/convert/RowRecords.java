package org.vispark.jobs.convert;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.udfs.vis.PackedCells;

/**
 * One visibility row in a {@link SortBuffer}, little-endian: a fixed header (row, TIME, INTERVAL,
 * EXPOSURE, TIME_CENTROID as doubles; ANTENNA1, ANTENNA2, FEED1, FEED2, FIELD_ID, DATA_DESC_ID, spw,
 * pol_id, SCAN_NUMBER, OBSERVATION_ID, ARRAY_ID, STATE_ID, PROCESSOR_ID, num_chan, num_pol as ints;
 * FLAG_ROW as a byte; UVW as 3 doubles), then WEIGHT and SIGMA (count, floats) and DATA, FLAG,
 * WEIGHT_SPECTRUM, MODEL_DATA, CORRECTED_DATA (byte count, packed cell); a count of -1 is an undefined
 * cell. Scalar columns the MS lacks are written as 0 and read back as null.
 */
final class RowRecords {
    static final int HEADER = 5 * 8 + 15 * 4 + 1 + 3 * 8;
    private static final Schema SCHEMA = LakeTable.VISIBILITIES.schema();
    private static final int F_MS_ID = pos("ms_id");
    private static final int F_CONVERSION = pos("conversion");
    private static final int F_ROW = pos("row");
    private static final int F_TIME = pos("time");
    private static final int F_INTERVAL = pos("interval");
    private static final int F_EXPOSURE = pos("exposure");
    private static final int F_TIME_CENTROID = pos("time_centroid");
    private static final int F_ANTENNA1 = pos("antenna1");
    private static final int F_ANTENNA2 = pos("antenna2");
    private static final int F_BASELINE = pos("baseline");
    private static final int F_FEED1 = pos("feed1");
    private static final int F_FEED2 = pos("feed2");
    private static final int F_FIELD = pos("field_id");
    private static final int F_DATA_DESC = pos("data_desc_id");
    private static final int F_SPW = pos("spw");
    private static final int F_POL_ID = pos("pol_id");
    private static final int F_SCAN = pos("scan_number");
    private static final int F_OBSERVATION = pos("observation_id");
    private static final int F_ARRAY = pos("array_id");
    private static final int F_STATE = pos("state_id");
    private static final int F_PROCESSOR = pos("processor_id");
    private static final int F_NUM_CHAN = pos("num_chan");
    private static final int F_NUM_POL = pos("num_pol");
    private static final int F_UVW = pos("uvw");
    private static final int F_FLAG_ROW = pos("flag_row");
    private static final int F_WEIGHT = pos("weight");
    private static final int F_SIGMA = pos("sigma");
    private static final int[] F_CELLS = {pos("data"), pos("flag"), pos("weight_spectrum"), pos("model_data"),
        pos("corrected_data")};

    private final MainColumns m;
    private final CellColumn[] cells;
    // arrays of the row read last, reused (parquet-avro writes Java arrays for Avro arrays)
    private final double[] uvw = new double[3];
    private float[] weight;
    private float[] sigma;

    RowRecords(MainColumns m) {
        this.m = m;
        this.cells = new CellColumn[] {m.data, m.flag, m.weightSpectrum, m.modelData, m.correctedData};
    }

    /** Bytes row {@code i} of the last chunk takes. */
    int size(int i) {
        int n = HEADER + floatsSize(m.weight, i) + floatsSize(m.sigma, i);
        for (int c = 0; c < cells.length; c++) {
            n += 4;
            if (cells[c] != null && cells[c].length(i) >= 0) {
                n += c == 1 ? PackedCells.flagBytes(cells[c].length(i)) : 4 * cells[c].length(i);
            }
        }
        return n;
    }

    /** Writes row {@code i} of the last chunk (table row {@code row}) to {@code dst}. */
    void write(int i, long row, int spw, int polId, int numChan, int numPol, ByteBuffer dst) {
        dst.putLong(row);
        dst.putDouble(m.timeValues[i]);
        dst.putDouble(m.intervalValues == null ? 0 : m.intervalValues[i]);
        dst.putDouble(m.exposureValues == null ? 0 : m.exposureValues[i]);
        dst.putDouble(m.timeCentroidValues == null ? 0 : m.timeCentroidValues[i]);
        dst.putInt(m.antenna1Values[i]);
        dst.putInt(m.antenna2Values[i]);
        dst.putInt(value(m.feed1Values, i));
        dst.putInt(value(m.feed2Values, i));
        dst.putInt(m.fieldValues[i]);
        dst.putInt(m.dataDescValues[i]);
        dst.putInt(spw);
        dst.putInt(polId);
        dst.putInt(value(m.scanValues, i));
        dst.putInt(value(m.observationValues, i));
        dst.putInt(value(m.arrayValues, i));
        dst.putInt(value(m.stateValues, i));
        dst.putInt(value(m.processorValues, i));
        dst.putInt(numChan);
        dst.putInt(numPol);
        dst.put((byte) (m.flagRowValues != null && m.flagRowValues[i] ? 1 : 0));
        double[] uvw = (double[]) m.uvw.values();
        int u = m.uvw.start(i);
        dst.putDouble(uvw[u]).putDouble(uvw[u + 1]).putDouble(uvw[u + 2]);
        putFloats(m.weight, i, dst);
        putFloats(m.sigma, i, dst);
        for (int c = 0; c < cells.length; c++) {
            CellColumn col = cells[c];
            int len = col == null ? -1 : col.length(i);
            if (len < 0) {
                dst.putInt(-1);
            } else if (c == 1) {
                dst.putInt(PackedCells.flagBytes(len));
                PackedCells.putFlags((boolean[]) col.values(), col.start(i), len, dst);
            } else {
                dst.putInt(4 * len);
                PackedCells.putFloats((float[]) col.values(), col.start(i), len, dst);
            }
        }
    }

    /**
     * Fills {@code r} (a record of the visibility schema, reused between rows) from the record in
     * {@code src}, a heap buffer; the cell fields share {@code src}'s array (no copy), the array fields
     * are arrays of this object: both valid until the next call.
     */
    void read(ByteBuffer src, long msId, long conversion, GenericRecord r) {
        r.put(F_MS_ID, msId);
        r.put(F_CONVERSION, conversion);
        r.put(F_ROW, src.getLong());
        r.put(F_TIME, src.getDouble());
        r.put(F_INTERVAL, orNull(m.interval != null, src.getDouble()));
        r.put(F_EXPOSURE, orNull(m.exposure != null, src.getDouble()));
        r.put(F_TIME_CENTROID, orNull(m.timeCentroid != null, src.getDouble()));
        int a1 = src.getInt();
        int a2 = src.getInt();
        r.put(F_ANTENNA1, a1);
        r.put(F_ANTENNA2, a2);
        r.put(F_BASELINE, LakeLayout.baseline(a1, a2));
        r.put(F_FEED1, orNull(m.feed1 != null, src.getInt()));
        r.put(F_FEED2, orNull(m.feed2 != null, src.getInt()));
        r.put(F_FIELD, src.getInt());
        r.put(F_DATA_DESC, src.getInt());
        r.put(F_SPW, src.getInt());
        r.put(F_POL_ID, src.getInt());
        r.put(F_SCAN, orNull(m.scanNumber != null, src.getInt()));
        r.put(F_OBSERVATION, orNull(m.observationId != null, src.getInt()));
        r.put(F_ARRAY, orNull(m.arrayId != null, src.getInt()));
        r.put(F_STATE, orNull(m.stateId != null, src.getInt()));
        r.put(F_PROCESSOR, orNull(m.processorId != null, src.getInt()));
        r.put(F_NUM_CHAN, src.getInt());
        r.put(F_NUM_POL, src.getInt());
        byte flagRow = src.get();
        r.put(F_FLAG_ROW, m.flagRow == null ? null : flagRow != 0);
        uvw[0] = src.getDouble();
        uvw[1] = src.getDouble();
        uvw[2] = src.getDouble();
        r.put(F_UVW, uvw);
        weight = getFloats(src, weight);
        r.put(F_WEIGHT, weight);
        sigma = getFloats(src, sigma);
        r.put(F_SIGMA, sigma);
        for (int f : F_CELLS) {
            int len = src.getInt();
            if (len < 0) {
                r.put(f, null);
            } else {
                r.put(f, ByteBuffer.wrap(src.array(), src.arrayOffset() + src.position(), len));
                src.position(src.position() + len);
            }
        }
    }

    private static int floatsSize(CellColumn c, int i) {
        return 4 + (c == null || c.length(i) < 0 ? 0 : 4 * c.length(i));
    }

    private static void putFloats(CellColumn c, int i, ByteBuffer dst) {
        int len = c == null ? -1 : c.length(i);
        dst.putInt(len);
        if (len > 0) {
            float[] v = (float[]) c.values();
            for (int k = 0; k < len; k++) {
                dst.putFloat(v[c.start(i) + k]);
            }
        }
    }

    /** Reads a float list into {@code reuse} when it has the right length; null for an undefined cell. */
    private static float[] getFloats(ByteBuffer src, float[] reuse) {
        int n = src.getInt();
        if (n < 0) {
            return null;
        }
        float[] out = reuse != null && reuse.length == n ? reuse : new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = src.getFloat();
        }
        return out;
    }

    private static int value(int[] values, int i) {
        return values == null ? 0 : values[i];
    }

    private static <T> T orNull(boolean present, T value) {
        return present ? value : null;
    }

    /** A new, reusable record of the visibility schema. */
    static GenericRecord newRecord() {
        return new GenericData.Record(SCHEMA);
    }

    private static int pos(String field) {
        Schema.Field f = SCHEMA.getField(field);
        if (f == null) {
            throw new IllegalStateException("visibility.avsc has no field " + field);
        }
        return f.pos();
    }
}
