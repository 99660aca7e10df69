package org.vispark.jobs.convert;

import java.util.List;

/**
 * The outcome of a convert run.
 *
 * @param inputs MS the inputs named
 * @param unchanged MS skipped because the lake holds them already (or they failed before, unchanged)
 * @param converted MS converted in this run
 * @param failed MS that failed in this run (recorded in the catalogue), plus input patterns that matched nothing
 * @param failures "uri: error" of each failure
 * @param failedBefore "uri: error" of each MS of the inputs recorded as failed by an earlier run and unchanged since
 *                     (not converted again without {@code --retry-failed}; among {@code unchanged})
 * @param rows main-table rows converted
 * @param msBytes bytes of the converted MS
 * @param lakeBytes bytes of the visibility files written
 * @param lakeFiles visibility files written
 * @param seconds wall time of the run
 */
public record ConvertSummary(int inputs, int unchanged, int converted, int failed, List<String> failures,
        List<String> failedBefore, long rows, long msBytes, long lakeBytes, int lakeFiles, double seconds) {

    public boolean ok() {
        return failed == 0;
    }
}
