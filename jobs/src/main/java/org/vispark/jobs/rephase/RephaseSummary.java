package org.vispark.jobs.rephase;

import java.util.List;

/** What a rephase run did: MS selected, rephased, left alone (within tolerance), failed (with reasons). */
public record RephaseSummary(int selected, int rephased, int withinTolerance, List<String> failures, long rows,
        double seconds) {
    public boolean ok() {
        return failures.isEmpty();
    }
}
