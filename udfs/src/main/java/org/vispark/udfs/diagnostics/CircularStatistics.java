package org.vispark.udfs.diagnostics;

/** Circular statistics of phases. */
public final class CircularStatistics {
    private CircularStatistics() {}

    /**
     * The circular standard deviation {@code sqrt(-2 ln R)} (degrees) of phases whose mean resultant length (length
     * of the mean of their unit phasors) is R in [0, 1]: 0 for identical phases, growing without bound as R goes to
     * 0; for a wrapped normal distribution it equals the standard deviation of the unwrapped phases. NaN for NaN.
     */
    public static double circularStd_deg(double meanResultantLength) {
        if (Double.isNaN(meanResultantLength)) {
            return Double.NaN;
        }
        double r = Math.min(1, Math.max(0, meanResultantLength));
        return Math.toDegrees(Math.sqrt(-2 * Math.log(r) + 0.0));
    }
}
