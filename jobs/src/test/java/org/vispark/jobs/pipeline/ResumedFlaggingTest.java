package org.vispark.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.flag.InjectedRfi;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;

/**
 * Why a resumed pipeline does not flag an MS its stopped run flagged ({@link FlaggedSources}): on data with RFI
 * (flag/inject_rfi.py), flagging the flagged data again flags more, so a resumed run that flagged again would end with
 * other flags than an uninterrupted one. A pipeline run after a flag run of the same source keeps that run's flags.
 */
class ResumedFlaggingTest {
    /** Values flagged after the newest flag run. */
    private static final String FLAGGED = "SELECT flagged FROM flag_stats WHERE axis = 'ms'";

    @AfterAll
    static void stop() {
        TestData.spark("ResumedFlaggingTest").stop();
    }

    @Test
    void flaggingFlaggedDataMovesTheFlagsSoAResumedPipelineDoesNotFlagAgain(@TempDir Path tmp) throws Exception {
        InjectedRfi.make(tmp.resolve("in/rfi.ms"), "--nant", "16", "--nchan", "64", "--ntime", "12", "--seed", "3");
        String twice = tmp.resolve("twice").toString();
        String resumed = tmp.resolve("resumed").toString();
        for (String lake : new String[] {twice, resumed}) {
            run("convert", "--lake", lake, tmp.resolve("in") + "/*.ms");
            run("flag", "--lake", lake);
        }
        String once = run("sql", "--lake", twice, "--format", "csv", FLAGGED);
        run("flag", "--lake", twice);
        assertNotEquals(once, run("sql", "--lake", twice, "--format", "csv", FLAGGED),
                "flagging the flagged data again moves the flags");

        String pipeline = run("pipeline", "--lake", resumed);
        assertTrue(pipeline.contains("pipeline: 1 MS flagged already"), pipeline);
        assertFalse(pipeline.contains("flag: 1 MS selected"), pipeline);
        assertEquals("n\n1", run("sql", "--lake", resumed, "--format", "csv",
                "SELECT count(DISTINCT run_id) AS n FROM lake.flag_stats"), "one flag run: the first");
    }

    private static String run(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.out() + r.err());
        return r.out().strip();
    }
}
