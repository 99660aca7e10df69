package org.vispark.jobs.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.lake.VisRecords;

/**
 * The main-table values of one lake visibility row that an MS needs, in the compact form {@link RowSpill} keeps:
 * little-endian; absent (null) doubles as NaN, absent ints as {@link #ABSENT}, absent arrays and cells with length
 * -1. Cells stay in the lake's packed form ({@link org.vispark.udfs.vis.PackedCells}).
 */
record SpilledRow(double time, double timeCentroid, double interval, double exposure, int antenna1, int antenna2,
        int feed1, int feed2, int arrayId, int dataDescId, int fieldId, int observationId, int processorId,
        int scanNumber, int stateId, int flagRow, double[] uvw, float[] weight, float[] sigma, int numChan,
        int numPol, byte[] data, byte[] flag, byte[] weightSpectrum, byte[] model, byte[] corrected) {
    /** An absent int column value. */
    static final int ABSENT = Integer.MIN_VALUE;

    /** The values of a record of the lake's visibility schema. */
    static SpilledRow of(GenericRecord r) {
        double[] uvw = new double[3];
        VisRecords.uvw(r, uvw);
        return new SpilledRow((Double) r.get("time"), dbl(r, "time_centroid"), dbl(r, "interval"), dbl(r, "exposure"),
                (Integer) r.get("antenna1"), (Integer) r.get("antenna2"), integer(r, "feed1"), integer(r, "feed2"),
                integer(r, "array_id"), (Integer) r.get("data_desc_id"), (Integer) r.get("field_id"),
                integer(r, "observation_id"), integer(r, "processor_id"), integer(r, "scan_number"),
                integer(r, "state_id"), r.get("flag_row") == null ? -1 : ((Boolean) r.get("flag_row") ? 1 : 0),
                uvw, VisRecords.floats(r, "weight"), VisRecords.floats(r, "sigma"),
                (Integer) r.get("num_chan"), (Integer) r.get("num_pol"), VisRecords.cell(r, "data"),
                VisRecords.cell(r, "flag"), VisRecords.cell(r, "weight_spectrum"), VisRecords.cell(r, "model_data"),
                VisRecords.cell(r, "corrected_data"));
    }

    byte[] encode() {
        int size = 8 * 4 + 4 * 11 + 4 + 8 * 3 + 4 * 2 + arrayBytes(weight) + arrayBytes(sigma) + 4 * 2
                + cellBytes(data) + cellBytes(flag) + cellBytes(weightSpectrum) + cellBytes(model) + cellBytes(corrected);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(time).putDouble(timeCentroid).putDouble(interval).putDouble(exposure);
        b.putInt(antenna1).putInt(antenna2).putInt(feed1).putInt(feed2).putInt(arrayId).putInt(dataDescId)
                .putInt(fieldId).putInt(observationId).putInt(processorId).putInt(scanNumber).putInt(stateId);
        b.putInt(flagRow);
        b.putDouble(uvw[0]).putDouble(uvw[1]).putDouble(uvw[2]);
        putFloats(b, weight);
        putFloats(b, sigma);
        b.putInt(numChan).putInt(numPol);
        for (byte[] cell : new byte[][] {data, flag, weightSpectrum, model, corrected}) {
            b.putInt(cell == null ? -1 : cell.length);
            if (cell != null) {
                b.put(cell);
            }
        }
        return b.array();
    }

    static SpilledRow decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new SpilledRow(b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(), b.getInt(), b.getInt(),
                b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(),
                b.getInt(), b.getInt(), new double[] {b.getDouble(), b.getDouble(), b.getDouble()}, getFloats(b),
                getFloats(b), b.getInt(), b.getInt(), getCell(b), getCell(b), getCell(b), getCell(b), getCell(b));
    }

    private static double dbl(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? Double.NaN : (Double) v;
    }

    private static int integer(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? ABSENT : (Integer) v;
    }


    private static int arrayBytes(float[] a) {
        return 4 + (a == null ? 0 : 4 * a.length);
    }

    private static int cellBytes(byte[] c) {
        return 4 + (c == null ? 0 : c.length);
    }

    private static void putFloats(ByteBuffer b, float[] a) {
        b.putInt(a == null ? -1 : a.length);
        if (a != null) {
            for (float f : a) {
                b.putFloat(f);
            }
        }
    }

    private static float[] getFloats(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = b.getFloat();
        }
        return a;
    }

    private static byte[] getCell(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        byte[] c = new byte[n];
        b.get(c);
        return c;
    }
}
