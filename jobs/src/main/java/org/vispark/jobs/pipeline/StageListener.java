package org.vispark.jobs.pipeline;

import java.io.IOException;

/**
 * Told by {@link PipelineJob} as each of its stages (convert, flag, diagnose, rephase+predict, predict, solve
 * pipeline_K, solve pipeline_G, solve pipeline_B, apply, diagnose after) starts and ends: what a campaign records, so
 * that its status shows where it is from another process.
 */
public interface StageListener {
    /** Listens to nothing. */
    StageListener NONE = new StageListener() {
        @Override
        public void started(String stage) {}

        @Override
        public void ended(String stage, int ms, int failed, double seconds) {}
    };

    void started(String stage) throws IOException;

    /**
     * @param ms      the MS the stage worked on
     * @param failed  failures the stage added (MS, or inputs that are no MS)
     * @param seconds its wall time
     */
    void ended(String stage, int ms, int failed, double seconds) throws IOException;
}
