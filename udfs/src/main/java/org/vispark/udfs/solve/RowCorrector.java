package org.vispark.udfs.solve;

/**
 * Applies gains to the visibilities of one row in place: {@code V_pq / (g_ip conj(g_jq))} per channel and correlation
 * ({@code i = ANTENNA1}, {@code j = ANTENNA2}), flagging the values whose solution is flagged or whose gain is zero.
 * Cells are [chan, correlation], correlation fastest; visibilities interleaved re, im.
 */
public interface RowCorrector {
    /**
     * Corrects one row in place; sets {@code flags} where a solution used is flagged; returns how many values this
     * call flagged that were not flagged before.
     */
    int correct(int ant1, int ant2, double time_mjdSec, float[] vis, boolean[] flags);

    /**
     * False where {@link #correct} of this row neither reads nor changes {@code flags} (no solution it uses is
     * flagged, no gain zero), so a caller may leave them packed; true where it may flag values.
     */
    boolean flags(int ant1, int ant2, double time_mjdSec);
}
