package org.vispark.formats.uvh5;

/**
 * A range of blts (baseline-times, the rows of the main table) of the {@code Data} group, flattened in
 * (blt, frequency, polarization) order, the spw axis of the older layout dropped.
 *
 * @param firstBlt  index of the first blt in the file
 * @param nblts     number of blts
 * @param nfreqs    channels per blt, in the file's order
 * @param npols     polarizations per channel, in {@code polarization_array} order
 * @param vis       visdata as float32 (real, imaginary) pairs: element {@code 2 * ((b * nfreqs + f) * npols + p)}
 *                  is the real part; complex128 and integer pairs are narrowed to float32, as the lake stores them
 * @param flags     {@code flags}, one per (blt, frequency, polarization)
 * @param nsamples  {@code nsample_array} as float32, one per (blt, frequency, polarization)
 */
public record Uvh5Rows(int firstBlt, int nblts, int nfreqs, int npols, float[] vis, boolean[] flags, float[] nsamples) {

    /**
     * Rows of this shape, with the arrays of {@code reuse} when it has arrays of their sizes (their
     * contents then left for the caller to overwrite), else new zeroed ones.
     */
    public static Uvh5Rows of(int firstBlt, int nblts, int nfreqs, int npols, Uvh5Rows reuse) {
        int n = nblts * nfreqs * npols;
        if (reuse != null && reuse.flags.length == n && reuse.vis.length == 2 * n && reuse.nsamples.length == n) {
            return new Uvh5Rows(firstBlt, nblts, nfreqs, npols, reuse.vis, reuse.flags, reuse.nsamples);
        }
        return new Uvh5Rows(firstBlt, nblts, nfreqs, npols, new float[2 * n], new boolean[n], new float[n]);
    }

    /** Index of (blt in this range, frequency, polarization) in {@link #flags} and {@link #nsamples}. */
    public int index(int blt, int freq, int pol) {
        return (blt * nfreqs + freq) * npols + pol;
    }
}
