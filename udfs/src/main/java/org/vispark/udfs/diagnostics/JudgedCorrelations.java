package org.vispark.udfs.diagnostics;

import java.util.Arrays;
import org.vispark.udfs.vis.Correlations;
import org.vispark.udfs.vis.ParallelHands;

/**
 * The correlations of a cell that the diagnostics judge, and their values picked out of an unpacked row: the parallel
 * hands (XX, YY, RR, LL, or Stokes I; {@link Correlations#unpolarizedResponse}) in the cell's order, or the one
 * correlation of a one-correlation cell whatever it is. Cross hands (XY, YX, RL, LR) and Stokes Q, U, V are left out of
 * a cell with several correlations: an unpolarized model is 0 there, so they would only add DATA without MODEL to the
 * amplitude ratio and noise to the phase scatter, SNR and data-peak map.
 *
 * <p>Values as {@link FieldDiagnosticsAccumulator} takes them: complex values re, im interleaved, polarization fastest
 * ({@code [chan, corr]}), flags one per value; the picked values keep that layout with {@link #count()} correlations.
 */
public final class JudgedCorrelations {
    private final int[] corrTypes;
    private final int[] index;

    private JudgedCorrelations(int[] corrTypes, int[] index) {
        this.corrTypes = corrTypes;
        this.index = index;
    }

    /**
     * The judged correlations of a cell with correlations {@code corrTypes} (casacore Stokes codes, CORR_TYPE). A code
     * {@link Correlations} does not know, or several correlations without a parallel hand, is an error naming them.
     */
    public static JudgedCorrelations of(int[] corrTypes) {
        int[] index = ParallelHands.indices(corrTypes); // checks the codes, also of a one-correlation cell
        if (corrTypes.length == 1) {
            return new JudgedCorrelations(corrTypes.clone(), new int[] {0});
        }
        if (index.length == 0) {
            throw new IllegalArgumentException("correlations " + Correlations.names(corrTypes) + " have no parallel"
                    + " hand (XX, YY, RR, LL or I) to judge against an unpolarized model");
        }
        return new JudgedCorrelations(corrTypes.clone(), index);
    }

    /** Correlations of the whole cell. */
    public int cellCorrelations() {
        return corrTypes.length;
    }

    /** Correlations judged. */
    public int count() {
        return index.length;
    }

    /** True when every correlation of the cell is judged (no values need picking). */
    public boolean isWholeCell() {
        return index.length == corrTypes.length;
    }

    /** The names of the judged correlations, e.g. "[RR, LL]". */
    public String names() {
        return Correlations.names(Arrays.stream(index).map(k -> corrTypes[k]).toArray());
    }

    /**
     * Picks the judged values of a row of {@code numChan} channels: {@code cell} holds {@code 2 numChan}
     * {@link #cellCorrelations()} floats, {@code out} receives {@code 2 numChan} {@link #count()}.
     */
    public void pickValues(float[] cell, int numChan, float[] out) {
        int numCorr = corrTypes.length;
        for (int c = 0, o = 0; c < numChan; c++) {
            for (int k : index) {
                int from = 2 * (c * numCorr + k);
                out[o++] = cell[from];
                out[o++] = cell[from + 1];
            }
        }
    }

    /** Picks the judged flags of a row of {@code numChan} channels, as {@link #pickValues} the values. */
    public void pickFlags(boolean[] cell, int numChan, boolean[] out) {
        int numCorr = corrTypes.length;
        for (int c = 0, o = 0; c < numChan; c++) {
            for (int k : index) {
                out[o++] = cell[c * numCorr + k];
            }
        }
    }
}
