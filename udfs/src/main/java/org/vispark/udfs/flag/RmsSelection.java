package org.vispark.udfs.flag;

/**
 * AOFlagger's time-step and channel selection: the RMS of each time step (or channel) over its residuals (those
 * not yet masked and, in {@link RfiFlagger}, within 3 sigma of the background: RFI left over by SumThreshold is not
 * what this looks for, and one such sample would lift a whole time step's RMS),
 * less the median of those RMS values, is compared with their standard deviation about zero, and a whole time step
 * (channel) is masked when it lies more than {@code k} of those away (time steps: either way; channels: above
 * only); repeated without the masked ones until none is added. Catches weak broadband bursts (and weak persistent
 * lines) that no window of SumThreshold lifts over its threshold.
 */
public final class RmsSelection {
    private RmsSelection() {}

    /**
     * Masks (in {@code mask}) the time steps of {@code residual} whose RMS over the samples {@code measured} leaves
     * out is over {@code k} sigma high.
     */
    public static void timeSteps(float[] residual, boolean[] measured, boolean[] mask, int numTime, int numChan,
            double k) {
        float[] rms = new float[numTime];
        for (int t = 0; t < numTime; t++) {
            rms[t] = rms(residual, measured, t * numChan, numChan);
        }
        boolean[] select = select(rms, k, true);
        for (int t = 0; t < numTime; t++) {
            if (select[t]) {
                java.util.Arrays.fill(mask, t * numChan, (t + 1) * numChan, true);
            }
        }
    }

    /** The same for channels. */
    public static void channels(float[] residual, boolean[] measured, boolean[] mask, int numTime, int numChan,
            double k) {
        // summed time step by time step, each channel's terms in time order as rms() would take them
        double[] sq = new double[numChan];
        int[] count = new int[numChan];
        for (int t = 0; t < numTime; t++) {
            for (int c = 0; c < numChan; c++) {
                int at = t * numChan + c;
                if (!measured[at]) {
                    sq[c] += (double) residual[at] * residual[at];
                    count[c]++;
                }
            }
        }
        float[] rms = new float[numChan];
        for (int c = 0; c < numChan; c++) {
            rms[c] = count[c] == 0 ? Float.NaN : (float) Math.sqrt(sq[c] / count[c]);
        }
        boolean[] select = select(rms, k, false);
        for (int c = 0; c < numChan; c++) {
            if (select[c]) {
                for (int t = 0; t < numTime; t++) {
                    mask[t * numChan + c] = true;
                }
            }
        }
    }

    /** RMS of the unmasked values of {@code v[start..start + n)}, NaN when all are masked. */
    private static float rms(float[] v, boolean[] mask, int start, int n) {
        double sq = 0;
        int count = 0;
        for (int at = start; at < start + n; at++) {
            if (!mask[at]) {
                sq += (double) v[at] * v[at];
                count++;
            }
        }
        return count == 0 ? Float.NaN : (float) Math.sqrt(sq / count);
    }

    /** Iterative k-sigma clipping of the median-subtracted RMS values ({@code low}: also those k sigma low). */
    static boolean[] select(float[] rms, double k, boolean low) {
        boolean[] out = new boolean[rms.length];
        float[] finite = new float[rms.length];
        int n = 0;
        for (float v : rms) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        if (n < 3) {
            return out;
        }
        java.util.Arrays.sort(finite, 0, n);
        double median = n % 2 == 1 ? finite[n / 2] : (finite[n / 2 - 1] + finite[n / 2]) / 2.0;
        boolean[] gone = new boolean[rms.length];
        for (int i = 0; i < rms.length; i++) {
            gone[i] = !Float.isFinite(rms[i]);
        }
        boolean change = true;
        while (change) {
            double sq = 0;
            int count = 0;
            for (int i = 0; i < rms.length; i++) {
                if (!gone[i]) {
                    double d = rms[i] - median;
                    sq += d * d;
                    count++;
                }
            }
            double sigma = Math.sqrt(sq / Math.max(1, count));
            change = false;
            if (!(sigma > 0)) {
                break;
            }
            for (int i = 0; i < rms.length; i++) {
                double d = rms[i] - median;
                if (!gone[i] && (d > k * sigma || (low && -d > k * sigma))) {
                    gone[i] = true;
                    out[i] = true;
                    change = true;
                }
            }
        }
        return out;
    }
}
