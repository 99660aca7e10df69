package org.vispark.jobs.convert;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeTable;

/**
 * Decodes the visibility row records of a {@link SortBuffer} (the layout {@link RowRecords} describes)
 * into records of the lake's visibility schema.
 */
final class RowDecoder {
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

    /** Which optional scalar columns the source has; the fields of the others decode as null. */
    record Present(boolean interval, boolean exposure, boolean timeCentroid, boolean feed1, boolean feed2,
            boolean scanNumber, boolean observationId, boolean arrayId, boolean stateId, boolean processorId,
            boolean flagRow) {
        static final Present ALL = new Present(true, true, true, true, true, true, true, true, true, true, true);
    }

    private final Present p;
    // arrays of the row read last, reused (parquet-avro writes Java arrays for Avro arrays)
    private final double[] uvw = new double[3];
    private float[] weight;
    private float[] sigma;

    RowDecoder(Present present) {
        this.p = present;
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
        r.put(F_INTERVAL, orNull(p.interval(), src.getDouble()));
        r.put(F_EXPOSURE, orNull(p.exposure(), src.getDouble()));
        r.put(F_TIME_CENTROID, orNull(p.timeCentroid(), src.getDouble()));
        int a1 = src.getInt();
        int a2 = src.getInt();
        r.put(F_ANTENNA1, a1);
        r.put(F_ANTENNA2, a2);
        r.put(F_BASELINE, LakeLayout.baseline(a1, a2));
        r.put(F_FEED1, orNull(p.feed1(), src.getInt()));
        r.put(F_FEED2, orNull(p.feed2(), src.getInt()));
        r.put(F_FIELD, src.getInt());
        r.put(F_DATA_DESC, src.getInt());
        r.put(F_SPW, src.getInt());
        r.put(F_POL_ID, src.getInt());
        r.put(F_SCAN, orNull(p.scanNumber(), src.getInt()));
        r.put(F_OBSERVATION, orNull(p.observationId(), src.getInt()));
        r.put(F_ARRAY, orNull(p.arrayId(), src.getInt()));
        r.put(F_STATE, orNull(p.stateId(), src.getInt()));
        r.put(F_PROCESSOR, orNull(p.processorId(), src.getInt()));
        r.put(F_NUM_CHAN, src.getInt());
        r.put(F_NUM_POL, src.getInt());
        byte flagRow = src.get();
        r.put(F_FLAG_ROW, !p.flagRow() ? null : flagRow != 0);
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
                r.put(f, src.slice(src.position(), len));
                src.position(src.position() + len);
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
