package org.vispark.jobs.rephase;

import java.util.List;

/**
 * What a rephase run did: MS selected, rephased, left alone (within tolerance: their ms_ids), failed (with reasons).
 */
public record RephaseSummary(int selected, int rephased, List<Long> withinTolerance, List<String> failures, long rows,
        double seconds) {
    public boolean ok() {
        return failures.isEmpty();
    }
}
