package org.vispark.udfs.vis;

import java.util.Arrays;

/**
 * The parallel-hand correlations of a cell (a feed with itself: XX, YY, RR, LL, or Stokes I), in the cell's order,
 * and the sub-cells that hold only them: what the gain solvers see of a cell with cross hands. Feed {@code f} is the
 * f-th parallel hand in the cell's order, so XX XY YX YY and RR RL LR LL give feeds X, Y and R, L (0, 1), and a cell
 * of parallel hands only is its own sub-cell. Packed cells as {@link PackedCells} (polarization fastest).
 */
public final class ParallelHands {
    private final int[] corrTypes;
    private final int[] index;
    private final int numCorr;

    private ParallelHands(int[] corrTypes, int[] index) {
        this.corrTypes = corrTypes.clone();
        this.index = index;
        this.numCorr = corrTypes.length;
    }

    /** The parallel hands of a cell with correlations {@code corrTypes} (casacore Stokes codes); none is an error. */
    public static ParallelHands of(int[] corrTypes) {
        int[] index = indices(corrTypes);
        if (index.length == 0) {
            throw new IllegalArgumentException("correlations " + Correlations.names(corrTypes)
                    + " have no parallel hand (XX, YY, RR, LL or I): gains per feed can neither be solved from nor"
                    + " applied to them");
        }
        return new ParallelHands(corrTypes, index);
    }

    /**
     * The indices of the parallel hands among {@code corrTypes} (casacore Stokes codes), in order (none: empty); a
     * code {@link Correlations} does not know is an error.
     */
    public static int[] indices(int[] corrTypes) {
        float[] response = Correlations.unpolarizedResponse(corrTypes);
        int[] index = new int[corrTypes.length];
        int n = 0;
        for (int k = 0; k < corrTypes.length; k++) {
            if (response[k] == 1f) {
                index[n++] = k;
            }
        }
        return Arrays.copyOf(index, n);
    }

    /** Feeds (parallel hands). */
    public int feeds() {
        return index.length;
    }

    /** The correlation index of feed {@code f}'s parallel hand. */
    public int correlation(int f) {
        return index[f];
    }

    /**
     * Per correlation of the cell, the feed of ANTENNA1 ({@code antenna} 1) or ANTENNA2 ({@code antenna} 2): XY of
     * XX XY YX YY is (0, 1). A correlation of a feed without its parallel hand in the cell is an error naming it.
     */
    public int[] feeds(int antenna) {
        if (antenna != 1 && antenna != 2) {
            throw new IllegalArgumentException("antenna is 1 or 2, not " + antenna);
        }
        int[] out = new int[numCorr];
        for (int k = 0; k < numCorr; k++) {
            char letter = Correlations.feedPair(corrTypes[k]).charAt(antenna - 1);
            out[k] = -1;
            for (int f = 0; f < index.length; f++) {
                if (Correlations.feedPair(corrTypes[index[f]]).charAt(0) == letter) {
                    out[k] = f;
                }
            }
            if (out[k] < 0) {
                throw new IllegalArgumentException("correlation " + Correlations.name(corrTypes[k]) + " of "
                        + Correlations.names(corrTypes) + " has no parallel hand " + letter + letter + " for its feed");
            }
        }
        return out;
    }

    /** True when the cell holds parallel hands only (its sub-cells are the cells themselves). */
    public boolean isWholeCell() {
        return index.length == numCorr;
    }

    /** The parallel hands of a packed complex cell of {@code numChan} channels, as a packed cell [chan, feed]. */
    public byte[] complexCell(byte[] cell, int numChan) {
        if (cell.length != 8 * numChan * numCorr) {
            throw new IllegalArgumentException("a complex cell of " + numChan + " channels x " + numCorr
                    + " correlations has " + 8 * numChan * numCorr + " bytes, not " + cell.length);
        }
        byte[] out = new byte[8 * numChan * index.length];
        for (int c = 0, o = 0; c < numChan; c++) {
            for (int k : index) {
                System.arraycopy(cell, 8 * (c * numCorr + k), out, o, 8);
                o += 8;
            }
        }
        return out;
    }

    /** The parallel hands of a packed flag cell of {@code numChan} channels, as a packed flag cell [chan, feed]. */
    public byte[] flagCell(byte[] flags, int numChan) {
        boolean[] all = PackedCells.unpackFlags(flags, numChan * numCorr);
        boolean[] mine = new boolean[numChan * index.length];
        for (int c = 0, o = 0; c < numChan; c++) {
            for (int k : index) {
                mine[o++] = all[c * numCorr + k];
            }
        }
        return PackedCells.packFlags(mine, 0, mine.length);
    }

    /** The per-correlation values (WEIGHT, SIGMA) of the parallel hands, or null for null. */
    public float[] perCorrelation(float[] values) {
        if (values == null) {
            return null;
        }
        float[] out = new float[index.length];
        for (int f = 0; f < index.length; f++) {
            out[f] = values[index[f]];
        }
        return out;
    }
}
