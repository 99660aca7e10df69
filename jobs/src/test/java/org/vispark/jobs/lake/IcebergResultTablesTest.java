package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;

/**
 * The result tables as Iceberg tables (issue 17): a second diagnose run leaves the first readable by snapshot;
 * Iceberg's generic reader (no Spark) returns what Spark SQL does; concurrent appends all commit; {@code lake
 * maintain} compacts, expires and deletes orphans without changing the rows; {@code lake upgrade} turns a format 1
 * lake into Iceberg tables without rewriting its files.
 */
class IcebergResultTablesTest {
    private static final String CATALOGUE = "../conf/calibrators.csv";
    private final Configuration conf = new Configuration();

    @AfterAll
    static void stop() {
        TestData.spark("IcebergResultTablesTest").stop();
    }

    @Test
    void anEarlierDiagnoseRunStaysReadableBySnapshotAndAnyReaderSeesTheSameRows(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/incident.ms"));
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        for (int run = 0; run < 2; run++) {
            Cli.Result r = Cli.run("diagnose", "--lake", lake.toString(), "--calibrator", "0834+555", "--catalogue",
                    CATALOGUE);
            assertEquals(0, r.status(), r.out() + r.err());
        }
        SparkSession spark = TestData.spark("IcebergResultTablesTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        List<Row> snapshots = spark.sql("SELECT snapshot_id, operation FROM lake.diagnostics.snapshots"
                + " ORDER BY committed_at").collectAsList();
        assertEquals(2, snapshots.size(), "one snapshot per diagnose run: " + snapshots);
        assertEquals("append", snapshots.get(0).getString(1));
        long first = snapshots.get(0).getLong(0);
        List<Row> runs = spark.sql("SELECT DISTINCT run_id FROM lake.diagnostics ORDER BY run_id").collectAsList();
        assertEquals(2, runs.size());
        List<Row> asOfFirst = spark.sql("SELECT DISTINCT run_id FROM lake.diagnostics VERSION AS OF " + first)
                .collectAsList();
        assertEquals(List.of(runs.get(0)), asOfFirst, "the snapshot before the second run holds the first run only");
        assertEquals(spark.sql("SELECT * FROM diagnostics").count(),
                spark.sql("SELECT * FROM lake.diagnostics WHERE run_id = '" + runs.get(1).getString(0) + "'").count(),
                "the diagnostics view shows the newest run");

        Table table = IcebergTables.of(Lake.open(lake.toString(), conf), conf).table(LakeTable.DIAGNOSTICS);
        List<String> generic = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record r : rows) {
                generic.add(text(table, r));
            }
        }
        List<String> sql = spark.sql("SELECT * FROM lake.diagnostics").collectAsList().stream()
                .map(r -> text(table, r)).toList();
        assertFalse(sql.isEmpty());
        assertEquals(sorted(sql), sorted(generic), "Iceberg's generic reader and Spark SQL give the same rows");
    }

    @Test
    void concurrentWritersOfOneTableAllCommit(@TempDir Path tmp) throws Exception {
        Lake lake = Lake.openOrCreate(tmp.resolve("lake").toString(), null, conf);
        int writers = 4;
        int appends = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String runId = "writer" + w;
            done.add(pool.submit(() -> {
                ResultTables results = new ResultTables(lake, conf, runId);
                for (int a = 0; a < appends; a++) {
                    results.append(LakeTable.PIPELINE, pipelineRows(runId, a, 3));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<GenericRecord> rows = rows(lake, LakeTable.PIPELINE);
        assertEquals(writers * appends * 3, rows.size(), "no commit lost");
        assertEquals(rows.size(), rows.stream().map(r -> r.get("run_id") + "/" + r.get("ms_id")).distinct().count(),
                "no row twice");
        Table t = IcebergTables.of(lake, conf).table(LakeTable.PIPELINE);
        long snapshots = 0;
        for (Snapshot ignored : t.snapshots()) {
            snapshots++;
        }
        assertEquals(writers * appends, snapshots);
    }

    @Test
    void maintainCompactsExpiresAndDeletesOrphansKeepingTheRows(@TempDir Path tmp) throws Exception {
        Lake lake = Lake.openOrCreate(tmp.resolve("lake").toString(), null, conf);
        ResultTables results = new ResultTables(lake, conf, "run1");
        for (int a = 0; a < 3; a++) {
            results.append(LakeTable.PIPELINE, pipelineRows("run1", a, 4));
        }
        List<String> before = sorted(rows(lake, LakeTable.PIPELINE).stream().map(Object::toString).toList());
        List<Path> batches = files(lake);
        assertEquals(3, batches.size());
        Path orphan = batches.get(0).resolveSibling("b-killed-000000.parquet");
        Files.copy(batches.get(0), orphan); // as a job killed before its commit leaves one
        Files.setLastModifiedTime(orphan, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        Cli.Result r = Cli.run("lake", "maintain", lake.layout().root().toString(), "--older-than", "0s",
                "--retain-last", "1");
        assertEquals(0, r.status(), r.out() + r.err());
        // the 3 batch files the compaction replaced and the killed job's file
        assertTrue(r.out().contains("pipeline: 3 batch files compacted into 1, 3 snapshots expired, 4 files no snapshot"
                + " holds deleted"), r.out());
        assertEquals(before, sorted(rows(lake, LakeTable.PIPELINE).stream().map(Object::toString).toList()));
        assertEquals(1, ResultTables.currentFiles(lake, conf, LakeTable.PIPELINE).size());
        assertEquals(List.of(Path.of(ResultTables.currentFiles(lake, conf, LakeTable.PIPELINE).get(0).toUri()
                .getPath())), files(lake), "the batch files and the orphan are gone from disk");

        Cli.Result bad = Cli.run("lake", "maintain", lake.layout().root().toString(), "--older-than", "a week");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("'a week' is not an age"), bad.err());
    }

    @Test
    void upgradeTurnsAFormat1LakeIntoIcebergTablesWithoutRewritingFiles(@TempDir Path tmp) throws Exception {
        Lake lake = Lake.openOrCreate(tmp.resolve("lake").toString(), null, conf);
        ResultTables results = new ResultTables(lake, conf, "run1");
        for (int a = 0; a < 2; a++) {
            results.append(LakeTable.PIPELINE, pipelineRows("run1", a, 2));
        }
        List<String> before = sorted(rows(lake, LakeTable.PIPELINE).stream().map(Object::toString).toList());
        List<Path> files = files(lake);
        // a format 1 lake: the same files, no Iceberg metadata
        TestData.deleteTree(Path.of(lake.layout().tableDir(LakeTable.PIPELINE).toUri().getPath(), "metadata"));
        Path props = Path.of(lake.layout().propertiesFile().toUri().getPath());
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(props)) {
            p.load(in);
        }
        p.setProperty("format_version", "1");
        try (var out = Files.newBufferedWriter(props)) {
            p.store(out, null);
        }
        Files.delete(props.resolveSibling("._lake.properties.crc")); // Hadoop's checksum of the old text
        IOException old = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Lake.open(lake.layout().root().toString(), conf));
        assertTrue(old.getMessage().contains("vispark lake upgrade"), old.getMessage());

        Cli.Result r = Cli.run("lake", "upgrade", lake.layout().root().toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("pipeline: 2 files committed"), r.out());
        Lake upgraded = Lake.open(lake.layout().root().toString(), conf);
        assertEquals(before, sorted(rows(upgraded, LakeTable.PIPELINE).stream().map(Object::toString).toList()));
        assertEquals(files, files(upgraded), "no file rewritten or moved");
        Cli.Result again = Cli.run("lake", "upgrade", lake.layout().root().toString());
        assertTrue(again.out().contains("nothing to do"), again.out());
    }

    private static List<GenericRecord> pipelineRows(String runId, int append, int n) {
        List<GenericRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GenericRecord r = new GenericData.Record(LakeTable.PIPELINE.schema());
            r.put("ms_id", (long) append * 1000 + i);
            r.put("conversion", 1L);
            r.put("role", "target");
            r.put("gain_tables", "K,G");
            r.put("run_id", runId);
            r.put("finished_utc", "2026-12-07T00:00:00Z");
            out.add(r);
        }
        return out;
    }

    private List<GenericRecord> rows(Lake lake, LakeTable t) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        for (org.apache.hadoop.fs.Path f : ResultTables.currentFiles(lake, conf, t)) {
            out.addAll(LakeParquet.readAll(f, t.schema(), conf));
        }
        return out;
    }

    /** The Parquet files in the pipeline table's directory (not its Iceberg metadata), sorted. */
    private static List<Path> files(Lake lake) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(lake.layout().tableDir(LakeTable.PIPELINE).toUri().getPath()))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** A row as text, field by field in the Iceberg schema's order (numbers as Java prints them). */
    private static String text(Table table, Object row) {
        StringBuilder b = new StringBuilder();
        for (Types.NestedField f : table.schema().columns()) {
            Object v = row instanceof Record r ? r.getField(f.name()) : ((Row) row).getAs(f.name());
            b.append(f.name()).append('=').append(v == null ? "null" : v.toString()).append(';');
        }
        return b.toString();
    }

    private static List<String> sorted(List<String> in) {
        return in.stream().sorted().toList();
    }
}
