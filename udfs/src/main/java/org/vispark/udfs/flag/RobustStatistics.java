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
        double low = select(kept, 0, n, lowIndex);
        // the selection left v[lowIndex, n) no smaller than low: the high percentile is among them
        double high = select(kept, lowIndex, n, highIndex);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.min(high, Math.max(low, kept[i]));
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.min(high, Math.max(low, kept[i])) - mean;
            sq += d * d;
        }
        return new Estimate(mean, Math.sqrt(sq / n / GAUSSIAN_WINSORIZED_VARIANCE), n);
    }

    /**
     * The {@code k}-th smallest of {@code v[0..n)} (Hoare's selection, expected linear time); reorders {@code v}, so
     * that afterwards {@code v[0..k)} are no larger and {@code v(k..n)} no smaller.
     */
    static float select(float[] v, int n, int k) {
        return select(v, 0, n, k);
    }

    /**
     * The {@code k}-th smallest of {@code v[0..n)} when {@code v[from..n)} holds its {@code n - from} largest and
     * {@code k >= from}: selects within {@code v[from..n)} only, reordering it likewise.
     */
    static float select(float[] v, int from, int n, int k) {
        int lo = from;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot
            if (v[mid] < v[lo]) {
                swap(v, mid, lo);
            }
            if (v[hi] < v[lo]) {
                swap(v, hi, lo);
            }
            if (v[hi] < v[mid]) {
                swap(v, hi, mid);
            }
            float pivot = v[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(v, i++, j--);
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }

    private static void swap(float[] v, int a, int b) {
        float x = v[a];
        v[a] = v[b];
        v[b] = x;
    }

    private static double gaussianWinsorizedVariance() {
        double q = 1.2815515655446004;
        double phi = Math.exp(-q * q / 2) / Math.sqrt(2 * Math.PI);
        // integral of x^2 phi(x) over [-q, q] = (2 Phi(q) - 1) - 2 q phi(q), with 2 Phi(q) - 1 = 1 - 2 CLIP
        return (1 - 2 * CLIP) - 2 * q * phi + 2 * CLIP * q * q;
    }
}
