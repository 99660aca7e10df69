package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.convert.ConvertOptions;
import org.vispark.jobs.convert.ConvertSummary;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;

/**
 * A run over 200 small MS plus two broken ones, then reruns: nothing converted twice, a changed MS
 * converted again (its old rows gone), a repaired MS converted, and what a crash leaves behind
 * (uncommitted files, staging) invisible and then cleaned up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakeConvertManyTest {
    private static final int COPIES = 200;
    private static final int ROWS_PER_MS = 12; // 4 antennas: 6 baselines x 2 integrations
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static Path in;
    private static Path lakeDir;
    private static Path[] bases;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestData.spark("LakeConvertManyTest");
        in = Files.createDirectories(tmp.resolve("in"));
        lakeDir = tmp.resolve("lake");
        bases = new Path[5];
        for (int s = 0; s < bases.length; s++) {
            bases[s] = TestData.makeMs(tmp.resolve("base/b" + s + ".ms"), "--nant", "4", "--nchan", "4", "--ntime", "2",
                    "--seed", Integer.toString(11 + s), "--dm", s % 2 == 0 ? "tiled" : "standard");
        }
        for (int i = 0; i < COPIES; i++) {
            TestData.copyTree(bases[i % bases.length], in.resolve(String.format(Locale.ROOT, "ms_%03d.ms", i)));
        }
        // an MS whose DATA tile file lost its second half, and a directory that is no MS at all
        Path truncated = in.resolve("truncated.ms");
        TestData.copyTree(bases[0], truncated);
        Path tiles = truncated.resolve("table.f0_TSM0");
        try (FileChannel ch = FileChannel.open(tiles, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        Files.createDirectories(in.resolve("not_an_ms.ms"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static ConvertSummary convert() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConvertOptions o = ConvertOptions.of(lakeDir.toString(), List.of(in.resolve("*.ms").toString()))
                .withBaselineBuckets(2);
        ConvertSummary s = ConvertJob.run(spark, o, new PrintStream(console, true));
        System.out.print(console);
        assertTrue(console.toString().contains("MS done"), "progress line");
        return s;
    }

    private static long sql(String query) throws IOException {
        LakeViews.register(spark, Lake.open(lakeDir.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark.sql(query).first().getLong(0);
    }

    @Test
    @Order(1)
    void firstRunConvertsAllButTheBrokenOnes() throws Exception {
        ConvertSummary s = convert();
        assertEquals(COPIES + 2, s.inputs());
        assertEquals(COPIES, s.converted(), s.failures().toString());
        assertEquals(2, s.failed());
        assertFalse(s.ok());
        assertTrue(s.failures().stream().anyMatch(f -> f.contains("truncated.ms") && f.contains("table.f0_TSM0")),
                s.failures().toString());
        assertTrue(s.failures().stream().anyMatch(f -> f.contains("not_an_ms.ms") && f.contains("table.dat")),
                s.failures().toString());
        assertEquals(COPIES, sql("SELECT count(*) FROM ms WHERE status = 'converted'"));
        assertEquals(2, sql("SELECT count(*) FROM ms WHERE status = 'failed' AND length(error) > 10"));
        assertEquals((long) COPIES * ROWS_PER_MS, sql("SELECT count(*) FROM visibilities"));
        assertEquals(COPIES, sql("SELECT count(DISTINCT ms_id) FROM antennas"));
        assertEquals((long) COPIES * 4, sql("SELECT count(*) FROM antennas"));
        assertEquals(0, sql("SELECT count(*) FROM ms WHERE status = 'converted' AND"
                + " (rows != " + ROWS_PER_MS + " OR checksum IS NULL OR lake_files < 1)"));
        // a job without --where takes the catalogue's converted MS without Spark: the same as the ms view's
        Lake lake = Lake.open(lakeDir.toString(), spark.sparkContext().hadoopConfiguration());
        List<Long> fromCatalogue = MsSelection.converted(spark,
                Catalogue.read(lake, spark.sparkContext().hadoopConfiguration()), null);
        assertEquals(COPIES, fromCatalogue.size());
        assertEquals(MsSelection.query(spark, null), fromCatalogue);
        // identical copies hold identical content: one checksum per base MS
        assertEquals(bases.length, sql("SELECT count(DISTINCT checksum) FROM ms WHERE status = 'converted'"));
        try (Stream<Path> s2 = Files.list(lakeDir)) {
            assertFalse(s2.anyMatch(p -> p.getFileName().toString().equals("_staging")), "staging removed");
        }
    }

    @Test
    @Order(2)
    void rerunConvertsNothing() throws Exception {
        ConvertSummary s = convert();
        assertEquals(0, s.converted());
        assertEquals(COPIES + 2, s.unchanged());
        assertEquals(0, s.failed());
        assertEquals((long) COPIES * ROWS_PER_MS, sql("SELECT count(*) FROM visibilities"));
        Lake lake = Lake.open(lakeDir.toString(), spark.sparkContext().hadoopConfiguration());
        assertEquals(1, IcebergTables.of(lake, spark.sparkContext().hadoopConfiguration()).currentFiles(LakeTable.MS)
                .size(), "the catalogue's batch files compacted into one");
    }

    @Test
    @Order(3)
    void changedAndRepairedMsAreConvertedAgain() throws Exception {
        Path changed = in.resolve("ms_005.ms");
        TestData.deleteTree(changed);
        TestData.makeMs(changed, "--nant", "5", "--nchan", "4", "--ntime", "2", "--seed", "99");
        Path truncated = in.resolve("truncated.ms");
        TestData.deleteTree(truncated);
        TestData.copyTree(bases[1], truncated);
        ConvertSummary s = convert();
        assertEquals(2, s.converted(), s.failures().toString());
        assertEquals(0, s.failed());
        assertEquals(COPIES, s.unchanged(), "not_an_ms.ms failed before and is unchanged: not retried");
        assertEquals(COPIES + 1, sql("SELECT count(*) FROM ms WHERE status = 'converted'"));
        assertEquals(2, sql("SELECT count(*) FROM ms_history WHERE uri LIKE '%/ms_005.ms'"));
        assertEquals(20, sql("SELECT count(*) FROM visibilities v JOIN ms USING (ms_id)"
                + " WHERE uri LIKE '%/ms_005.ms'"), "5 antennas: 10 baselines x 2");
        assertEquals((long) (COPIES + 1) * ROWS_PER_MS - ROWS_PER_MS + 20, sql("SELECT count(*) FROM visibilities"));
        assertEquals(5, sql("SELECT count(*) FROM antennas JOIN ms USING (ms_id) WHERE uri LIKE '%/ms_005.ms'"));
        // the superseded conversion's files left the current snapshot, not just hidden by the views
        assertEquals(sql("SELECT sum(lake_files) FROM ms WHERE status = 'converted'"),
                sql("SELECT count(*) FROM lake.visibilities.files"));
        assertEquals(sql("SELECT count(*) FROM visibilities"), sql("SELECT count(*) FROM lake.visibilities"));
    }

    @Test
    @Order(4)
    void whatACrashLeavesIsInvisibleAndCleanedUp() throws Exception {
        // a crash between moving an MS's files into place and committing its catalogue entry leaves files
        // of a conversion no entry names; one during a run leaves its staging directory
        Path some;
        try (Stream<Path> s = Files.walk(lakeDir.resolve("visibilities"))) {
            some = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        String[] parts = some.getFileName().toString().split("-");
        Path orphan = some.resolveSibling(parts[0] + "-00000000000000aa-r0.parquet");
        Path written = tmp.resolve("orphan");
        spark.read().parquet(some.toString()).withColumn("conversion", functions.lit(0xaaL)).coalesce(1).write()
                .parquet(written.toString());
        try (Stream<Path> s = Files.list(written)) {
            Files.move(s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(), orphan);
        }
        Path crashed = lakeDir.resolve("_staging/20990101T000000Z0000");
        Path staging = Files.createDirectories(crashed.resolve("t1"));
        Files.writeString(staging.resolve("junk.parquet"), "partial");
        for (Path p : List.of(staging.resolve("junk.parquet"), staging, crashed)) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));
        }
        Path running = Files.createDirectories(lakeDir.resolve("_staging/20990101T000000Z0001"));
        long before = (long) COPIES * ROWS_PER_MS - ROWS_PER_MS + 20 + ROWS_PER_MS;
        assertEquals(before, sql("SELECT count(*) FROM visibilities"), "uncommitted rows are not visible");
        assertEquals(before, sql("SELECT count(*) FROM lake.visibilities"), "nor in the Iceberg table");
        assertTrue(plainParquetRows() > before, "while a plain Parquet reader of the directory sees them");
        ConvertSummary s = convert();
        assertEquals(0, s.converted());
        assertFalse(Files.exists(crashed), "staging untouched for an hour is a crashed run's");
        assertTrue(Files.exists(running), "staging of a run that may be running stays");
        Files.delete(running);
        Cli.Result maintain = Cli.run("lake", "maintain", lakeDir.toString(), "--older-than", "0s",
                "--retain-last", "1");
        assertEquals(0, maintain.status(), maintain.err());
        spark = TestData.spark("LakeConvertManyTest"); // the command stopped the session it shared
        assertFalse(Files.exists(orphan), "lake maintain deleted the file no snapshot holds");
        assertEquals(before, plainParquetRows(), "and the superseded version's, its snapshots expired");
        assertEquals(before, sql("SELECT count(*) FROM visibilities"));
    }

    /** Rows of every visibility file in the directory, committed or not, read as plain Parquet. */
    private static long plainParquetRows() throws IOException {
        try (Stream<Path> s = Files.walk(lakeDir.resolve("visibilities"))) {
            return spark.read().parquet(s.filter(p -> p.toString().endsWith(".parquet")
                    && !p.toString().contains("/metadata/")).map(Path::toString).toArray(String[]::new)).count();
        }
    }
}
