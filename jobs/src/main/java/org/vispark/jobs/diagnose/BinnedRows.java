package org.vispark.jobs.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * The channel-binned rows of one field that the data-peak search's first fine pass saw, kept so that its later fine
 * passes replay them instead of reading the MS again: per row the antennas, UVW (metres) and the binned values
 * (re, im interleaved, [bin, pol]; a bin without unflagged channels holds 0, which adds nothing to a fringe map, so
 * no flags are kept). Stored in chunks of primitive arrays, {@link #BYTES_PER_ROW_OVERHEAD} bytes per row besides
 * the values, within a {@link Budget} shared by the fields of a task: a row beyond it drops the whole store.
 */
final class BinnedRows {
    /** Bytes a row costs besides its values: two antenna indices and UVW. */
    static final int BYTES_PER_ROW_OVERHEAD = 2 * Integer.BYTES + 3 * Double.BYTES;
    private static final int CHUNK_ROWS = 4096;

    /** Bytes the binned rows of all fields of one task may take. */
    static final class Budget {
        private long left_bytes;

        Budget(long bytes) {
            this.left_bytes = bytes;
        }

        boolean take(long bytes) {
            if (bytes > left_bytes) {
                return false;
            }
            left_bytes -= bytes;
            return true;
        }

        void giveBack(long bytes) {
            left_bytes += bytes;
        }
    }

    /** Receives one replayed row; the arrays are shared, valid during the call only. */
    interface RowConsumer {
        void accept(int ant1, int ant2, double[] uvw, float[] binned);
    }

    private final int valuesPerRow;
    private final Budget budget;
    private final List<int[]> antennas = new ArrayList<>();
    private final List<double[]> uvws = new ArrayList<>();
    private final List<float[]> values = new ArrayList<>();
    private int rows;
    private long bytes;
    private boolean dropped;

    /** A store of rows of {@code valuesPerRow} floats each. */
    BinnedRows(int valuesPerRow, Budget budget) {
        this.valuesPerRow = valuesPerRow;
        this.budget = budget;
    }

    /** Keeps a row, unless it does not fit the budget: then the store drops every row and keeps no more. */
    void add(int ant1, int ant2, double[] uvw, float[] binned) {
        if (dropped) {
            return;
        }
        int at = rows % CHUNK_ROWS;
        if (at == 0) {
            long chunkBytes = (long) CHUNK_ROWS * (BYTES_PER_ROW_OVERHEAD + 4L * valuesPerRow);
            if (!budget.take(chunkBytes)) {
                drop();
                return;
            }
            bytes += chunkBytes;
            antennas.add(new int[2 * CHUNK_ROWS]);
            uvws.add(new double[3 * CHUNK_ROWS]);
            values.add(new float[valuesPerRow * CHUNK_ROWS]);
        }
        int chunk = rows / CHUNK_ROWS;
        antennas.get(chunk)[2 * at] = ant1;
        antennas.get(chunk)[2 * at + 1] = ant2;
        System.arraycopy(uvw, 0, uvws.get(chunk), 3 * at, 3);
        System.arraycopy(binned, 0, values.get(chunk), valuesPerRow * at, valuesPerRow);
        rows++;
    }

    /** Whether every row added is kept. */
    boolean complete() {
        return !dropped;
    }

    /** Calls {@code each} with every kept row, in the order added. */
    void forEach(RowConsumer each) {
        if (dropped) {
            throw new IllegalStateException("binned rows dropped: they exceeded the budget");
        }
        double[] uvw = new double[3];
        float[] binned = new float[valuesPerRow];
        for (int r = 0; r < rows; r++) {
            int chunk = r / CHUNK_ROWS;
            int at = r % CHUNK_ROWS;
            System.arraycopy(uvws.get(chunk), 3 * at, uvw, 0, 3);
            System.arraycopy(values.get(chunk), valuesPerRow * at, binned, 0, valuesPerRow);
            each.accept(antennas.get(chunk)[2 * at], antennas.get(chunk)[2 * at + 1], uvw, binned);
        }
    }

    private void drop() {
        dropped = true;
        antennas.clear();
        uvws.clear();
        values.clear();
        budget.giveBack(bytes);
        bytes = 0;
        rows = 0;
    }
}
