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

    /** Each thread's buffers, kept between calls: a flag run makes many on planes of one size. */
    private static final ThreadLocal<FloatSelection> SELECTION = ThreadLocal.withInitial(FloatSelection::new);

    private RobustStatistics() {}

    /** The estimate over {@code values[i]} with {@code !mask[i]} and a finite value ({@code mask} may be null). */
    public static Estimate winsorized(float[] values, boolean[] mask) {
        FloatSelection selection = SELECTION.get();
        int n = selection.load(values, mask);
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        int lowIndex = (int) Math.floor(CLIP * n);
        int highIndex = Math.max(lowIndex, (int) Math.ceil((1 - CLIP) * n) - 1);
        float[] bounds = selection.ranks(lowIndex, highIndex);
        double[] moments = clampedMoments(selection.kept(), n, bounds[0], bounds[1]);
        return new Estimate(moments[0], Math.sqrt(moments[1] / n / GAUSSIAN_WINSORIZED_VARIANCE), n);
    }

    /**
     * Mean and sum of squared deviations of {@code v[0..n)} clamped to {@code [low, high]}, in one pass: sums of
     * the clamped values less the interval's centre {@code k} and of their squares ({@code sum (c - mean)^2 =
     * sum (c - k)^2 - n (mean - k)^2}; about the centre, every term is at most half the interval, so nothing large
     * cancels), each in two running sums that do not wait on each other.
     */
    private static double[] clampedMoments(float[] v, int n, float low, float high) {
        double k = (low + (double) high) / 2;
        double s0 = 0;
        double s1 = 0;
        double q0 = 0;
        double q1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double a = clamp(v[i], low, high) - k;
            double b = clamp(v[i + 1], low, high) - k;
            s0 += a;
            s1 += b;
            q0 += a * a;
            q1 += b * b;
        }
        if (i < n) {
            double a = clamp(v[i], low, high) - k;
            s0 += a;
            q0 += a * a;
        }
        double sum = s0 + s1;
        return new double[] {k + sum / n, Math.max(0, (q0 + q1) - sum * sum / n)};
    }

    /** {@code x} within {@code [low, high]}, without a branch (a fifth of the values lie outside). */
    private static float clamp(float x, float low, float high) {
        return Math.min(high, Math.max(low, x));
    }

    private static double gaussianWinsorizedVariance() {
        double q = 1.2815515655446004;
        double phi = Math.exp(-q * q / 2) / Math.sqrt(2 * Math.PI);
        // integral of x^2 phi(x) over [-q, q] = (2 Phi(q) - 1) - 2 q phi(q), with 2 Phi(q) - 1 = 1 - 2 CLIP
        return (1 - 2 * CLIP) - 2 * q * phi + 2 * CLIP * q * q;
    }
}
