package org.vispark.udfs.rephase;

/**
 * Per-channel phase factors {@code exp(+2 pi i d f_c / c)} for a path difference d (metres) and the channel
 * frequencies f_c (Hz) of one spectral window; more generally {@code exp(i k f_c)} for a phase slope k (rad/Hz),
 * e.g. a delay difference with frequencies relative to a reference ({@link #computeSlope}).
 *
 * <p>For a uniform frequency grid (every channel within 1 mHz of {@code f_0 + c df}; a 1 mHz error is 2e-11 rad per
 * metre of path) the factors come from the rotation recurrence {@code z_(c+1) = z_c exp(i k df)} in double
 * precision, restarted exactly ({@code Math.sin/cos}) every {@value #ANCHOR_EVERY} channels, so the recurrence adds
 * below 1e-13 rad to the rounding of the phase itself (a few ulp of {@code k f}: 1e-11 rad at 1e5 rad, a 3 km path
 * at 1.5 GHz). Other grids get {@code Math.sin/cos} per channel. Not thread-safe (holds its output
 * arrays); use one per thread.
 */
public final class ChannelPhasors {
    /** Speed of light in vacuum, m/s. */
    public static final double C_M_PER_S = 299_792_458.0;
    /** Channels between exact restarts of the recurrence. */
    public static final int ANCHOR_EVERY = 64;
    /** Channels computed from one value of the recurrence (independent products, no chain between them). */
    private static final int LANES = 8;
    private static final double UNIFORM_TOLERANCE_HZ = 1e-3;

    private final double[] freq_hz;
    private final boolean uniform;
    private final double step_hz;
    private final double[] cos;
    private final double[] sin;
    private final double[] powRe = new double[LANES + 1];
    private final double[] powIm = new double[LANES + 1];

    public ChannelPhasors(double[] chanFreq_hz) {
        if (chanFreq_hz.length == 0) {
            throw new IllegalArgumentException("no channel frequencies");
        }
        for (double f : chanFreq_hz) {
            if (!Double.isFinite(f)) {
                throw new IllegalArgumentException("channel frequency " + f + " Hz is not finite");
            }
        }
        this.freq_hz = chanFreq_hz.clone();
        int n = freq_hz.length;
        double step = uniformStep_hz(freq_hz);
        this.uniform = !Double.isNaN(step);
        this.step_hz = uniform ? step : 0;
        this.cos = new double[n];
        this.sin = new double[n];
    }

    /**
     * The step of a uniform frequency grid (every channel within 1 mHz of {@code f_0 + c df}; 0 for one channel), or
     * NaN when the grid is not uniform.
     */
    public static double uniformStep_hz(double[] freq_hz) {
        int n = freq_hz.length;
        double step = n > 1 ? (freq_hz[n - 1] - freq_hz[0]) / (n - 1) : 0;
        for (int c = 0; c < n; c++) {
            if (!(Math.abs(freq_hz[c] - (freq_hz[0] + c * step)) <= UNIFORM_TOLERANCE_HZ)) {
                return Double.NaN;
            }
        }
        return step;
    }

    public int channels() {
        return freq_hz.length;
    }

    /** Whether the recurrence is used (the grid is uniform). */
    public boolean uniform() {
        return uniform;
    }

    /** Fills {@link #cos()} and {@link #sin()} with the factors of path difference {@code d_m}. */
    public void compute(double d_m) {
        computeSlope(2 * Math.PI * d_m / C_M_PER_S);
    }

    /**
     * Fills {@link #cos()} and {@link #sin()} with {@code exp(i k f_c)}, {@code k = slope_radPerHz}; e.g.
     * {@code k = 2 pi tau} for a delay tau (s). With a uniform grid the error is a few ulp of the phase plus
     * {@code |k|} times the grid's deviation from uniform (at most 1 mHz).
     */
    public void computeSlope(double slope_radPerHz) {
        double k = slope_radPerHz;
        int n = freq_hz.length;
        if (!uniform) {
            for (int c = 0; c < n; c++) {
                double phase = k * freq_hz[c];
                cos[c] = Math.cos(phase);
                sin[c] = Math.sin(phase);
            }
            return;
        }
        double stepPhase = k * step_hz;
        // powers step^j, j < LANES, and step^LANES: within an anchor block z_(a + i LANES + j) = z_a (step^LANES)^i
        // step^j, so the products are independent of each other and the chains are at most 2 LANES long
        powRe[0] = 1;
        powIm[0] = 0;
        double sc = Math.cos(stepPhase);
        double ss = Math.sin(stepPhase);
        for (int j = 1; j <= LANES; j++) {
            powRe[j] = powRe[j - 1] * sc - powIm[j - 1] * ss;
            powIm[j] = powRe[j - 1] * ss + powIm[j - 1] * sc;
        }
        double lr = powRe[LANES];
        double li = powIm[LANES];
        for (int start = 0; start < n; start += ANCHOR_EVERY) {
            double phase = k * (freq_hz[0] + start * step_hz);
            double re = Math.cos(phase);
            double im = Math.sin(phase);
            int end = Math.min(n, start + ANCHOR_EVERY);
            for (int c = start; c < end; c += LANES) {
                for (int j = 0, m = Math.min(LANES, end - c); j < m; j++) {
                    cos[c + j] = re * powRe[j] - im * powIm[j];
                    sin[c + j] = re * powIm[j] + im * powRe[j];
                }
                double t = re * lr - im * li;
                im = re * li + im * lr;
                re = t;
            }
        }
    }

    /** Real parts of the last {@link #compute} (the array itself, overwritten by the next call). */
    public double[] cos() {
        return cos;
    }

    /** Imaginary parts of the last {@link #compute} (the array itself). */
    public double[] sin() {
        return sin;
    }

    /**
     * Multiplies the complex values of one row, {@code vis[offset ..)} as float pairs {@code re, im} with
     * {@code numPol} values per channel (polarization fastest), by the last {@link #compute}'s phasor of their channel.
     */
    public void multiply(float[] vis, int offset, int numPol) {
        int p = offset;
        for (int c = 0; c < cos.length; c++) {
            double cr = cos[c];
            double ci = sin[c];
            for (int k = 0; k < numPol; k++, p += 2) {
                double re = vis[p];
                double im = vis[p + 1];
                vis[p] = (float) (re * cr - im * ci);
                vis[p + 1] = (float) (re * ci + im * cr);
            }
        }
    }
}
