package org.vispark.udfs.vis;

/**
 * Values of one channel and polarization of packed lake cells ({@link PackedCells}), and channel
 * averages.
 *
 * <p>Channels and polarizations count from 0; a polarization index is a position in the cell (the
 * row's POLARIZATION.CORR_TYPE order), not a Stokes code. Methods that take a channel or
 * polarization return {@code null} when it lies outside the cell, so a query over rows of different
 * spectral windows does not fail on the narrower ones. Phases are radians in (-pi, pi].
 */
public final class VisCells {
    private VisCells() {}

    /** Channels of a packed complex cell with {@code numPol} polarizations. */
    public static int channelCount(byte[] cell, int numPol) {
        if (numPol <= 0) {
            throw new IllegalArgumentException("num_pol must be positive, not " + numPol);
        }
        if (cell.length % (8 * numPol) != 0) {
            throw new IllegalArgumentException("a packed complex cell of " + numPol + " polarizations has a multiple of "
                    + 8 * numPol + " bytes, not " + cell.length);
        }
        return cell.length / (8 * numPol);
    }

    /** Real part, or null outside the cell. */
    public static Float real(byte[] cell, int numPol, int chan, int pol) {
        int k = valueIndex(cell, numPol, chan, pol);
        return k < 0 ? null : PackedCells.floatAt(cell, 2 * k);
    }

    /** Imaginary part, or null outside the cell. */
    public static Float imag(byte[] cell, int numPol, int chan, int pol) {
        int k = valueIndex(cell, numPol, chan, pol);
        return k < 0 ? null : PackedCells.floatAt(cell, 2 * k + 1);
    }

    /** Amplitude |V| (double precision from the float parts), or null outside the cell. */
    public static Double amplitude(byte[] cell, int numPol, int chan, int pol) {
        int k = valueIndex(cell, numPol, chan, pol);
        return k < 0 ? null : Math.hypot(PackedCells.floatAt(cell, 2 * k), PackedCells.floatAt(cell, 2 * k + 1));
    }

    /** Phase atan2(im, re) in radians, or null outside the cell. */
    public static Double phase(byte[] cell, int numPol, int chan, int pol) {
        int k = valueIndex(cell, numPol, chan, pol);
        return k < 0 ? null : Math.atan2(PackedCells.floatAt(cell, 2 * k + 1), PackedCells.floatAt(cell, 2 * k));
    }

    /**
     * Whether a value is flagged, from a packed flag cell whose complex cell has {@code numChan}
     * channels; null outside the cell.
     */
    public static Boolean flagged(byte[] flags, int numChan, int numPol, int chan, int pol) {
        if (numPol <= 0 || pol < 0 || pol >= numPol || chan < 0 || chan >= numChan) {
            return null;
        }
        int k = chan * numPol + pol;
        if (PackedCells.flagBytes(numChan * numPol) > flags.length) {
            throw new IllegalArgumentException("a packed flag cell of " + numChan + " channels and " + numPol
                    + " polarizations has " + PackedCells.flagBytes(numChan * numPol) + " bytes, not " + flags.length);
        }
        return PackedCells.flagAt(flags, k);
    }

    /**
     * Mean of the unflagged values of polarization {@code pol} over channels [{@code chanStart},
     * {@code chanEnd}) (clipped to the cell), unweighted, in double precision.
     *
     * @param flags packed flag cell of the same shape, or null when nothing is flagged
     * @return the mean and how many channels went into it, or null when none did (all flagged, empty
     *     range, or {@code pol} outside the cell)
     */
    public static ChannelMean channelMean(byte[] cell, byte[] flags, int numPol, int pol, int chanStart, int chanEnd) {
        int numChan = channelCount(cell, numPol);
        if (pol < 0 || pol >= numPol) {
            return null;
        }
        if (flags != null && PackedCells.flagBytes(numChan * numPol) > flags.length) {
            throw new IllegalArgumentException("the flag cell has " + flags.length + " bytes, the data cell "
                    + numChan + " channels of " + numPol + " polarizations");
        }
        int lo = Math.max(0, chanStart);
        int hi = Math.min(numChan, chanEnd);
        double re = 0;
        double im = 0;
        int n = 0;
        for (int c = lo; c < hi; c++) {
            int k = c * numPol + pol;
            if (flags == null || !PackedCells.flagAt(flags, k)) {
                re += PackedCells.floatAt(cell, 2 * k);
                im += PackedCells.floatAt(cell, 2 * k + 1);
                n++;
            }
        }
        return n == 0 ? null : new ChannelMean(re / n, im / n, n);
    }

    private static int valueIndex(byte[] cell, int numPol, int chan, int pol) {
        int numChan = channelCount(cell, numPol);
        if (pol < 0 || pol >= numPol || chan < 0 || chan >= numChan) {
            return -1;
        }
        return chan * numPol + pol;
    }

    /** A channel-averaged complex value and the number of channels averaged. */
    public record ChannelMean(double re, double im, int channels) {
        public double amplitude() {
            return Math.hypot(re, im);
        }

        /** Radians, atan2(im, re). */
        public double phase() {
            return Math.atan2(im, re);
        }
    }
}
