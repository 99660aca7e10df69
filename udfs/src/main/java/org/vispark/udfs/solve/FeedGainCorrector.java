package org.vispark.udfs.solve;

import java.util.Arrays;
import java.util.List;

/**
 * Applies calibration tables of per-feed gains to cells with cross hands: correlation k of a cell, the product of
 * feed {@code p_k} of ANTENNA1 (i) and feed {@code q_k} of ANTENNA2 (j), becomes
 * {@code V_k / (g_{i p_k} conj(g_{j q_k}))} (so XX XY YX YY with feeds X = 0, Y = 1 take
 * {@code g_iX g_jX*, g_iX g_jY*, g_iY g_jX*, g_iY g_jY*}), {@code g} the product of the tables' gains per feed as in
 * {@link GainCorrector} (whose rules this follows: a value whose gain uses a flagged solution, or is zero, is flagged
 * and left uncorrected; weights unchanged; gains kept per row time up to {@link GainCorrector#CACHE_BYTES}).
 * Not thread-safe.
 */
public final class FeedGainCorrector implements RowCorrector {
    private final TimeGainsCache gains;
    private final int numChan;
    private final int numFeeds;
    private final int[] feed1;
    private final int[] feed2;

    /**
     * @param tables the tables, built for {@code numChan} channels and {@code numFeeds} feeds (their polarizations)
     * @param feed1  per correlation of the cell, the feed of ANTENNA1
     * @param feed2  per correlation of the cell, the feed of ANTENNA2
     */
    public FeedGainCorrector(List<GainTable> tables, Interpolation interp, int numChan, int numFeeds, int[] feed1,
            int[] feed2) {
        if (feed1.length != feed2.length || Arrays.stream(feed1).anyMatch(f -> f < 0 || f >= numFeeds)
                || Arrays.stream(feed2).anyMatch(f -> f < 0 || f >= numFeeds)) {
            throw new IllegalArgumentException("feeds " + Arrays.toString(feed1) + " x " + Arrays.toString(feed2)
                    + " do not fit " + numFeeds + " feeds");
        }
        this.gains = new TimeGainsCache(tables, interp, numChan, numFeeds, "feeds", GainCorrector.CACHE_BYTES);
        this.numChan = numChan;
        this.numFeeds = numFeeds;
        this.feed1 = feed1.clone();
        this.feed2 = feed2.clone();
    }

    /**
     * Corrects one row in place.
     *
     * @param vis   interleaved re,im [chan, correlation] (correlation fastest)
     * @param flags [chan, correlation]; set where a solution used is flagged
     * @return the number of values this call flagged that were not flagged before
     */
    @Override
    public int correct(int ant1, int ant2, double time_mjdSec, float[] vis, boolean[] flags) {
        int numCorr = feed1.length;
        if (vis.length != 2 * numChan * numCorr || flags.length != numChan * numCorr) {
            throw new IllegalArgumentException("row of " + vis.length + " floats / " + flags.length
                    + " flags does not match " + numChan + " channels x " + numCorr + " correlations");
        }
        if (gains.isEmpty()) {
            return 0;
        }
        TimeGains g = gains.at(ant1, ant2, time_mjdSec);
        TimeGains.Inverse g1 = g.inverse(ant1);
        TimeGains.Inverse g2 = g.inverse(ant2);
        int newlyFlagged = 0;
        for (int c = 0; c < numChan; c++) {
            for (int k = 0; k < numCorr; k++) {
                newlyFlagged += GainCorrector.correct(vis, flags, c * numCorr + k, g1, c * numFeeds + feed1[k], g2,
                        c * numFeeds + feed2[k]);
            }
        }
        return newlyFlagged;
    }

    /** True where a solution of either antenna's feeds is flagged (or a gain zero) at this time: see {@link #correct}. */
    @Override
    public boolean flags(int ant1, int ant2, double time_mjdSec) {
        return gains.anyUnusable(ant1, ant2, time_mjdSec);
    }
}
