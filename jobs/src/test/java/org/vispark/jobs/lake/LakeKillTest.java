package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.convert.ConvertOptions;
import org.vispark.jobs.convert.ConvertSummary;
import org.vispark.jobs.testing.TestData;

/**
 * A convert run killed with SIGKILL mid-way leaves only whole MS visible (every converted MS with all
 * its rows and subtable rows), and a rerun converts exactly the rest; {@code lake maintain} then deletes the files the
 * killed run left.
 */
class LakeKillTest {
    private static final int MS_COUNT = 120;
    private static final int ROWS_PER_MS = 12;

    @TempDir
    Path tmp;

    @Test
    void killedRunLeavesWholeMsOnlyAndRerunFinishes() throws Exception {
        Path base = TestData.makeMs(tmp.resolve("base.ms"), "--nant", "4", "--nchan", "4", "--ntime", "2");
        for (int i = 0; i < MS_COUNT; i++) {
            TestData.copyTree(base, tmp.resolve(String.format(Locale.ROOT, "in/m%03d.ms", i)));
        }
        Path lake = tmp.resolve("lake");
        String glob = tmp.resolve("in").toString() + "/*.ms";

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX:+Ignore")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KilledConvertMain.class.getName(),
                lake.toString(), glob));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path catalogue = lake.resolve("ms");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // a batch's catalogue file is written, then committed; the 4th exists once the 3rd is committed
        while (batchFiles(catalogue) < 4 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the run ended before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        SparkSession spark = TestData.spark("LakeKillTest");
        try {
            LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
            long converted = count(spark, "SELECT count(*) FROM ms WHERE status = 'converted'");
            assertTrue(converted >= 3 && converted < MS_COUNT, converted + " MS committed before the kill");
            assertEquals(converted * ROWS_PER_MS, count(spark, "SELECT count(*) FROM visibilities"));
            assertEquals(0, count(spark, "SELECT count(*) FROM (SELECT ms_id, count(*) n FROM visibilities"
                    + " GROUP BY ms_id) WHERE n != " + ROWS_PER_MS));
            assertEquals(converted * 4, count(spark, "SELECT count(*) FROM antennas"));

            ConvertOptions o = ConvertOptions.of(lake.toString(), List.of(glob));
            ConvertSummary s = ConvertJob.run(spark, o, new PrintStream(System.out, true));
            assertEquals(MS_COUNT - converted, s.converted());
            assertEquals(converted, s.unchanged());
            LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
            assertEquals((long) MS_COUNT * ROWS_PER_MS, count(spark, "SELECT count(*) FROM visibilities"));
            assertEquals((long) MS_COUNT * ROWS_PER_MS, count(spark,
                    "SELECT count(*) FROM (SELECT DISTINCT ms_id, row FROM visibilities)"));
            IcebergMaintenance.run(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()),
                    spark.sparkContext().hadoopConfiguration(), new IcebergMaintenance.Policy(0, 1), "maintain",
                    new PrintStream(System.out, true));
            assertEquals((long) MS_COUNT * ROWS_PER_MS, count(spark, "SELECT count(*) FROM lake.visibilities"),
                    "the current snapshot holds no uncommitted file");
            List<String> files;
            try (Stream<Path> w = Files.walk(lake.resolve("visibilities"))) {
                files = w.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("/metadata/"))
                        .map(Path::toString).toList();
            }
            assertEquals((long) MS_COUNT * ROWS_PER_MS, spark.read().parquet(files.toArray(String[]::new)).count(),
                    "lake maintain removed the killed run's files");
            assertEquals((long) MS_COUNT * 4, count(spark, "SELECT count(*) FROM antennas"));
        } finally {
            spark.stop();
        }
    }

    private static long count(SparkSession spark, String sql) {
        return spark.sql(sql).first().getLong(0);
    }

    private static long batchFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("b-")).count();
        }
    }
}
