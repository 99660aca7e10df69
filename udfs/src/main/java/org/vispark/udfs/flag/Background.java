package org.vispark.udfs.flag;

import java.util.Arrays;

/**
 * Smooth backgrounds of a time-frequency plane ({@code values[t * numChan + c]}) that ignore masked samples, whose
 * subtraction leaves RFI standing out of noise: the per-channel median over time (the first pass, before any flag
 * is known: robust to RFI in under half of a channel's samples) and a masked Gaussian low-pass filter
 * ({@code sum K (w v) / sum K w}, {@code w} 0 where masked), AOFlagger's high-pass filtering step.
 */
public final class Background {
    private Background() {}

    /** Per-channel median of the unmasked samples; a channel with none gets its samples themselves (residual 0). */
    public static float[] channelMedian(float[] values, boolean[] mask, int numTime, int numChan) {
        float[] out = new float[values.length];
        float[] column = new float[numTime];
        for (int c = 0; c < numChan; c++) {
            int n = 0;
            for (int t = 0; t < numTime; t++) {
                if (!mask[t * numChan + c]) {
                    column[n++] = values[t * numChan + c];
                }
            }
            float median = Float.NaN;
            if (n > 0) {
                Arrays.sort(column, 0, n);
                median = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
            }
            for (int t = 0; t < numTime; t++) {
                out[t * numChan + c] = n > 0 ? median : values[t * numChan + c];
            }
        }
        return out;
    }

    /**
     * Masked Gaussian smoothing with standard deviations {@code sigmaTime} and {@code sigmaChan} (samples), the kernel
     * cut at 3 sigma. As AOFlagger does, time steps are first averaged in groups of {@code average} (masked samples
     * left out) and the result is interpolated back (linearly between the groups' centres); along frequency a local
     * linear fit (a kernel-weighted straight line through each channel's neighbourhood: unbiased on a sloped
     * spectrum at the band edges and beside masked channels, where a weighted mean lags), along time a weighted mean
     * (the frequency fit's weights carried). A sample with no unmasked sample within reach keeps its value
     * (residual 0).
     */
    public static float[] gaussian(float[] values, boolean[] mask, int numTime, int numChan, double sigmaTime,
            double sigmaChan, int average) {
        int coarse = (numTime + average - 1) / average;
        double[] mean = new double[coarse * numChan];
        double[] count = new double[coarse * numChan];
        for (int t = 0; t < numTime; t++) {
            int row = (t / average) * numChan;
            for (int c = 0; c < numChan; c++) {
                if (!mask[t * numChan + c]) {
                    mean[row + c] += values[t * numChan + c];
                    count[row + c]++;
                }
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] = count[i] > 0 ? mean[i] / count[i] : 0;
        }
        double[] kc = kernel(sigmaChan);
        int half = kc.length - 1;
        double[] num = new double[mean.length];
        double[] weight = new double[mean.length];
        for (int g = 0; g < coarse; g++) {
            int row = g * numChan;
            for (int c = 0; c < numChan; c++) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double t0 = 0;
                double t1 = 0;
                int from = Math.max(0, c - half);
                int to = Math.min(numChan - 1, c + half);
                for (int j = from; j <= to; j++) {
                    double w = kc[Math.abs(j - c)] * count[row + j];
                    int x = j - c;
                    double wx = w * x;
                    s0 += w;
                    s1 += wx;
                    s2 += wx * x;
                    t0 += w * mean[row + j];
                    t1 += wx * mean[row + j];
                }
                if (s0 <= 0) {
                    continue;
                }
                double det = s0 * s2 - s1 * s1;
                // the line's value at x = 0; points at one x only fall back to their mean
                double fit = det > 1e-9 * s0 * s0 ? (s2 * t0 - s1 * t1) / det : t0 / s0;
                num[row + c] = fit * s0;
                weight[row + c] = s0;
            }
        }
        double[] kt = kernel(sigmaTime / average);
        num = convolve(num, coarse, numChan, kt, true);
        double[] den = convolve(weight, coarse, numChan, kt, true);
        float[] out = new float[values.length];
        for (int t = 0; t < numTime; t++) {
            double x = (t + 0.5) / average - 0.5;
            int g0 = Math.max(0, Math.min(coarse - 1, (int) Math.floor(x)));
            int g1 = Math.min(coarse - 1, g0 + 1);
            double f = Math.max(0, Math.min(1, x - g0));
            for (int c = 0; c < numChan; c++) {
                int i0 = g0 * numChan + c;
                int i1 = g1 * numChan + c;
                boolean ok0 = den[i0] > 1e-9;
                boolean ok1 = den[i1] > 1e-9;
                int i = t * numChan + c;
                if (ok0 && ok1) {
                    out[i] = (float) ((1 - f) * num[i0] / den[i0] + f * num[i1] / den[i1]);
                } else if (ok0 || ok1) {
                    out[i] = (float) (ok0 ? num[i0] / den[i0] : num[i1] / den[i1]);
                } else {
                    out[i] = values[i];
                }
            }
        }
        return out;
    }

    /** Half a symmetric Gaussian kernel, {@code k[0]} the centre, to 3 sigma (just the centre for sigma 0). */
    static double[] kernel(double sigma) {
        int half = (int) Math.ceil(3 * sigma);
        double[] k = new double[half + 1];
        for (int i = 0; i <= half; i++) {
            k[i] = sigma > 0 ? Math.exp(-0.5 * i * i / (sigma * sigma)) : 1;
        }
        return k;
    }

    private static double[] convolve(double[] in, int numTime, int numChan, double[] k, boolean alongTime) {
        double[] out = new double[in.length];
        int half = k.length - 1;
        int n = alongTime ? numTime : numChan;
        int stride = alongTime ? numChan : 1;
        int lines = alongTime ? numChan : numTime;
        int lineStep = alongTime ? 1 : numChan;
        for (int l = 0; l < lines; l++) {
            int base = l * lineStep;
            for (int i = 0; i < n; i++) {
                double s = k[0] * in[base + i * stride];
                int reach = Math.min(half, Math.max(i, n - 1 - i));
                for (int j = 1; j <= reach; j++) {
                    if (i - j >= 0) {
                        s += k[j] * in[base + (i - j) * stride];
                    }
                    if (i + j < n) {
                        s += k[j] * in[base + (i + j) * stride];
                    }
                }
                out[base + i * stride] = s;
            }
        }
        return out;
    }
}
