package org.vispark.formats.ms;

import java.io.Serializable;

/**
 * A row of the POLARIZATION subtable.
 *
 * @param id        row number
 * @param corrTypes Stokes codes of the correlations (casacore's Stokes enum: 9 = XX, 12 = YY, ...)
 * @param corrNames the same as names ("XX", "YY", "RR", ...)
 */
public record Polarization(int id, int[] corrTypes, String[] corrNames) implements Serializable {

    private static final String[] STOKES = {"Undefined", "I", "Q", "U", "V", "RR", "RL", "LR", "LL", "XX", "XY", "YX",
        "YY", "RX", "RY", "LX", "LY", "XR", "XL", "YR", "YL", "PP", "PQ", "QP", "QQ", "RCircular", "LCircular",
        "Linear", "Ptotal", "Plinear", "PFtotal", "PFlinear", "Pangle"};

    /** The name casacore gives a Stokes code. */
    public static String stokesName(int code) {
        return code >= 0 && code < STOKES.length ? STOKES[code] : "Stokes(" + code + ")";
    }
}
