package org.vispark.udfs.flag;

/**
 * Winsorized mean and standard deviation of the unmasked values of an array, the robust noise estimate AOFlagger
 * sets its thresholds from: the lowest and highest 10 % of the values are replaced by the 10th and 90th percentile
 * before the moments are taken, and the variance is divided by the winsorized variance of a unit Gaussian (so the
 * result estimates a Gaussian's sigma while RFI in up to 10 % of the values barely moves it).
 */
public final class RobustStatistics {
    /** The fraction winsorized at each end. */
    public static final double CLIP = 0.1;

    /**
     * Winsorized variance of a standard normal at 10 % / 90 %: 2 [Phi(q) - 1/2 - q phi(q)] + 2 CLIP q^2 with
     * q = 1.2815516 the 90th percentile (Phi the normal CDF, phi its density).
     */
    static final double GAUSSIAN_WINSORIZED_VARIANCE = gaussianWinsorizedVariance();

    /** Mean and sigma; {@code count} unmasked values (0: mean and sigma are NaN). */
    public record Estimate(double mean, double sigma, int count) {}

    private RobustStatistics() {}

    /** The estimate over {@code values[i]} with {@code !mask[i]} and a finite value ({@code mask} may be null). */
    public static Estimate winsorized(float[] values, boolean[] mask) {
        float[] kept = new float[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if ((mask == null || !mask[i]) && Float.isFinite(values[i])) {
                kept[n++] = values[i];
            }
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        int lowIndex = (int) Math.floor(CLIP * n);
        int highIndex = Math.max(lowIndex, (int) Math.ceil((1 - CLIP) * n) - 1);
        float[] bounds = new FloatSelection().ranks(kept, n, lowIndex, highIndex);
        float low = bounds[0];
        float high = bounds[1];
        double mean = clampedSum(kept, n, low, high, 0, false) / n;
        double sq = clampedSum(kept, n, low, high, mean, true);
        return new Estimate(mean, Math.sqrt(sq / n / GAUSSIAN_WINSORIZED_VARIANCE), n);
    }

    /**
     * The sum over {@code v[0..n)} clamped to {@code [low, high]}, less {@code offset}, of the values or (with
     * {@code squares}) of their squares; in four running sums, so that the additions do not wait on each other.
     */
    private static double clampedSum(float[] v, int n, float low, float high, double offset, boolean squares) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a = Math.min(high, Math.max(low, v[i])) - offset;
            double b = Math.min(high, Math.max(low, v[i + 1])) - offset;
            double c = Math.min(high, Math.max(low, v[i + 2])) - offset;
            double d = Math.min(high, Math.max(low, v[i + 3])) - offset;
            s0 += squares ? a * a : a;
            s1 += squares ? b * b : b;
            s2 += squares ? c * c : c;
            s3 += squares ? d * d : d;
        }
        for (; i < n; i++) {
            double a = Math.min(high, Math.max(low, v[i])) - offset;
            s0 += squares ? a * a : a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double gaussianWinsorizedVariance() {
        double q = 1.2815515655446004;
        double phi = Math.exp(-q * q / 2) / Math.sqrt(2 * Math.PI);
        // integral of x^2 phi(x) over [-q, q] = (2 Phi(q) - 1) - 2 q phi(q), with 2 Phi(q) - 1 = 1 - 2 CLIP
        return (1 - 2 * CLIP) - 2 * q * phi + 2 * CLIP * q * q;
    }
}
