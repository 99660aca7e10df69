package org.vispark.jobs.convert;

import java.nio.ByteBuffer;
import org.vispark.udfs.vis.PackedCells;

/**
 * One visibility row in a {@link SortBuffer}, little-endian: a fixed header (row, TIME, INTERVAL,
 * EXPOSURE, TIME_CENTROID as doubles; ANTENNA1, ANTENNA2, FEED1, FEED2, FIELD_ID, DATA_DESC_ID, spw,
 * pol_id, SCAN_NUMBER, OBSERVATION_ID, ARRAY_ID, STATE_ID, PROCESSOR_ID, num_chan, num_pol as ints;
 * FLAG_ROW as a byte; UVW as 3 doubles), then WEIGHT and SIGMA (count, floats) and DATA, FLAG,
 * WEIGHT_SPECTRUM, MODEL_DATA, CORRECTED_DATA (byte count, packed cell); a count of -1 is an undefined
 * cell. Scalar columns the MS lacks are written as 0 and read back as null. {@link RowDecoder} reads
 * the records back; {@link Uvh5RowRecords} writes the same layout from UVH5 rows.
 */
final class RowRecords {
    static final int HEADER = 5 * 8 + 15 * 4 + 1 + 3 * 8;
    private final MainColumns m;
    private final CellColumn[] cells;

    RowRecords(MainColumns m) {
        this.m = m;
        this.cells = new CellColumn[] {m.data, m.flag, m.weightSpectrum, m.modelData, m.correctedData};
    }

    /** Which optional columns the MS has: the others are written as 0 and decoded as null. */
    RowDecoder.Present present() {
        return new RowDecoder.Present(m.interval != null, m.exposure != null, m.timeCentroid != null, m.feed1 != null,
                m.feed2 != null, m.scanNumber != null, m.observationId != null, m.arrayId != null, m.stateId != null,
                m.processorId != null, m.flagRow != null);
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

    private static int value(int[] values, int i) {
        return values == null ? 0 : values[i];
    }

}
