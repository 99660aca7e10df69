package org.vispark.jobs.lake;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** Typed access to the columns of a visibility record (the visibilities schema) that jobs read. */
public final class VisRecords {
    private VisRecords() {}

    /** A packed cell column (data, flag, model_data, ...), or null when the row has none. */
    public static byte[] cell(GenericRecord r, String column) {
        ByteBuffer v = (ByteBuffer) r.get(column);
        if (v == null) {
            return null;
        }
        ByteBuffer d = v.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** UVW (metres) into {@code out[0..3)}. */
    @SuppressWarnings("unchecked")
    public static void uvw(GenericRecord r, double[] out) {
        List<Double> u = (List<Double>) r.get("uvw");
        for (int i = 0; i < 3; i++) {
            out[i] = u.get(i);
        }
    }

    /** A float array column (weight, sigma: one value per polarization), or null when absent. */
    @SuppressWarnings("unchecked")
    public static float[] floats(GenericRecord r, String column) {
        List<Float> w = (List<Float>) r.get(column);
        if (w == null) {
            return null;
        }
        float[] out = new float[w.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = w.get(i);
        }
        return out;
    }

    public static int integer(GenericRecord r, String column) {
        return (Integer) r.get(column);
    }

    public static double time(GenericRecord r) {
        return (Double) r.get("time");
    }

    /** Whether FLAG_ROW is set. */
    public static boolean rowFlagged(GenericRecord r) {
        return Boolean.TRUE.equals(r.get("flag_row"));
    }
}
