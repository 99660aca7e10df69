package org.vispark.udfs.vis;

import java.util.Arrays;

/**
 * The correlations of a cell's polarization axis, as an MS POLARIZATION row's CORR_TYPE gives them: casacore Stokes
 * codes I = 1, Q = 2, U = 3, V = 4, RR = 5, RL = 6, LR = 7, LL = 8, XX = 9, XY = 10, YX = 11, YY = 12.
 *
 * <p>Convention (CASA's, without a factor 1/2): linear feeds XX = I + Q, XY = U + iV, YX = U - iV, YY = I - Q;
 * circular feeds RR = I + V, RL = Q + iU, LR = Q - iU, LL = I - V. So an unpolarized source of flux density I gives
 * I on the parallel hands (XX, YY, RR, LL, and Stokes I itself) and 0 on the cross hands (XY, YX, RL, LR) and on
 * Stokes Q, U, V. Mixed-basis codes (RX ...) and the others of casacore's enum are refused.
 */
public final class Correlations {
    public static final int I = 1;
    public static final int RR = 5;
    public static final int RL = 6;
    public static final int LR = 7;
    public static final int LL = 8;
    public static final int XX = 9;
    public static final int XY = 10;
    public static final int YX = 11;
    public static final int YY = 12;

    private static final String[] NAMES = {"Undefined", "I", "Q", "U", "V", "RR", "RL", "LR", "LL", "XX", "XY", "YX",
        "YY"};

    private Correlations() {}

    /** True for XX, YY, RR, LL (a feed with itself). */
    public static boolean isParallelHand(int code) {
        name(code);
        return code == XX || code == YY || code == RR || code == LL;
    }

    /** True for XY, YX, RL, LR (one feed with the other). */
    public static boolean isCrossHand(int code) {
        name(code);
        return code == XY || code == YX || code == RL || code == LR;
    }

    /** The name of a code (e.g. "XX"); a code this class does not know is an error naming it. */
    public static String name(int code) {
        if (code < I || code >= NAMES.length) {
            throw new IllegalArgumentException("correlation type " + code + " is not one of the Stokes codes I, Q, U, V,"
                    + " RR, RL, LR, LL, XX, XY, YX, YY (1..12)");
        }
        return NAMES[code];
    }

    /**
     * The factor of Stokes I in each correlation for an unpolarized source: 1 for the parallel hands and Stokes I,
     * 0 for the cross hands and Stokes Q, U, V.
     */
    public static float[] unpolarizedResponse(int[] corrTypes) {
        if (corrTypes.length == 0) {
            throw new IllegalArgumentException("no correlations");
        }
        float[] out = new float[corrTypes.length];
        for (int k = 0; k < corrTypes.length; k++) {
            out[k] = isParallelHand(corrTypes[k]) || corrTypes[k] == I ? 1f : 0f;
        }
        return out;
    }

    /**
     * The feeds a correlation multiplies, as the letters of its name: {@code "XY"} for XY (feed X of ANTENNA1, feed Y
     * of ANTENNA2). Stokes I, Q, U, V are not feed products and are refused.
     */
    public static String feedPair(int code) {
        if (!isParallelHand(code) && !isCrossHand(code)) {
            throw new IllegalArgumentException("correlation " + name(code) + " is a Stokes parameter, not a product of"
                    + " two feeds");
        }
        return name(code);
    }

    /** The names of the codes, e.g. "[RR, RL, LR, LL]". */
    public static String names(int[] corrTypes) {
        return Arrays.toString(Arrays.stream(corrTypes).mapToObj(Correlations::name).toArray());
    }
}
