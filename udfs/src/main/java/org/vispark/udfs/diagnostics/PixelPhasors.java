package org.vispark.udfs.diagnostics;

import org.vispark.udfs.rephase.ChannelPhasors;

/**
 * The phasors {@code exp(i 2 pi f_c d_p / c)} of every pixel p of a map at one channel c at a time, for path
 * differences {@code d_p} (metres) of one row: {@link #start} sets channel 0, {@link #next} moves to the next channel.
 * Arrays run over pixels, so the per-channel work of a map (this recurrence and the multiply-adds of
 * {@link FringeMapAccumulator}) is element-wise over pixels, which the JIT turns into vector instructions.
 *
 * <p>For a uniform frequency grid (every channel within 1 mHz of {@code f_0 + c df}) a channel is the one before
 * times {@code exp(i 2 pi df d_p / c)}, restarted exactly ({@code Math.sin/cos}) every
 * {@value ChannelPhasors#ANCHOR_EVERY} channels as {@link ChannelPhasors} does, which keeps the recurrence's error
 * below 1e-13 rad; other grids get {@code Math.sin/cos} per channel. Not thread-safe.
 */
final class PixelPhasors {
    private static final double TWO_PI_OVER_C = 2 * Math.PI / ChannelPhasors.C_M_PER_S;

    private final double[] freq_hz;
    private final boolean uniform;
    private final double step_hz;
    private final double[] path_m;
    /** The phasors of the current channel, real and imaginary parts per pixel. */
    final double[] re;
    final double[] im;
    /** The step of the recurrence per pixel (uniform grids only). */
    private final double[] stepRe;
    private final double[] stepIm;
    private int channel;

    PixelPhasors(double[] chanFreq_hz, int pixels) {
        this.freq_hz = chanFreq_hz.clone();
        double step = ChannelPhasors.uniformStep_hz(freq_hz);
        this.uniform = !Double.isNaN(step);
        this.step_hz = uniform ? step : 0;
        this.path_m = new double[pixels];
        this.re = new double[pixels];
        this.im = new double[pixels];
        this.stepRe = new double[pixels];
        this.stepIm = new double[pixels];
    }

    /** The path differences of the row, per pixel, that {@link #start} reads (metres; the array itself). */
    double[] path_m() {
        return path_m;
    }

    /** Sets the phasors of channel 0 for the paths in {@link #path_m()}. */
    void start() {
        channel = 0;
        anchor();
        if (uniform) {
            for (int p = 0; p < path_m.length; p++) {
                double phase = TWO_PI_OVER_C * step_hz * path_m[p];
                stepRe[p] = Math.cos(phase);
                stepIm[p] = Math.sin(phase);
            }
        }
    }

    /** Moves to the next channel. */
    void next() {
        channel++;
        if (!uniform || channel % ChannelPhasors.ANCHOR_EVERY == 0) {
            anchor();
            return;
        }
        for (int p = 0; p < re.length; p++) {
            double r = re[p] * stepRe[p] - im[p] * stepIm[p];
            im[p] = re[p] * stepIm[p] + im[p] * stepRe[p];
            re[p] = r;
        }
    }

    private void anchor() {
        double f_hz = uniform ? freq_hz[0] + channel * step_hz : freq_hz[channel];
        for (int p = 0; p < path_m.length; p++) {
            double phase = TWO_PI_OVER_C * f_hz * path_m[p];
            re[p] = Math.cos(phase);
            im[p] = Math.sin(phase);
        }
    }
}
