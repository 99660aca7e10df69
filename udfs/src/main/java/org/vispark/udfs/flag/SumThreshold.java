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
                columns.refreshStaleColumns();
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
        /**
         * Per line an upper bound on the magnitude of its window sums at the last length flagged (infinite when
         * unknown: the line has changed since), so that a length whose bound from the one before lies within its
         * threshold is passed by without a scan: the threshold of the sum grows by {@code base} (1.5) per doubling,
         * the bound by 2, and noise's largest sum by about {@code sqrt 2}, so most lines are scanned at a few
         * lengths only.
         */
        private final double[] largest;
        /** Lines whose flags changed since their range and prefix sums were made. */
        final boolean[] stale;
        private final int[] cover;
        /** Running sums, minima and maxima of {@link #refreshStaleColumns}, per line. */
        private final double[] runSum;
        private final double[] runMin;
        private final double[] runMax;

        Lines(int count, int length, int lineStep, int sampleStep) {
            this.count = count;
            this.length = length;
            this.lineStep = lineStep;
            this.sampleStep = sampleStep;
            this.prefix = new double[count * (length + 1)];
            this.kept = new int[count * length];
            this.keptCount = new int[count];
            this.range = new double[count];
            this.largest = new double[count];
            this.stale = new boolean[count];
            this.cover = new int[length + 1];
            this.runSum = new double[count];
            this.runMin = new double[count];
            this.runMax = new double[count];
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
            // a window of m unflagged samples is two of m / 2: its sum is at most twice their largest
            double bound = Math.min(range[l], 2 * largest[l]);
            if (bound <= limit) {
                largest[l] = bound;
                return;
            }
            int k = keptCount[l];
            if (k < m) {
                return;
            }
            int p = l * (length + 1);
            double found = 0; // a reduction without an early exit: no branch per window
            for (int s = p; s + m <= p + k; s++) {
                found = Math.max(found, Math.abs(prefix[s + m] - prefix[s]));
            }
            largest[l] = found;
            if (!(found > limit)) {
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

        /**
         * Makes the stale lines anew, when they are columns ({@code lineStep} 1) and many: time step by time step
         * over all of them, so that the loads run along memory and the lines' running sums do not wait on each
         * other, where line by line each sum waits on the one before and every load is a row apart.
         */
        void refreshStaleColumns() {
            int n = 0;
            for (int l = 0; l < count; l++) {
                n += stale[l] ? 1 : 0;
            }
            if (lineStep != 1 || n < count / 4) {
                return; // left to refresh() line by line
            }
            for (int l = 0; l < count; l++) {
                if (stale[l]) {
                    keptCount[l] = 0;
                    runSum[l] = 0;
                    runMin[l] = 0;
                    runMax[l] = 0;
                    prefix[l * (length + 1)] = 0;
                }
            }
            for (int i = 0; i < length; i++) {
                int row = i * sampleStep;
                for (int l = 0; l < count; l++) {
                    if (stale[l] && !mask[row + l]) {
                        int k = keptCount[l];
                        double sum = runSum[l] + values[row + l];
                        kept[l * length + k] = i;
                        prefix[l * (length + 1) + k + 1] = sum;
                        keptCount[l] = k + 1;
                        runSum[l] = sum;
                        runMin[l] = Math.min(runMin[l], sum);
                        runMax[l] = Math.max(runMax[l], sum);
                    }
                }
            }
            for (int l = 0; l < count; l++) {
                if (stale[l]) {
                    range[l] = runMax[l] - runMin[l];
                    largest[l] = Double.POSITIVE_INFINITY;
                    stale[l] = false;
                }
            }
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
            largest[l] = Double.POSITIVE_INFINITY;
            stale[l] = false;
        }

    }
}
