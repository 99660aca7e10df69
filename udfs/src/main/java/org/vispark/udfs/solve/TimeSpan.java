package org.vispark.udfs.solve;

/**
 * The solutions of a table that one row time uses ({@link Interpolation}): solution times {@code t0 <= t1}
 * (indices into the table's sorted times) and the fraction {@code f} of the way from {@code t0} to {@code t1};
 * {@code f = 0} means the solution {@code t0} alone.
 */
record TimeSpan(int t0, int t1, double f) {

    /** The span of {@code time_mjdSec} among {@code times_mjdSec} (ascending, distinct, not empty). */
    static TimeSpan of(double[] times_mjdSec, double time_mjdSec, Interpolation interp) {
        int hi = 0;
        while (hi < times_mjdSec.length && times_mjdSec[hi] < time_mjdSec) {
            hi++;
        }
        if (hi == 0) {
            return new TimeSpan(0, 0, 0);
        }
        if (hi == times_mjdSec.length) {
            return new TimeSpan(hi - 1, hi - 1, 0);
        }
        double f = (time_mjdSec - times_mjdSec[hi - 1]) / (times_mjdSec[hi] - times_mjdSec[hi - 1]);
        if (interp == Interpolation.NEAREST) {
            int t = f < 0.5 ? hi - 1 : hi;
            return new TimeSpan(t, t, 0);
        }
        return new TimeSpan(hi - 1, hi, f);
    }
}
