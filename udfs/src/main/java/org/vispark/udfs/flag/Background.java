package org.vispark.udfs.flag;

/**
 * Smooth backgrounds of a time-frequency plane ({@code values[t * numChan + c]}) that ignore masked samples, whose
 * subtraction leaves RFI standing out of noise: the per-channel median over time (the first pass, before any flag
 * is known: robust to RFI in under half of a channel's samples) and a masked Gaussian low-pass filter
 * ({@code sum K (w v) / sum K w}, {@code w} 0 where masked), AOFlagger's high-pass filtering step.
 */
public final class Background {
    private Background() {}

    /**
     * Per-channel median of the unmasked samples; a channel with none gets its samples themselves (residual 0). All
     * channels are sorted at once by a sorting network over the time steps ({@link MergeNetwork}; masked samples as
     * +infinity, so they sort last): each comparator is an element-wise min and max of two time steps' rows, which
     * the JIT vectorizes, where a sort per channel would branch on every comparison.
     */
    public static float[] channelMedian(float[] values, boolean[] mask, int numTime, int numChan) {
        float[] sorted = new float[values.length];
        int[] count = new int[numChan];
        for (int t = 0; t < numTime; t++) {
            int o = t * numChan;
            for (int c = 0; c < numChan; c++) {
                boolean kept = !mask[o + c];
                sorted[o + c] = kept ? values[o + c] : Float.POSITIVE_INFINITY;
                count[c] += kept ? 1 : 0;
            }
        }
        int[] network = MergeNetwork.of(numTime);
        for (int k = 0; k < network.length; k += 2) {
            int a = network[k] * numChan;
            int b = network[k + 1] * numChan;
            for (int c = 0; c < numChan; c++) {
                float x = sorted[a + c];
                float y = sorted[b + c];
                sorted[a + c] = Math.min(x, y);
                sorted[b + c] = Math.max(x, y);
            }
        }
        float[] median = new float[numChan];
        for (int c = 0; c < numChan; c++) {
            int n = count[c];
            median[c] = n == 0 ? Float.NaN : n % 2 == 1 ? sorted[(n / 2) * numChan + c]
                    : (sorted[(n / 2 - 1) * numChan + c] + sorted[(n / 2) * numChan + c]) / 2;
        }
        float[] out = sorted; // reused: the sorted rows are no longer needed
        for (int t = 0; t < numTime; t++) {
            int o = t * numChan;
            for (int c = 0; c < numChan; c++) {
                out[o + c] = count[c] > 0 ? median[c] : values[o + c];
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
        double[] num = new double[mean.length];
        double[] weight = new double[mean.length];
        LineFit fit = new LineFit(kernel(sigmaChan), numChan);
        for (int g = 0; g < coarse; g++) {
            fit.row(mean, count, g * numChan, Math.min(average, numTime - g * average), num, weight);
        }
        double[] kt = kernel(sigmaTime / average);
        num = convolveTime(num, coarse, numChan, kt);
        double[] den = convolveTime(weight, coarse, numChan, kt);
        double[] smooth = num; // num / den where den is usable, else NaN (no unmasked sample within reach)
        for (int i = 0; i < smooth.length; i++) {
            smooth[i] = den[i] > 1e-9 ? num[i] / den[i] : Double.NaN;
        }
        float[] out = new float[values.length];
        for (int t = 0; t < numTime; t++) {
            double x = (t + 0.5) / average - 0.5;
            int g0 = Math.max(0, Math.min(coarse - 1, (int) Math.floor(x)));
            int g1 = Math.min(coarse - 1, g0 + 1);
            double f = Math.max(0, Math.min(1, x - g0));
            int o = t * numChan;
            for (int c = 0; c < numChan; c++) {
                double a = smooth[g0 * numChan + c];
                double b = smooth[g1 * numChan + c];
                double v = (1 - f) * a + f * b;
                if (Double.isNaN(v)) {
                    v = Double.isNaN(a) ? (Double.isNaN(b) ? values[o + c] : b) : a;
                }
                out[o + c] = (float) v;
            }
        }
        return out;
    }

    private static final java.util.concurrent.ConcurrentHashMap<Double, double[]> KERNELS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Half a symmetric Gaussian kernel, {@code k[0]} the centre, to 3 sigma (just the centre for sigma 0). Shared
     * between calls: do not modify.
     */
    static double[] kernel(double sigma) {
        return KERNELS.computeIfAbsent(sigma, Background::makeKernel);
    }

    private static double[] makeKernel(double sigma) {
        int half = (int) Math.ceil(3 * sigma);
        double[] k = new double[half + 1];
        for (int i = 0; i <= half; i++) {
            k[i] = sigma > 0 ? Math.exp(-0.5 * i * i / (sigma * sigma)) : 1;
        }
        return k;
    }

    /**
     * {@code in} (rows of {@code numChan}, {@code numTime} of them) convolved along time with the symmetric kernel
     * {@code k} (samples beyond the ends left out), row by row so that the inner loops run along the channels.
     */
    private static double[] convolveTime(double[] in, int numTime, int numChan, double[] k) {
        double[] out = new double[in.length];
        for (int i = 0; i < numTime; i++) {
            int o = i * numChan;
            for (int c = 0; c < numChan; c++) {
                out[o + c] = k[0] * in[o + c];
            }
            // the same order of additions per sample as a sum over the taps: j = 1, 2, ..., earlier before later
            for (int j = 1; j < k.length; j++) {
                if (i - j >= 0) {
                    addScaled(out, o, in, (i - j) * numChan, k[j], numChan);
                }
                if (i + j < numTime) {
                    addScaled(out, o, in, (i + j) * numChan, k[j], numChan);
                }
            }
        }
        return out;
    }

    private static void addScaled(double[] out, int o, double[] in, int from, double k, int n) {
        for (int c = 0; c < n; c++) {
            out[o + c] += k * in[from + c];
        }
    }

    /**
     * The local straight-line fit along frequency of one row of channel means with their counts: for each channel
     * the Gaussian- and count-weighted least-squares line through its neighbourhood, evaluated at the channel.
     * Channels whose neighbourhood lies inside the row are fitted two at a time (two independent chains of
     * additions, each channel's sums taking its neighbours in order, as one at a time does). Where every cell of the
     * neighbourhood is whole (no sample masked: the count of a whole group), the weights and their moments are
     * those of any such channel, made once; only the sums over the means remain.
     */
    private static final class LineFit {
        /** The whole kernel, offsets -half..half. */
        private final double[] k;
        private final int half;
        private final int numChan;
        /** For whole cells of {@link #wholeCount} samples: the weights, weights times offset, and their sums. */
        private final double[] w;
        private final double[] wx;
        private double wholeCount = -1;
        private double w0;
        private double w1;
        private double w2;
        /** How many cells before each channel are not whole. */
        private final int[] broken;

        LineFit(double[] halfKernel, int numChan) {
            this.half = halfKernel.length - 1;
            this.k = new double[2 * half + 1];
            for (int x = -half; x <= half; x++) {
                k[x + half] = halfKernel[Math.abs(x)];
            }
            this.numChan = numChan;
            this.w = new double[k.length];
            this.wx = new double[k.length];
            this.broken = new int[numChan + 1];
        }

        /**
         * Fits row {@code mean[row..row + numChan)}, whose whole cells hold {@code whole} samples; writes
         * {@code fit * s0} and {@code s0} into num and weight.
         */
        void row(double[] mean, double[] count, int row, int whole, double[] num, double[] weight) {
            if (whole != wholeCount) {
                wholeWeights(whole);
            }
            for (int c = 0; c < numChan; c++) {
                broken[c + 1] = broken[c] + (count[row + c] != whole ? 1 : 0);
            }
            int c = 0;
            while (c < numChan) {
                boolean inside = c >= half && c + 1 + half < numChan;
                if (inside && broken[c + 2 + half] == broken[c - half]) {
                    wholePair(mean, row, c, num, weight);
                    c += 2;
                } else if (inside) {
                    pair(mean, count, row, c, num, weight);
                    c += 2;
                } else {
                    single(mean, count, row, c, num, weight);
                    c++;
                }
            }
        }

        private void wholeWeights(int whole) {
            wholeCount = whole;
            w0 = 0;
            w1 = 0;
            w2 = 0;
            for (int x = -half; x <= half; x++) {
                w[x + half] = k[x + half] * (double) whole;
                wx[x + half] = w[x + half] * x;
                w0 += w[x + half];
                w1 += wx[x + half];
                w2 += wx[x + half] * x;
            }
        }

        private void single(double[] mean, double[] count, int row, int c, double[] num, double[] weight) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double t0 = 0;
            double t1 = 0;
            for (int x = Math.max(-half, -c); x <= Math.min(half, numChan - 1 - c); x++) {
                int j = row + c + x;
                double w = k[x + half] * count[j];
                double wx = w * x;
                s0 += w;
                s1 += wx;
                s2 += wx * x;
                t0 += w * mean[j];
                t1 += wx * mean[j];
            }
            finish(row + c, s0, s1, s2, t0, t1, num, weight);
        }

        /** Channels c and c + 1, both with their whole neighbourhood inside the row. */
        private void pair(double[] mean, double[] count, int row, int c, double[] num, double[] weight) {
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double u0 = 0;
            double u1 = 0;
            double b0 = 0;
            double b1 = 0;
            double b2 = 0;
            double v0 = 0;
            double v1 = 0;
            for (int x = -half; x <= half; x++) {
                int j = row + c + x;
                double kx = k[x + half];
                double wa = kx * count[j];
                double wb = kx * count[j + 1];
                double wxa = wa * x;
                double wxb = wb * x;
                a0 += wa;
                b0 += wb;
                a1 += wxa;
                b1 += wxb;
                a2 += wxa * x;
                b2 += wxb * x;
                u0 += wa * mean[j];
                v0 += wb * mean[j + 1];
                u1 += wxa * mean[j];
                v1 += wxb * mean[j + 1];
            }
            finish(row + c, a0, a1, a2, u0, u1, num, weight);
            finish(row + c + 1, b0, b1, b2, v0, v1, num, weight);
        }

        /** Channels c and c + 1, their neighbourhoods inside the row and whole. */
        private void wholePair(double[] mean, int row, int c, double[] num, double[] weight) {
            double u0 = 0;
            double u1 = 0;
            double v0 = 0;
            double v1 = 0;
            for (int x = -half; x <= half; x++) {
                int j = row + c + x;
                u0 += w[x + half] * mean[j];
                v0 += w[x + half] * mean[j + 1];
                u1 += wx[x + half] * mean[j];
                v1 += wx[x + half] * mean[j + 1];
            }
            finish(row + c, w0, w1, w2, u0, u1, num, weight);
            finish(row + c + 1, w0, w1, w2, v0, v1, num, weight);
        }

        private static void finish(int i, double s0, double s1, double s2, double t0, double t1, double[] num,
                double[] weight) {
            if (s0 <= 0) {
                return;
            }
            double det = s0 * s2 - s1 * s1;
            // the line's value at x = 0; points at one x only fall back to their mean
            double fit = det > 1e-9 * s0 * s0 ? (s2 * t0 - s1 * t1) / det : t0 / s0;
            num[i] = fit * s0;
            weight[i] = s0;
        }
    }
}
