package org.vispark.formats.uvh5;

/**
 * UVH5 {@code polarization_array} codes (AIPS convention, as pyuvdata writes them) to MS CORR_TYPE
 * (casacore's Stokes enum): I, Q, U, V = 1..4 stay 1..4; RR, LL, RL, LR = -1..-4 become 5, 8, 6, 7;
 * XX, YY, XY, YX = -5..-8 become 9, 12, 10, 11.
 */
public final class PolarizationCodes {
    private PolarizationCodes() {}

    /** The MS correlation type of one UVH5 polarization code. */
    public static int toCorrType(int uvh5Code) {
        return switch (uvh5Code) {
            case 1, 2, 3, 4 -> uvh5Code;
            case -1 -> 5;
            case -2 -> 8;
            case -3 -> 6;
            case -4 -> 7;
            case -5 -> 9;
            case -6 -> 12;
            case -7 -> 10;
            case -8 -> 11;
            default -> throw new IllegalArgumentException("polarization code " + uvh5Code
                    + " has no MS correlation type (pseudo-Stokes codes -9..-12 are not supported)");
        };
    }

    /** {@link #toCorrType} of each code. */
    public static int[] toCorrTypes(int[] uvh5Codes) {
        int[] out = new int[uvh5Codes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = toCorrType(uvh5Codes[i]);
        }
        return out;
    }
}
