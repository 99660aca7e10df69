package org.vispark.jobs.lake;

import java.util.Locale;

/** The time left that a job's progress line shows: the wall time per MS so far times the MS left. */
public final class TimeLeft {
    private TimeLeft() {}

    /** ", about N s left" after {@code done} of {@code total} MS since {@code startNanos}; "" before the first or at the end. */
    public static String of(int done, int total, long startNanos) {
        if (done <= 0 || done >= total) {
            return "";
        }
        double elapsed_s = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, ", about %.0f s left", elapsed_s / done * (total - done));
    }
}
