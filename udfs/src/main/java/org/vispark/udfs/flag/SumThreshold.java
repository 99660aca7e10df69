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
        // A line reads and writes only its own samples, so each line's flags can go straight into mask.
        float[] line = new float[Math.max(numTime, numChan)];
        boolean[] lineMask = new boolean[line.length];
        boolean[] lineOut = new boolean[line.length];
        double[] prefix = new double[line.length + 1];
        int[] kept = new int[line.length];
        int[] cover = new int[line.length + 1];
        for (int m = 1; m <= maxWindow && m <= Math.max(numTime, numChan); m *= 2) {
            double chi = chi1 * Math.pow(base, Math.log(m) / Math.log(2)) / m;
            if (m <= numChan) {
                for (int t = 0; t < numTime; t++) {
                    int row = t * numChan;
                    if (m == 1) {
                        for (int c = 0; c < numChan; c++) {
                            mask[row + c] |= Math.abs((double) values[row + c]) > chi;
                        }
                        continue;
                    }
                    System.arraycopy(values, row, line, 0, numChan);
                    System.arraycopy(mask, row, lineMask, 0, numChan);
                    if (line(line, lineMask, numChan, m, chi, lineOut, prefix, kept, cover)) {
                        for (int c = 0; c < numChan; c++) {
                            mask[row + c] |= lineOut[c];
                        }
                    }
                }
            }
            if (m <= numTime && m > 1) {
                for (int c = 0; c < numChan; c++) {
                    for (int t = 0; t < numTime; t++) {
                        line[t] = values[t * numChan + c];
                        lineMask[t] = mask[t * numChan + c];
                    }
                    if (line(line, lineMask, numTime, m, chi, lineOut, prefix, kept, cover)) {
                        for (int t = 0; t < numTime; t++) {
                            mask[t * numChan + c] |= lineOut[t];
                        }
                    }
                }
            }
        }
    }

    /**
     * One line of {@code n} samples, window {@code m}: sets {@code out[i]} for the samples of every window over the
     * threshold (and only those); returns whether any was ({@code out} is left as it was when none was). Windows are taken over the unflagged samples only.
     */
    static boolean line(float[] v, boolean[] flagged, int n, int m, double chi, boolean[] out, double[] prefix,
            int[] kept, int[] cover) {
        int k = 0;
        prefix[0] = 0;
        for (int i = 0; i < n; i++) {
            if (!flagged[i]) {
                kept[k] = i;
                prefix[k + 1] = prefix[k] + v[i];
                k++;
            }
        }
        if (k < m) {
            return false;
        }
        double limit = chi * m;
        int first = 0;
        while (first + m <= k && !(Math.abs(prefix[first + m] - prefix[first]) > limit)) {
            first++;
        }
        if (first + m > k) {
            return false; // the common case: no window over the threshold, nothing else to do
        }
        java.util.Arrays.fill(out, 0, n, false);
        java.util.Arrays.fill(cover, 0, k + 1, 0);
        for (int s = first; s + m <= k; s++) {
            if (Math.abs(prefix[s + m] - prefix[s]) > limit) {
                cover[s]++;
                cover[s + m]--;
            }
        }
        int run = 0;
        for (int j = 0; j < k; j++) {
            run += cover[j];
            if (run > 0) {
                out[kept[j]] = true;
            }
        }
        return true;
    }
}
