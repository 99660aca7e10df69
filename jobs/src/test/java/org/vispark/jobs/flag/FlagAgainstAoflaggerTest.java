package org.vispark.jobs.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code vispark flag} against Debian's {@code aoflagger} (its generic strategy) on the same data: the injected-RFI
 * MS is converted, exported with {@code vispark export-ms}, flagged by aoflagger, and converted back; vispark flags
 * the lake's copy. The two flag sets must agree (intersection over union >= 0.8, per channel and row) and both must
 * catch >= 95 % of the injected power.
 */
class FlagAgainstAoflaggerTest {
    @TempDir
    static Path tmp;
    static Path lake;
    static InjectedRfi rfi;

    @BeforeAll
    static void prepare() throws Exception {
        rfi = InjectedRfi.make(tmp.resolve("in/rfi.ms"));
        lake = tmp.resolve("lake");
        Result c = Cli.run("convert", "--lake", lake.toString(), tmp.resolve("in/rfi.ms").toString());
        assertEquals(0, c.status(), c.err());
        Path export = Files.createDirectories(tmp.resolve("export"));
        Result e = Cli.run("export-ms", "--lake", lake.toString(), "--where", "uri LIKE '%/in/rfi.ms'", "--output",
                export.toString());
        assertEquals(0, e.status(), e.out() + e.err());
        Process p = new ProcessBuilder("aoflagger", export.resolve("rfi.ms").toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("aoflagger.log").toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "aoflagger timed out");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("aoflagger.log")));
        Result back = Cli.run("convert", "--lake", lake.toString(), export.resolve("rfi.ms").toString());
        assertEquals(0, back.status(), back.err());
        Result f = Cli.run("flag", "--lake", lake.toString(), "--where", "uri LIKE '%/in/rfi.ms'");
        assertEquals(0, f.status(), f.out() + f.err());
    }

    @AfterAll
    static void stop() {
        TestData.spark("FlagAgainstAoflaggerTest").stop();
    }

    @Test
    void visparkAndAoflaggerAgree() throws Exception {
        SparkSession spark = TestData.spark("FlagAgainstAoflaggerTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        Map<String, Boolean> vispark = InjectedRfi.flags(spark, "in/rfi.ms");
        Map<String, Boolean> aoflagger = InjectedRfi.flags(spark, "export/rfi.ms");
        double iou = InjectedRfi.iou(vispark, aoflagger);
        long onlyVispark = vispark.entrySet().stream().filter(e -> e.getValue() && !aoflagger.get(e.getKey())).count();
        long onlyAoflagger = vispark.entrySet().stream().filter(e -> !e.getValue() && aoflagger.get(e.getKey()))
                .count();
        System.out.printf("FlagAgainstAoflaggerTest: IoU %.4f; power flagged vispark %.4f, aoflagger %.4f; clean"
                + " flagged vispark %.4f, aoflagger %.4f; only vispark %d, only aoflagger %d of %d values%n", iou,
                rfi.powerFlagged(vispark), rfi.powerFlagged(aoflagger), rfi.cleanFlagged(vispark),
                rfi.cleanFlagged(aoflagger), onlyVispark, onlyAoflagger, vispark.size());
        assertTrue(iou >= 0.8, "intersection over union " + iou);
        assertTrue(rfi.powerFlagged(vispark) >= 0.95 && rfi.powerFlagged(aoflagger) >= 0.95);
    }
}
