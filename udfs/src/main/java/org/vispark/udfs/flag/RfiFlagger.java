package org.vispark.udfs.flag;

/**
 * Flags the RFI of one baseline, AOFlagger's generic strategy (Offringa et al. 2010, 2012) on arrays: for each
 * polarization, the amplitude plane (time x channel) has a background subtracted (first the per-channel median,
 * later a masked Gaussian low-pass fit, {@link Background}), and the residual goes through {@link SumThreshold}
 * with thresholds in units of its winsorized sigma ({@link RobustStatistics}), followed by time-step and channel RMS
 * selection ({@link RmsSelection}), {@code iterations} times with decreasing thresholds; the polarizations' flags
 * are joined, grown with the {@link ScaleInvariantRank} operator, and a last time-step selection runs. A flag
 * applies to every polarization of its (time, channel), as AOFlagger writes them.
 *
 * <p>Input layout, one row per time step (rows in time order): {@code vis[t]} holds the packed cell's floats
 * {@code re, im} of value {@code k = chan * numPol + pol} at {@code [2k, 2k + 2)}, {@code flags[t][k]} its flag. An
 * instance holds no mutable state: one may serve many threads.
 */
public final class RfiFlagger {
    /** Samples this many sigma off the background are left out of the next fit and of RMS selection (not flagged). */
    static final double FIT_CLIP_SIGMA = 3;

    private final FlagSettings s;

    public RfiFlagger(FlagSettings settings) {
        this.s = settings;
    }

    /**
     * Rewrites {@code flags} with the RFI flags of the plane; returns how many values were newly flagged. Values
     * that are NaN or infinite are always flagged and left out of detection. A plane with nothing left to judge is
     * left as it is.
     */
    public long flag(float[][] vis, boolean[][] flags, int numChan, int numPol) {
        int numTime = vis.length;
        int size = numTime * numChan;
        boolean[] joined = new boolean[size];
        boolean[] original = new boolean[size];
        float[][] amp = new float[numPol][size];
        boolean[][] masks = new boolean[numPol][size];
        for (int t = 0; t < numTime; t++) {
            float[] row = vis[t];
            boolean[] rowFlags = flags[t];
            for (int c = 0; c < numChan; c++) {
                int i = t * numChan + c;
                for (int p = 0; p < numPol; p++) {
                    int k = c * numPol + p;
                    float re = row[2 * k];
                    float im = row[2 * k + 1];
                    float a = (float) Math.sqrt((double) re * re + (double) im * im); // float squares: exact in double
                    amp[p][i] = a;
                    boolean m = !Float.isFinite(a) || (s.keepOriginalFlags() && rowFlags[k]);
                    masks[p][i] = m;
                    original[i] |= m;
                }
            }
        }
        float[][] residuals = new float[numPol][];
        for (int p = 0; p < numPol; p++) {
            residuals[p] = detect(amp[p], masks[p], numTime, numChan);
            boolean[] mask = masks[p];
            for (int i = 0; i < size; i++) {
                joined[i] |= mask[i];
            }
        }
        ScaleInvariantRank.apply(joined, numTime, numChan, s.sirEta());
        for (int p = 0; p < numPol; p++) {
            RmsSelection.timeSteps(residuals[p], fitMask(residuals[p], joined,
                    RobustStatistics.winsorized(residuals[p], joined).sigma()), joined, numTime, numChan,
                    s.finalTimeStepRmsSigma());
        }
        long newly = 0;
        for (int t = 0; t < numTime; t++) {
            for (int c = 0; c < numChan; c++) {
                boolean f = joined[t * numChan + c] || original[t * numChan + c];
                for (int p = 0; p < numPol; p++) {
                    int k = c * numPol + p;
                    if (f && !flags[t][k]) {
                        newly++;
                    }
                    flags[t][k] = f;
                }
            }
        }
        return newly;
    }

    /** The detection passes on one amplitude plane: grows {@code mask}; returns the last residual. */
    float[] detect(float[] amp, boolean[] mask, int numTime, int numChan) {
        NoiseSigma noise = new NoiseSigma();
        float[] residual = subtract(amp, Background.channelMedian(amp, mask, numTime, numChan));
        for (int i = 1; i < s.iterations(); i++) {
            double factor = Math.pow(s.thresholdStep(), s.iterations() - i);
            sumThreshold(residual, mask, numTime, numChan, factor, noise.of(residual, mask));
            boolean[] bulk = fitMask(residual, mask, noise.of(residual, mask));
            RmsSelection.timeSteps(residual, bulk, mask, numTime, numChan, s.timeStepRmsSigma());
            RmsSelection.channels(residual, bulk, mask, numTime, numChan, s.channelRmsSigma() * factor);
            residual = subtract(amp, Background.gaussian(amp, fitMask(residual, mask, noise.of(residual, mask)),
                    numTime, numChan, s.smoothingTimeSigma(), s.smoothingChanSigma(), s.fitTimeAverage()));
        }
        sumThreshold(residual, mask, numTime, numChan, 1, noise.of(residual, mask));
        return residual;
    }

    /**
     * The winsorized sigma of a residual's unmasked values, made again only when the residual or the number of
     * masked values has changed: within a plane's detection masks only grow, so an equal count is an equal mask
     * (and a pass that flags nothing costs no new estimate).
     */
    private static final class NoiseSigma {
        private float[] residual;
        private int masked = -1;
        private double sigma;

        double of(float[] r, boolean[] mask) {
            int m = 0;
            for (boolean b : mask) {
                m += b ? 1 : 0;
            }
            if (r != residual || m != masked) {
                sigma = RobustStatistics.winsorized(r, mask).sigma();
                residual = r;
                masked = m;
            }
            return sigma;
        }
    }

    /**
     * What the background fit and the RMS selection leave out: the masked samples and those more than
     * {@link #FIT_CLIP_SIGMA} sigma from the current background (RFI below the pass's thresholds, which would
     * otherwise leak into the fit and leave a dip about itself that long SumThreshold windows flag); {@code sigma}
     * the winsorized sigma of the residual's unmasked values.
     */
    private static boolean[] fitMask(float[] residual, boolean[] mask, double sigma) {
        boolean[] out = mask.clone();
        if (sigma > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] |= Math.abs(residual[i]) > FIT_CLIP_SIGMA * sigma;
            }
        }
        return out;
    }

    private void sumThreshold(float[] residual, boolean[] mask, int numTime, int numChan, double factor,
            double sigma) {
        if (!(sigma > 0)) {
            return; // nothing unmasked, or a constant plane: no noise to judge against
        }
        SumThreshold.apply(residual, mask, numTime, numChan, s.firstThresholdSigma() * s.baseThreshold() * factor * sigma,
                s.windowExpBase(), s.maxWindow());
    }

    private static float[] subtract(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
