package org.vispark.jobs.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code vispark flag} on a make_ms.py MS with RFI injected at known places ({@link InjectedRfi}): at least 95 % of
 * the injected power flagged, at most 2 % of the clean values; the flags before stay readable as the earlier version
 * (also after the next convert's clean-up); flag_stats agrees with the flags; a fully flagged MS and bad options
 * give clear errors.
 */
class FlagCommandTest {
    @TempDir
    static Path tmp;
    static Path lake;
    static InjectedRfi rfi;

    @BeforeAll
    static void convert() throws Exception {
        rfi = InjectedRfi.make(tmp.resolve("in/rfi.ms"));
        Path allFlagged = TestData.makeMs(tmp.resolve("in/flagged.ms"), "--nant", "6", "--nchan", "16", "--ntime", "4");
        TestData.python(TestData.resource("flag/inject_rfi.py").toString(), allFlagged.toString(),
                tmp.resolve("none.txt").toString(), "--flag-all");
        lake = tmp.resolve("lake");
        Result r = Cli.run("convert", "--lake", lake.toString(), tmp.resolve("in") + "/*.ms");
        assertEquals(0, r.status(), r.err());
    }

    @AfterAll
    static void stop() {
        TestData.spark("FlagCommandTest").stop();
    }

    private static SparkSession session() throws Exception {
        SparkSession spark = TestData.spark("FlagCommandTest"); // the commands stop the shared session
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark;
    }

    @Test
    void injectedRfiIsFlaggedCleanDataIsNotAndTheFlagsBeforeStay() throws Exception {
        Result r = Cli.run("flag", "--lake", lake.toString(), "--where", "uri LIKE '%/rfi.ms'", "--report",
                tmp.resolve("report").toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("1 MS selected: 1 flagged, 0 failed"), r.out());

        SparkSession spark = session();
        Map<String, Boolean> flags = InjectedRfi.flags(spark, "rfi.ms");
        double caught = rfi.powerFlagged(flags);
        double clean = rfi.cleanFlagged(flags);
        System.out.printf("FlagCommandTest: injected RFI power flagged %.4f, clean values flagged %.4f%n", caught,
                clean);
        assertTrue(caught >= 0.95, "injected RFI power flagged: " + caught);
        assertTrue(clean <= 0.02, "clean values flagged: " + clean);

        long flaggedValues = flags.values().stream().filter(f -> f).count() * 2; // both polarizations
        List<Row> ms = spark.sql("SELECT s.num_values, s.flagged_before, s.flagged, s.conversion, s.from_conversion"
                + " FROM flag_stats s JOIN ms ON s.ms_id = ms.ms_id WHERE ms.uri LIKE '%/rfi.ms' AND s.axis = 'ms'")
                .collectAsList();
        assertEquals(1, ms.size());
        assertEquals(2L * flags.size(), ms.get(0).getLong(0));
        assertEquals(0L, ms.get(0).getLong(1));
        assertEquals(flaggedValues, ms.get(0).getLong(2));
        long antennaRows = spark.sql("SELECT count(*) FROM flag_stats WHERE axis = 'antenna'"
                + " AND antenna_name IS NOT NULL")
                .first().getLong(0);
        assertEquals(24, antennaRows);
        List<Integer> worst = spark.sql("SELECT antenna FROM flag_stats WHERE axis = 'antenna'"
                + " ORDER BY flagged_fraction DESC LIMIT 2").collectAsList().stream().map(w -> w.getInt(0)).sorted()
                .toList();
        assertEquals(List.of(5, 17), worst, "the two bad antennas are flagged most");

        String page = Files.readString(tmp.resolve("report/index.html"));
        List<String> bad = spark.sql("SELECT antenna_name FROM flag_stats WHERE axis = 'antenna'"
                + " AND antenna IN (5, 17)")
                .collectAsList().stream().map(b -> "<td class=l>" + b.getString(0) + "</td>").toList();
        String table = page.substring(page.indexOf("Antennas flagged most"));
        int cell = table.indexOf("<td class=l>");
        String first = table.substring(cell, table.indexOf("</td>", cell) + 5);
        assertTrue(page.contains("rfi.ms") && bad.contains(first), "a bad antenna first: " + page);
        assertTrue(Files.size(tmp.resolve("report/flagged-channel.png")) > 1000);
        assertTrue(Files.size(tmp.resolve("report/flagged-time.png")) > 1000);

        long before = ms.get(0).getLong(4);
        Result again = Cli.run("convert", "--lake", lake.toString(), tmp.resolve("in") + "/*.ms");
        assertEquals(0, again.status(), again.err());
        spark = session();
        Row history = spark.sql("SELECT count(*), sum(size(filter(vis_flags(flag, num_chan, num_pol), f -> f)))"
                + " FROM visibility_history WHERE conversion = " + before).first();
        assertEquals(flags.size() / 128, history.getLong(0), "rows of the version flagged");
        assertEquals(0L, history.getLong(1), "its flags: those before flagging (none)");
    }

    /**
     * A file of several sorted runs, as convert writes an MS larger than its sort buffer (each run a stretch of time
     * sorted by baseline), is flagged as the sorted file is: each baseline's plane is gathered across the runs.
     */
    @Test
    void aFileOfSortedRunsIsFlaggedAsTheSortedFile() throws Exception {
        Path sorted = tmp.resolve("sorted-lake");
        Path runs = tmp.resolve("runs-lake");
        TestData.copyTree(lake, sorted);
        TestData.copyTree(lake, runs);
        for (Path copy : List.of(sorted, runs)) {
            assertEquals(0, Cli.run("lake", "relocate", copy.toString()).status(), "the copy made its own");
        }
        Configuration conf = new Configuration();
        int rewritten = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runs.resolve("visibilities"))) {
            files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
        for (Path f : files) {
            rewritten += asTwoRuns(f, conf) ? 1 : 0;
        }
        assertTrue(rewritten > 0, "no file with a baseline over several times");

        Map<String, Map<String, Boolean>> flags = new HashMap<>();
        for (Path l : List.of(sorted, runs)) {
            Result r = Cli.run("flag", "--lake", l.toString(), "--where", "uri LIKE '%/rfi.ms'");
            assertEquals(0, r.status(), r.out() + r.err());
            SparkSession spark = TestData.spark("FlagCommandTest");
            LakeViews.register(spark, Lake.open(l.toString(), spark.sparkContext().hadoopConfiguration()));
            flags.put(l.toString(), InjectedRfi.flags(spark, "rfi.ms"));
        }
        Map<String, Boolean> a = flags.get(sorted.toString());
        Map<String, Boolean> b = flags.get(runs.toString());
        assertTrue(a.containsValue(true), "nothing flagged");
        assertEquals(a.size(), b.size());
        long differ = a.entrySet().stream().filter(e -> !e.getValue().equals(b.get(e.getKey()))).count();
        assertEquals(0, differ, differ + " of " + a.size() + " values flagged differently");
    }

    /**
     * Rewrites a visibility file (sorted by baseline and time) as two sorted runs, the first half of its times and
     * then the second; returns whether some baseline now has rows in both.
     */
    private static boolean asTwoRuns(Path file, Configuration conf) throws Exception {
        List<GenericRecord> rows = new ArrayList<>();
        Schema schema = LakeTable.VISIBILITIES.schema();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        try (ParquetReader<GenericRecord> in = LakeParquet.reader(path, schema, conf)) {
            for (GenericRecord r = in.read(); r != null; r = in.read()) {
                rows.add(r);
            }
        }
        double[] times = rows.stream().mapToDouble(VisRecords::time).distinct().sorted().toArray();
        double split = times[times.length / 2];
        List<GenericRecord> reordered = new ArrayList<>(rows.stream().filter(r -> VisRecords.time(r) < split).toList());
        reordered.addAll(rows.stream().filter(r -> VisRecords.time(r) >= split).toList());
        Files.delete(file);
        try (ParquetWriter<GenericRecord> out = LakeParquet.visibilityWriter(LakeParquet.outputFile(path, conf),
                CompressionCodecName.SNAPPY)) {
            for (GenericRecord r : reordered) {
                out.write(r);
            }
        }
        return times.length > 1;
    }

    @Test
    void aFullyFlaggedMsIsAClearFailure() {
        Result r = Cli.run("flag", "--lake", lake.toString(), "--where", "uri LIKE '%/flagged.ms'");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("flagged.ms") && r.err().contains("already flagged"), r.err());
    }

    @Test
    void badOptionsAreRefused() throws Exception {
        Result column = Cli.run("flag", "--lake", lake.toString(), "--column", "MODEL_DATA");
        assertEquals(2, column.status());
        assertTrue(column.err().contains("--column must be DATA or CORRECTED_DATA"), column.err());

        Path strategy = tmp.resolve("bad.properties");
        Files.writeString(strategy, "sir_eta = 2\n");
        Result bad = Cli.run("flag", "--lake", lake.toString(), "--strategy", strategy.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("sir_eta must be in [0, 1)"), bad.err());
    }
}
