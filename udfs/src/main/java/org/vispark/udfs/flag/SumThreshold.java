package org.vispark.udfs.flag;

/**
 * The SumThreshold method of Offringa et al. (2010, MNRAS 405, 155) on a time-frequency plane of residuals
 * {@code values[t * numChan + c]} (time slowest): for window lengths M = 1, 2, 4, ... (up to {@code maxWindow} and
 * the plane's size along the direction), M consecutive unflagged samples along a channel (time direction) or along
 * a time step (frequency direction) are flagged together when {@code |their mean| > chi_M}, with
 * {@code chi_M = chi_1 * base^log2(M) / M} as AOFlagger's ThresholdConfig computes it (base 1.5: the threshold of
 * the mean falls as {@code M^-0.415}). Samples already flagged are skipped (the window stretches over them), as in
 * AOFlagger; each length sees the flags of the lengths before it. The sign is ignored: a residual plane has RFI
 * above the background and a notch below it.
 */
public final class SumThreshold {
    /** Each thread's rows and columns, kept between calls on planes of one shape (a flag run makes many). */
    private static final ThreadLocal<Lines[]> LINES = new ThreadLocal<>();

    private SumThreshold() {}

    /**
     * Flags {@code mask} (same layout as {@code values}) in both directions.
     *
     * @param chi1      threshold for M = 1, in the units of {@code values}
     * @param base      how the threshold falls with length (1.5 in AOFlagger)
     * @param maxWindow the longest window
     */
    public static void apply(float[] values, boolean[] mask, int numTime, int numChan, double chi1, double base,
            int maxWindow) {
        Lines[] both = LINES.get();
        if (both == null || both[0].count != numTime || both[0].length != numChan) {
            both = new Lines[] {new Lines(numTime, numChan, numChan, 1), new Lines(numChan, numTime, 1, numChan)};
            LINES.set(both);
        }
        Lines rows = both[0].on(values, mask);
        Lines columns = both[1].on(values, mask);
        for (int m = 1; m <= maxWindow && m <= Math.max(numTime, numChan); m *= 2) {
            double chi = chi1 * Math.pow(base, Math.log(m) / Math.log(2)) / m;
            if (m == 1) {
                for (int t = 0; t < numTime; t++) {
                    for (int c = 0; c < numChan; c++) {
                        int i = t * numChan + c;
                        if (!mask[i] && Math.abs((double) values[i]) > chi) {
                            mask[i] = true;
                            rows.stale[t] = true;
                            columns.stale[c] = true;
                        }
                    }
                }
                continue;
            }
            if (m <= numChan) {
                for (int t = 0; t < numTime; t++) {
                    rows.flag(t, m, chi * m, columns);
                }
            }
            if (m <= numTime) {
                for (int c = 0; c < numChan; c++) {
                    columns.flag(c, m, chi * m, rows);
                }
            }
        }
    }

    /**
     * The lines of one direction of the plane, each with the prefix sums of its unflagged samples, kept from one
     * window length to the next and made anew only for a line whose flags have changed since ({@code stale}). A
     * line's window sums are differences of its prefix sums, so none exceeds their range (largest less smallest):
     * a line whose range is within a window's threshold has no window over it, and is passed by without a scan.
     * That is most lines: a random walk of n noise samples spans about sqrt(n) sigma, where the threshold of the
     * sum of M samples grows as {@code M^0.585} times several sigma.
     */
    private static final class Lines {
        private float[] values;
        private boolean[] mask;
        private final int count;
        private final int length;
        private final int lineStep;
        private final int sampleStep;
        /** Per line {@code length + 1} prefix sums over its unflagged samples. */
        private final double[] prefix;
        /** Per line {@code length} positions: the j-th unflagged sample's index along the line. */
        private final int[] kept;
        private final int[] keptCount;
        private final double[] range;
        /** Lines whose flags changed since their range and prefix sums were made. */
        final boolean[] stale;
        private final int[] cover;

        Lines(int count, int length, int lineStep, int sampleStep) {
            this.count = count;
            this.length = length;
            this.lineStep = lineStep;
            this.sampleStep = sampleStep;
            this.prefix = new double[count * (length + 1)];
            this.kept = new int[count * length];
            this.keptCount = new int[count];
            this.range = new double[count];
            this.stale = new boolean[count];
            this.cover = new int[length + 1];
        }

        /** These lines over a plane's values and mask, every line to be made anew. */
        Lines on(float[] values, boolean[] mask) {
            this.values = values;
            this.mask = mask;
            java.util.Arrays.fill(stale, true);
            return this;
        }

        /**
         * Flags every unflagged sample of line {@code l} that lies in a window of {@code m} consecutive unflagged
         * samples whose sum exceeds {@code limit} in magnitude, and marks the lines of {@code across} through the
         * samples flagged (and this line) stale.
         */
        void flag(int l, int m, double limit, Lines across) {
            if (stale[l]) {
                refresh(l);
            }
            if (range[l] <= limit) {
                return;
            }
            int k = keptCount[l];
            if (k < m) {
                return;
            }
            int p = l * (length + 1);
            double largest = 0; // a reduction without an early exit: no branch per window
            for (int s = p; s + m <= p + k; s++) {
                largest = Math.max(largest, Math.abs(prefix[s + m] - prefix[s]));
            }
            if (!(largest > limit)) {
                return; // the common case: no window over the threshold, nothing else to do
            }
            java.util.Arrays.fill(cover, 0, k + 1, 0);
            for (int s = 0; s + m <= k; s++) {
                if (Math.abs(prefix[p + s + m] - prefix[p + s]) > limit) {
                    cover[s]++;
                    cover[s + m]--;
                }
            }
            int run = 0;
            int at = l * length;
            for (int j = 0; j < k; j++) {
                run += cover[j];
                if (run > 0) {
                    int i = kept[at + j];
                    mask[l * lineStep + i * sampleStep] = true;
                    across.stale[i] = true;
                }
            }
            stale[l] = true;
        }

        private void refresh(int l) {
            int p = l * (length + 1);
            int at = l * length;
            int k = 0;
            double sum = 0;
            double min = 0;
            double max = 0;
            prefix[p] = 0;
            for (int i = 0; i < length; i++) {
                int v = l * lineStep + i * sampleStep;
                if (!mask[v]) {
                    kept[at + k] = i;
                    sum += values[v];
                    k++;
                    prefix[p + k] = sum;
                    min = Math.min(min, sum);
                    max = Math.max(max, sum);
                }
            }
            keptCount[l] = k;
            range[l] = max - min;
            stale[l] = false;
        }

    }
}
