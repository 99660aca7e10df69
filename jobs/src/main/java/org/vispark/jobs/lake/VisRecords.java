package org.vispark.jobs.lake;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Typed access to the columns of a visibility record (the visibilities schema) that jobs read: by name, or by
 * position ({@link VisFields}) for records of the visibilities schema itself.
 */
public final class VisRecords {
    private VisRecords() {}

    /** A packed cell column (data, flag, model_data, ...), or null when the row has none; see {@link #cell(ByteBuffer)}. */
    public static byte[] cell(GenericRecord r, String column) {
        return cell((ByteBuffer) r.get(column));
    }

    /** The packed cell at field position {@code pos} ({@link VisFields}), or null; see {@link #cell(ByteBuffer)}. */
    public static byte[] cell(GenericRecord r, int pos) {
        return cell((ByteBuffer) r.get(pos));
    }

    /**
     * The bytes of a cell's buffer: the buffer's own array when the buffer spans all of it (as the Parquet reader
     * gives, a new array per value of each row), else a copy; null for null. Writing into the array of a record
     * read from Parquet changes that row's cell and nothing else.
     */
    static byte[] cell(ByteBuffer v) {
        if (v == null) {
            return null;
        }
        if (v.hasArray() && v.arrayOffset() == 0 && v.position() == 0 && v.remaining() == v.array().length) {
            return v.array();
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

    /** UVW (metres) of a record of the visibilities schema into {@code out[0..3)}. */
    @SuppressWarnings("unchecked")
    public static void uvwAt(GenericRecord r, double[] out) {
        List<Double> u = (List<Double>) r.get(VisFields.UVW);
        for (int i = 0; i < 3; i++) {
            out[i] = u.get(i);
        }
    }

    /** Sets the UVW (metres) of a record of the visibilities schema to {@code uvw[0..3)}, in its own list. */
    @SuppressWarnings("unchecked")
    public static void setUvw(GenericRecord r, double[] uvw) {
        List<Double> u = (List<Double>) r.get(VisFields.UVW);
        for (int i = 0; i < 3; i++) {
            u.set(i, uvw[i]);
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

    /** The int field at position {@code pos} ({@link VisFields}). */
    public static int integer(GenericRecord r, int pos) {
        return (Integer) r.get(pos);
    }

    /** TIME, MJD seconds. */
    public static double time(GenericRecord r) {
        return (Double) r.get("time");
    }

    /** TIME (MJD seconds) of a record of the visibilities schema. */
    public static double timeAt(GenericRecord r) {
        return (Double) r.get(VisFields.TIME);
    }

    /** Whether FLAG_ROW is set. */
    public static boolean rowFlagged(GenericRecord r) {
        return Boolean.TRUE.equals(r.get("flag_row"));
    }
}
