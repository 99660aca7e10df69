package org.vispark.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.demo.DemoArchive;
import org.vispark.jobs.demo.DemoGains;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * Issues 7 and 8 at archive scale: 201 simulated MS (67 days of a calibrator transit and two targets) diagnosed in
 * one job (one diagnostics table, one report ranking the worst first), given a model and solved in one job each.
 */
class ArchiveScaleTest {
    private static final int DAYS = 67;

    @AfterAll
    static void stop() {
        TestData.spark("ArchiveScaleTest").stop();
    }

    @Test
    void twoHundredMsAreDiagnosedAndSolvedInOneJobEach(@TempDir Path tmp) throws Exception {
        List<Path> ms = DemoArchive.write(tmp.resolve("ms"), new DemoArchive.Size(DAYS, 2, 6, 8, 3),
                DemoGains.Spec.typical(), 7, new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(3 * DAYS, ms.size());
        String lake = tmp.resolve("lake").toString();
        assertEquals(0, Cli.run("convert", "--lake", lake, tmp.resolve("ms") + "/*.ms").status());

        Path report = tmp.resolve("report");
        Result d = Cli.run("diagnose", "--lake", lake, "--auto", "--report", report.toString());
        assertEquals(0, d.status(), d.out() + d.err());
        assertTrue(d.out().contains("201 MS selected: 201 fields"), d.out());
        SparkSession spark = TestData.spark("ArchiveScaleTest");
        LakeViews.register(spark, Lake.open(lake, spark.sparkContext().hadoopConfiguration()));
        // the diagnostics describe the MS versions diagnosed: read them before predict makes new ones
        Row diag = spark.sql("SELECT count(*), count(DISTINCT ms_id), count(DISTINCT run_id),"
                + " sum(CASE WHEN calibrator IS NOT NULL THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN separation_arcmin > 50 THEN 1 ELSE 0 END) FROM diagnostics").first();
        assertEquals(201L, diag.getLong(0));
        assertEquals(201L, diag.getLong(1));
        assertEquals(1L, diag.getLong(2), "one diagnose run, one set of files");
        assertEquals((long) DAYS, diag.getLong(3), "the calibrator transits are recognised as such");
        assertEquals((long) (DAYS + 1) / 2, diag.getLong(4), "every other day is phased 54.7 arcmin off");
        Result p = Cli.run("predict", "--lake", lake, "--calibrator", "0834+555", "--beam");
        assertEquals(0, p.status(), p.err());
        Result s = Cli.run("solve", "--lake", lake, "--table", "G", "--gaintype", "G", "--calmode", "p", "--solint",
                "inf", "--minsnr", "0");
        assertEquals(0, s.status(), s.out() + s.err());
        assertTrue(s.out().contains("201 MS selected: 201 solved, 0 failed"), s.out());

        spark = TestData.spark("ArchiveScaleTest"); // the commands stop the shared session
        LakeViews.register(spark, Lake.open(lake, spark.sparkContext().hadoopConfiguration()));
        assertEquals(201L, spark.sql("SELECT count(DISTINCT ms_id) FROM gains WHERE table_name = 'G'").first()
                .getLong(0));

        String html = Files.readString(report.resolve("index.html"));
        int firstRow = html.indexOf("<tr class=\"");
        assertTrue(html.startsWith("<tr class=\"FAIL\">", firstRow), "worst first");
        assertTrue(html.substring(firstRow, html.indexOf("</tr>", firstRow)).contains("0834+555.ms"),
                "the mis-phased calibrator observations rank first");
        assertEquals(201, html.split("<tr class=\"", -1).length - 1, "one table row per MS and field");
    }
}
