package org.vispark.jobs.convert;

import java.io.PrintStream;
import java.util.Locale;
import org.vispark.jobs.lake.TimeLeft;

/** The console progress line of a convert run: MS done / total, failures, rows and MB of MS per second, time left. */
final class Progress {
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private final double intervalSeconds;
    private long lastPrint = System.nanoTime();
    private int done;
    private int failed;
    private long rows;
    private long bytes;

    Progress(PrintStream out, int total, double intervalSeconds) {
        this.out = out;
        this.total = total;
        this.intervalSeconds = intervalSeconds;
    }

    /** Counts a finished MS. */
    void msDone(boolean ok, long msRows, long msBytes) {
        done++;
        if (!ok) {
            failed++;
        }
        rows += msRows;
        bytes += msBytes;
    }

    /** Prints the line when the interval has passed (or always when {@code force}). */
    void maybePrint(boolean force) {
        long now = System.nanoTime();
        if (force || (now - lastPrint) / 1e9 >= intervalSeconds) {
            lastPrint = now;
            out.println(line());
        }
    }

    String line() {
        double s = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return String.format(Locale.ROOT, "convert: %d/%d MS done, %d failed, %d rows, %.0f rows/s, %.1f MB/s of MS,"
                + " %.0f s%s", done, total, failed, rows, rows / s, bytes / s / 1e6, s, TimeLeft.of(done, total, start));
    }
}
