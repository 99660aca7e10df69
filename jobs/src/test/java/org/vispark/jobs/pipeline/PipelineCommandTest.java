package org.vispark.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code vispark demo} and {@code vispark pipeline}: the demo archive (one mis-phased and one correctly phased
 * calibrator transit, targets after each) calibrated end to end; a rerun finds nothing to do; a broken MS added later
 * is listed as failed while a new good one is calibrated with the calibrators' solutions.
 */
class PipelineCommandTest {
    @AfterAll
    static void stop() {
        TestData.spark("PipelineCommandTest").stop();
    }

    @Test
    void theDemoIsCalibratedAndARerunOnlyDoesWhatIsNew(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        Result demo = Cli.run("demo", dir.toString(), "--days", "2", "--targets-per-day", "1", "--antennas", "12",
                "--channels", "16", "--integrations", "8");
        assertEquals(0, demo.status(), demo.out() + demo.err());
        assertTrue(demo.out().contains("pipeline: 4 MS: 2 calibrator observations, 2 targets; 4 calibrated, 0 failed;"
                + " calibrators after calibration: {PASS=2}"), demo.out());
        assertTrue(demo.out().contains("before calibration FAIL 2026-01-15_0834+555.ms: separation 54.70 arcmin"),
                demo.out());
        assertTrue(demo.out().contains("pipeline: flagged 4 MS: "), demo.out());
        assertTrue(Files.size(dir.resolve("report/index.html")) > 1000);
        assertTrue(Files.size(dir.resolve("report/gains/pipeline_B-amp-freq.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("report/before/index.html")).contains("<b>1 FAIL</b>"),
                "the report before calibration shows the mis-phased transit");

        SparkSession spark = TestData.spark("PipelineCommandTest");
        String lake = dir.resolve("lake").toString();
        LakeViews.register(spark, Lake.open(lake, spark.sparkContext().hadoopConfiguration()));
        List<Row> state = spark.sql("SELECT role, count(*), min(verdict) FROM pipeline GROUP BY role ORDER BY role")
                .collectAsList();
        assertEquals("[[calibrator,2,PASS], [target,2,null]]", state.toString());
        assertEquals(0L, spark.sql("SELECT count(*) FROM visibilities WHERE corrected_data IS NULL AND data IS NOT NULL")
                .first().getLong(0), "every MS has CORRECTED_DATA");
        Row after = spark.sql("SELECT max(separation_arcmin), max(phase_diff_scatter_deg), min(amp_ratio)"
                + " FROM diagnostics WHERE calibrator IS NOT NULL").first();
        System.out.println("calibrators after the pipeline: max separation, scatter, min amp ratio = " + after);
        assertTrue(after.getDouble(0) < 0.01 && after.getDouble(1) < 30 && after.getDouble(2) > 0.5, after.toString());

        Result again = Cli.run("pipeline", "--lake", lake, dir.resolve("ms") + "/*.ms");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("pipeline: 0 MS to calibrate"), again.out());

        // a new day's target, and a broken MS
        Path extra = Files.createDirectories(tmp.resolve("extra"));
        TestData.copyTree(dir.resolve("ms/2026-01-16_target_1.ms"), extra.resolve("late_target.ms"));
        Files.createDirectories(extra.resolve("broken.ms"));
        Result more = Cli.run("pipeline", "--lake", lake, extra + "/*.ms");
        assertEquals(1, more.status(), more.out() + more.err());
        assertTrue(more.out().contains("1 MS to calibrate: 0 calibrator observations ([]), 1 targets"), more.out());
        assertTrue(more.out().contains("1 calibrated, 0 failed"), more.out());
        assertTrue(more.err().contains("FAILED convert: ") && more.err().contains("broken.ms"), more.err());
        // run again: the broken MS is not converted again, and still reported (a resumed run ends as the first)
        Result rerun = Cli.run("pipeline", "--lake", lake, extra + "/*.ms");
        assertEquals(1, rerun.status(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("pipeline: 0 MS to calibrate"), rerun.out());
        assertTrue(rerun.err().contains("FAILED convert: ") && rerun.err().contains("broken.ms")
                && rerun.err().contains("recorded by an earlier run"), rerun.err());
    }

    @Test
    void badSettingsAreRefused() {
        Result r = Cli.run("pipeline", "--lake", "/nonexistent", "--set", "minsnr=lots");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("minsnr = 'lots' is not a number"), r.err());
        Result u = Cli.run("pipeline", "--lake", "/nonexistent", "--set", "colour=blue");
        assertEquals(2, u.status());
        assertTrue(u.err().contains("unknown pipeline setting 'colour'"), u.err());
    }
}
