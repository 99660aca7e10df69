package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
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
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;

/**
 * The lake as Iceberg tables (issue 17): after a rephase, the lake as of the snapshot before it returns the original
 * UVW and DATA bit for bit; a second diagnose run leaves the first readable by snapshot; Iceberg's generic reader (no
 * Spark) returns what Spark SQL does, for every table; concurrent appends all commit; {@code lake maintain} compacts,
 * expires and deletes orphans without changing the rows; {@code lake upgrade} turns a format 1 lake into Iceberg
 * tables without rewriting its files.
 */
class IcebergLakeTest {
    private static final String CATALOGUE = "../conf/calibrators.csv";
    private final Configuration conf = new Configuration();

    @AfterAll
    static void stop() {
        TestData.spark("IcebergLakeTest").stop();
    }

    @Test
    void earlierSnapshotsKeepTheOriginalDataAndAnyReaderSeesTheSameRows(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/incident.ms"), "--nant", "12", "--nchan", "16", "--ntime", "4");
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        for (int run = 0; run < 2; run++) {
            Cli.Result r = Cli.run("diagnose", "--lake", lake.toString(), "--calibrator", "0834+555", "--catalogue",
                    CATALOGUE);
            assertEquals(0, r.status(), r.out() + r.err());
        }
        SparkSession spark = TestData.spark("IcebergLakeTest");
        Lake opened = Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration());
        LakeViews.register(spark, opened);
        String cells = "SELECT row, uvw, data, flag, time FROM visibilities ORDER BY row";
        List<Row> original = spark.sql(cells).collectAsList();
        long msSnapshot = spark.sql("SELECT snapshot_id FROM lake.ms.snapshots ORDER BY committed_at DESC LIMIT 1")
                .first().getLong(0);

        // diagnose: one snapshot per run, the first run readable as of the first
        List<Row> snapshots = spark.sql("SELECT snapshot_id, operation FROM lake.diagnostics.snapshots"
                + " ORDER BY committed_at").collectAsList();
        assertEquals(2, snapshots.size(), "one snapshot per diagnose run: " + snapshots);
        assertEquals("append", snapshots.get(0).getString(1));
        List<Row> runs = spark.sql("SELECT DISTINCT run_id FROM lake.diagnostics ORDER BY run_id").collectAsList();
        assertEquals(2, runs.size());
        assertEquals(List.of(runs.get(0)), spark.sql("SELECT DISTINCT run_id FROM lake.diagnostics VERSION AS OF "
                + snapshots.get(0).getLong(0)).collectAsList(), "the snapshot before the second run holds the first");
        assertEquals(spark.sql("SELECT * FROM diagnostics").count(),
                spark.sql("SELECT * FROM lake.diagnostics WHERE run_id = '" + runs.get(1).getString(0) + "'").count(),
                "the diagnostics view shows the newest run");

