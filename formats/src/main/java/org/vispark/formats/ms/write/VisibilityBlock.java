package org.vispark.formats.ms.write;

/**
 * A block of main-table rows of a Measurement Set being written, one array element (or cell) per row.
 *
 * <p>Times are MJD seconds (UTC), intervals seconds. {@code uvw_m} holds 3 values per row, metres, in the frame
 * of the phase centre ({@code UVW = position(ANTENNA2) - position(ANTENNA1)}). Cells are in casacore order,
 * polarization fastest: {@code data}, {@code model}, {@code corrected} hold {@code 2 * npol * nchan} floats per
 * row (re, im interleaved), {@code flag} {@code npol * nchan} values, {@code weightSpectrum}
 * {@code npol * nchan}, {@code weight} and {@code sigma} {@code npol}. {@code model}, {@code corrected} and
 * {@code weightSpectrum} are null when the MS has no such column.
 */
public record VisibilityBlock(int rows, double[] time_mjdSec, double[] timeCentroid_mjdSec, double[] interval_s,
        double[] exposure_s, int[] antenna1, int[] antenna2, int[] feed1, int[] feed2, int[] arrayId,
        int[] dataDescId, int[] fieldId, int[] observationId, int[] processorId, int[] scanNumber, int[] stateId,
        boolean[] flagRow, double[] uvw_m, float[] weight, float[] sigma, float[] data, boolean[] flag,
        float[] model, float[] corrected, float[] weightSpectrum) {}
