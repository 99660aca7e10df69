package org.vispark.udfs.flag;

/**
 * AOFlagger's time-step and channel selection: the RMS of each time step (or channel) over its unmasked residuals,
 * compared with the winsorized mean and sigma of those RMS values ({@link RobustStatistics}); a whole time step
 * (channel) is masked when its RMS lies more than {@code k} sigma above the mean. Catches weak broadband bursts
 * (and weak persistent lines) that no window of SumThreshold lifts over its threshold.
 */
public final class RmsSelection {
    private RmsSelection() {}

    /** Masks the time steps of {@code residual} whose RMS is over {@code k} sigma high. */
    public static void timeSteps(float[] residual, boolean[] mask, int numTime, int numChan, double k) {
        float[] rms = new float[numTime];
        for (int t = 0; t < numTime; t++) {
            rms[t] = rms(residual, mask, t * numChan, 1, numChan);
        }
        boolean[] select = select(rms, k);
        for (int t = 0; t < numTime; t++) {
            if (select[t]) {
                java.util.Arrays.fill(mask, t * numChan, (t + 1) * numChan, true);
            }
        }
    }

    /** Masks the channels of {@code residual} whose RMS is over {@code k} sigma high. */
    public static void channels(float[] residual, boolean[] mask, int numTime, int numChan, double k) {
        float[] rms = new float[numChan];
        for (int c = 0; c < numChan; c++) {
            rms[c] = rms(residual, mask, c, numChan, numTime);
        }
        boolean[] select = select(rms, k);
        for (int c = 0; c < numChan; c++) {
            if (select[c]) {
                for (int t = 0; t < numTime; t++) {
                    mask[t * numChan + c] = true;
                }
            }
        }
    }

    /** RMS of the unmasked values at {@code start + i * stride}, NaN when all are masked. */
    private static float rms(float[] v, boolean[] mask, int start, int stride, int n) {
        double sq = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            int at = start + i * stride;
            if (!mask[at]) {
                sq += (double) v[at] * v[at];
                count++;
            }
        }
        return count == 0 ? Float.NaN : (float) Math.sqrt(sq / count);
    }

    private static boolean[] select(float[] rms, double k) {
        RobustStatistics.Estimate e = RobustStatistics.winsorized(rms, null);
        boolean[] out = new boolean[rms.length];
        if (e.count() < 3 || !(e.sigma() > 0)) {
            return out;
        }
        double limit = e.mean() + k * e.sigma();
        for (int i = 0; i < rms.length; i++) {
            out[i] = Float.isFinite(rms[i]) && rms[i] > limit;
        }
        return out;
    }
}