        // rephase: a new version replaces the MS's rows; as of the catalogue's snapshot before it, the old ones
        Cli.Result rephase = Cli.run("rephase", "--lake", lake.toString(), "--to-calibrator", "0834+555",
                "--catalogue", CATALOGUE);
        assertEquals(0, rephase.status(), rephase.err());
        spark = TestData.spark("IcebergLakeTest"); // the command stopped the session it shared
        LakeViews.register(spark, opened);
        List<Row> rephased = spark.sql(cells).collectAsList();
        assertEquals(original.size(), rephased.size());
        assertFalse(original.get(0).getList(1).equals(rephased.get(0).getList(1)), "rephase changed UVW");
        assertEquals(spark.sql("SELECT count(*) FROM visibilities").first().getLong(0),
                spark.sql("SELECT count(*) FROM lake.visibilities").first().getLong(0),
                "the current snapshot holds the new version only");
        LakeViews.register(spark, opened, IcebergTables.of(opened, conf).snapshotTime(msSnapshot));
        List<Row> asOf = spark.sql(cells).collectAsList();
        assertEquals(original.size(), asOf.size());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(original.get(i).getList(1), asOf.get(i).getList(1), "UVW of row " + i);
            assertTrue(java.util.Arrays.equals((byte[]) original.get(i).get(2), (byte[]) asOf.get(i).get(2)),
                    "DATA of row " + i + ", bit for bit");
        }
        Cli.Result sql = Cli.run("sql", "--lake", lake.toString(), "--as-of", Long.toString(msSnapshot), "--format",
                "csv", "SELECT count(*) AS n, count(DISTINCT conversion) AS versions FROM visibilities");
        assertEquals(0, sql.status(), sql.err());
        assertEquals(List.of("n,versions", original.size() + ",1"), sql.out().strip().lines().toList(),
                "the command's views as of that snapshot: the original version's rows");
        Cli.Result badAsOf = Cli.run("sql", "--lake", lake.toString(), "--as-of", "last tuesday", "SELECT 1");
        assertEquals(2, badAsOf.status());
        assertTrue(badAsOf.err().contains("neither a snapshot id nor an ISO-8601 instant"), badAsOf.err());

        // every table: Iceberg's generic reader equals Spark SQL over the Iceberg table
        spark = TestData.spark("IcebergLakeTest");
        LakeViews.register(spark, opened);
        IcebergTables tables = IcebergTables.of(opened, conf);
        for (LakeTable t : LakeTable.values()) {
            if (!tables.exists(t)) {
                continue;
            }
            Table table = tables.table(t);
            List<String> generic = new ArrayList<>();
            try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
                for (Record r : rows) {
                    generic.add(text(table, r));
                }
            }
            List<String> viaSpark = spark.sql("SELECT * FROM lake." + t.dirName()).collectAsList().stream()
                    .map(r -> text(table, r)).toList();
            assertFalse(viaSpark.isEmpty(), t.dirName());
            assertEquals(sorted(viaSpark), sorted(generic), t.dirName() + ": generic reader and Spark SQL");
        }
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
        assertEquals(1, IcebergTables.of(lake, conf).currentFiles(LakeTable.PIPELINE).size());
        assertEquals(List.of(Path.of(IcebergTables.of(lake, conf).currentFiles(LakeTable.PIPELINE).get(0).toUri()
                .getPath())), files(lake), "the batch files and the orphan are gone from disk");

        Cli.Result bad = Cli.run("lake", "maintain", lake.layout().root().toString(), "--older-than", "a week");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("'a week' is not an age"), bad.err());
    }

    @Test
    void upgradeTurnsAFormat1LakeIntoIcebergTablesWithoutRewritingFiles(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/small.ms"), "--nant", "6", "--nchan", "8", "--ntime", "2");
        Path root = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", root.toString(), ms.toString()).status());
        Lake lake = Lake.open(root.toString(), conf);
        ResultTables results = new ResultTables(lake, conf, "run1");
        for (int a = 0; a < 2; a++) {
            results.append(LakeTable.PIPELINE, pipelineRows("run1", a, 2));
        }
        SparkSession spark = TestData.spark("IcebergLakeTest");
        List<String> views = List.of("visibilities", "antennas", "fields", "spectral_windows", "ms", "pipeline");
        List<List<String>> before = viewRows(spark, lake, views);
        List<Path> files = allFiles(root);
        // a format 1 lake: the same files, no Iceberg metadata
        TestData.deleteTree(root.resolve("_iceberg"));
        Path props = root.resolve("_lake.properties");
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
                () -> Lake.open(root.toString(), conf));
        assertTrue(old.getMessage().contains("vispark lake upgrade"), old.getMessage());

        Cli.Result r = Cli.run("lake", "upgrade", root.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("pipeline: 2 files committed"), r.out());
        spark = TestData.spark("IcebergLakeTest");
        Lake upgraded = Lake.open(root.toString(), conf);
        assertEquals(before, viewRows(spark, upgraded, views));
        assertEquals(files, allFiles(root), "no data file rewritten or moved");
        Cli.Result again = Cli.run("lake", "upgrade", root.toString());
        assertTrue(again.out().contains("nothing to do"), again.out());
    }

    private static List<List<String>> viewRows(SparkSession spark, Lake lake, List<String> views) throws IOException {
        LakeViews.register(spark, lake);
        List<List<String>> out = new ArrayList<>();
        for (String v : views) {
            out.add(sorted(spark.sql("SELECT * FROM " + v).toJSON().collectAsList()));
        }
        return out;
    }

    /** The Parquet data files of a lake (not its Iceberg metadata), sorted. */
    private static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("/metadata/")
                    && !p.toString().contains("/_staging/")).sorted().toList();
        }
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
        for (org.apache.hadoop.fs.Path f : IcebergTables.of(lake, conf).currentFiles(t)) {
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

    /** A row as text, field by field in the Iceberg schema's order, the same for both readers' value types. */
    private static String text(Table table, Object row) {
        StringBuilder b = new StringBuilder();
        for (Types.NestedField f : table.schema().columns()) {
            Object v;
            if (row instanceof Record r) {
                v = r.getField(f.name());
            } else {
                Row spark = (Row) row;
                int i = spark.fieldIndex(f.name());
                v = spark.isNullAt(i) ? null : f.type().isListType() ? spark.getList(i) : spark.get(i);
            }
            b.append(f.name()).append('=').append(value(v)).append(';');
        }
        return b.toString();
    }

    private static String value(Object v) {
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(IcebergLakeTest::value).toList().toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        return String.valueOf(v); // LocalDate and java.sql.Date both print yyyy-mm-dd
    }

    private static List<String> sorted(List<String> in) {
        return in.stream().sorted().toList();
    }

    @Test
    void tablesMadeByAnOlderVisparkGainTheNewColumns(@TempDir Path tmp) throws Exception {
        Lake lake = Lake.openOrCreate(tmp.resolve("lake").toString(), null, conf);
        Table old = IcebergTables.of(lake, conf).table(LakeTable.GAINS);
        old.updateSchema().deleteColumn("campaign").commit(); // as the tables of the build before it
        old.updateProperties().set(TableProperties.DEFAULT_NAME_MAPPING,
                NameMappingParser.toJson(MappingUtil.create(old.schema()))).commit();
        assertTrue(old.schema().findField("campaign") == null);

        Table opened = IcebergTables.of(lake, conf).table(LakeTable.GAINS);
        assertTrue(opened.schema().findField("campaign") != null, "the column was added");
        assertTrue(NameMappingParser.fromJson(opened.properties().get(TableProperties.DEFAULT_NAME_MAPPING))
                .find("campaign") != null, "Iceberg readers map it by name");
        assertEquals(SparkSchemaUtil.convert(SparkSchemas.of(LakeTable.GAINS)).columns().size(),
                opened.schema().columns().size());
    }
}
