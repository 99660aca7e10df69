package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.cli.Vispark;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;

/**
 * Issue 17: writers at once on one lake. Two converts of different MS and a rephase of a third, each in its own JVM,
 * started together: all commit, nothing lost or duplicated. Two jobs committing a version of the same MS from the same
 * catalogue: the first wins, the second's is rejected (and reported as such by the jobs).
 */
class ConcurrentWritersTest {
    private static final int COPIES = 6;
    private static final int ROWS_PER_MS = 12; // 4 antennas: 6 baselines x 2 integrations
    private final Configuration conf = new Configuration();

    @AfterAll
    static void stop() {
        TestData.spark("ConcurrentWritersTest").stop();
    }

    @Test
    void twoConvertsAndARephaseAtOnceAllCommit(@TempDir Path tmp) throws Exception {
        Path a = TestData.makeMs(tmp.resolve("base/a.ms"), "--nant", "4", "--nchan", "4", "--ntime", "2", "--seed", "1");
        Path b = TestData.makeMs(tmp.resolve("base/b.ms"), "--nant", "4", "--nchan", "4", "--ntime", "2", "--seed", "2");
        Path c = TestData.makeMs(tmp.resolve("in/c/c.ms"), "--nant", "6", "--nchan", "8", "--ntime", "2");
        for (int i = 0; i < COPIES; i++) {
            TestData.copyTree(a, tmp.resolve(String.format(Locale.ROOT, "in/a/a%02d.ms", i)));
            TestData.copyTree(b, tmp.resolve(String.format(Locale.ROOT, "in/b/b%02d.ms", i)));
        }
        Path lake = tmp.resolve("lake");
        Cli.Result first = Cli.run("convert", "--lake", lake.toString(), "--baseline-buckets", "2", c.toString());
        assertEquals(0, first.status(), first.err());
        long cRows = count("SELECT count(*) FROM visibilities", lake);

        List<Process> jobs = List.of(
                child(tmp, "convert-a", KilledConvertMain.class, lake.toString(), tmp.resolve("in/a").toString() + "/*.ms"),
                child(tmp, "convert-b", KilledConvertMain.class, lake.toString(), tmp.resolve("in/b").toString() + "/*.ms"),
                child(tmp, "rephase-c", Vispark.class, "rephase", "--lake", lake.toString(), "--where",
                        "uri LIKE '%/c.ms'", "--to", "J2000 08h34m54.90s +55d34m21.00s"));
        for (Process p : jobs) {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "a job did not finish");
        }
        for (String name : List.of("convert-a", "convert-b", "rephase-c")) {
            String log = Files.readString(tmp.resolve(name + ".log"));
            assertEquals(0, jobs.get(List.of("convert-a", "convert-b", "rephase-c").indexOf(name)).exitValue(),
                    name + ": " + log);
        }

        assertEquals(2 * COPIES + 1, count("SELECT count(*) FROM ms WHERE status = 'converted'", lake));
        assertEquals(2 * COPIES + 2, count("SELECT count(*) FROM ms_history", lake),
                "one entry per conversion: the converts', c's and its rephase's");
        long rows = 2L * COPIES * ROWS_PER_MS + cRows;
        assertEquals(rows, count("SELECT count(*) FROM visibilities", lake));
        assertEquals(rows, count("SELECT count(*) FROM (SELECT DISTINCT ms_id, row FROM visibilities)", lake));
        assertEquals(rows, count("SELECT count(*) FROM lake.visibilities", lake), "one version per MS in the snapshot");
        assertEquals(1, count("SELECT count(*) FROM fields JOIN ms USING (ms_id) WHERE uri LIKE '%/c.ms'"
                + " AND abs(degrees(phase_dir_lon_rad) - 128.72875) < 1e-4", lake), "c.ms rephased");
        assertEquals(2L * COPIES * 4 + 6, count("SELECT count(*) FROM antennas", lake));
    }

    @Test
    void twoVersionsOfOneMsFromTheSameCatalogueTheSecondIsRejected(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/one.ms"), "--nant", "4", "--nchan", "4", "--ntime", "2");
        Path root = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", root.toString(), ms.toString()).status());
        Lake lake = Lake.open(root.toString(), conf);
        Catalogue basis = Catalogue.read(lake, conf);
        CatalogueEntry current = basis.current().values().iterator().next();
        BatchCommitter one = new BatchCommitter(lake, conf, "jobone", basis);
        BatchCommitter two = new BatchCommitter(lake, conf, "jobtwo", basis);
        CatalogueEntry v1 = MsVersions.newEntry(current, 101L, List.of(), 1.0, "test");
        CatalogueEntry v2 = MsVersions.newEntry(current, 102L, List.of(), 1.0, "test");
        one.add(v1, List.of(), Map.of());
        two.add(v2, List.of(), Map.of());
        assertEquals(List.of(), one.commit());
        assertEquals(List.of(v2), two.commit(), "the second version of the same MS is rejected");
        assertEquals(101L, Catalogue.read(lake, conf).get(current.msId()).conversion());
    }

    private static long count(String sql, Path lake) throws Exception {
        SparkSession spark = TestData.spark("ConcurrentWritersTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark.sql(sql).first().getLong(0);
    }

    /** {@code main} of {@code main} with {@code args} in a JVM of its own, output in {@code TMP/NAME.log}. */
    private static Process child(Path tmp, String name, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(x -> x.startsWith("--add-opens") || x.startsWith("-D") || x.startsWith("-XX:+Ignore")).toList());
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile())
                .start();
    }
}
