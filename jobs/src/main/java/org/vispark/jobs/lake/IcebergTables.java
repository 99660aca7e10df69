package org.vispark.jobs.lake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.hadoop.HadoopInputFile;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * The lake's Apache Iceberg tables (format v2), in a Hadoop catalog whose warehouse is {@code LAKE/_iceberg}: the
 * metadata of table {@code T} lives in {@code LAKE/_iceberg/T/metadata}, its data files where vispark writes them,
 * in {@code LAKE/T} (so that directory stays plain Parquet, readable as such). Every lake table is one; its
 * state (which files are current, and every earlier snapshot until {@code vispark lake maintain} expires it) is
 * Iceberg's. visibilities is partitioned by identity on {@code obs_date} and {@code bl_bucket}, the Hive-style
 * directories its files sit in (the columns are not in the files; Iceberg readers take them from the partition).
 *
 * <p>vispark writes the data files itself (parquet-avro, {@link LakeParquet}) and commits them through Iceberg's
 * API. Those files carry no Parquet field ids, so every table carries a default name mapping
 * ({@code schema.name-mapping.default}): any Iceberg reader matches columns by name. The Iceberg schema is the
 * table's Spark schema ({@link SparkSchemas}).
 */
public final class IcebergTables {
    /** The name under which vispark registers this catalog in Spark ({@code lake.gains}). */
    public static final String CATALOG = "lake";
    /** Commit attempts before a commit that keeps meeting concurrent commits gives up (Iceberg's default is 4). */
    private static final int COMMIT_RETRIES = 20;

    private final Lake lake;
    private final Configuration conf;
    private final HadoopCatalog catalog;
    private final Path warehouse;
    private final Map<LakeTable, Table> tables = new ConcurrentHashMap<>(); // tables loaded, by several threads

    private IcebergTables(Lake lake, Configuration conf, Path warehouse) {
        this.lake = lake;
        this.conf = conf;
        this.warehouse = warehouse;
        this.catalog = new HadoopCatalog();
        catalog.setConf(conf);
        catalog.initialize(CATALOG, catalogProperties(lake));
    }

    /**
     * The Hadoop catalog's properties for {@code lake}: its warehouse, and on a local file system the lock that makes
     * commits of several processes safe ({@link LocalFileLockManager}; HDFS's rename is safe by itself).
     */
    static Map<String, String> catalogProperties(Lake lake) {
        Map<String, String> p = new HashMap<>();
        p.put(CatalogProperties.WAREHOUSE_LOCATION, lake.layout().icebergWarehouse().toString());
        if (isLocal(lake)) {
            p.put(CatalogProperties.LOCK_IMPL, LocalFileLockManager.class.getName());
        }
        return p;
    }

    private static boolean isLocal(Lake lake) {
        return "file".equals(lake.fs().getUri().getScheme());
    }

    /** The Iceberg tables of {@code lake}. */
    public static IcebergTables of(Lake lake, Configuration conf) {
        return new IcebergTables(lake, conf, lake.layout().icebergWarehouse());
    }

    /** The lake root a table's location names ({@code ROOT/_iceberg/TABLE}). */
    static String rootOf(String location, LakeTable table) {
        String suffix = "/_iceberg/" + table.dirName();
        return location.endsWith(suffix) ? location.substring(0, location.length() - suffix.length()) : location;
    }

    /** The table, loaded; an error naming the remedy when the lake was copied or moved since its tables were made. */
    private Table load(LakeTable table) throws IOException {
        Table t = catalog.loadTable(identifier(table));
        if (!t.location().equals(new Path(warehouse, table.dirName()).toString())) {
            String root = rootOf(t.location(), table);
            throw new IOException(lake.layout().root() + " was copied or moved from " + root + " (its Iceberg tables"
                    + " name the files there): `vispark lake relocate " + lake.layout().root() + "` makes it its own");
        }
        return t;
    }

    /** The Iceberg identifier of a lake table: no namespace, its directory name. */
    public static TableIdentifier identifier(LakeTable table) {
        return TableIdentifier.of(table.dirName());
    }

    /** Whether the table has been created (asked of the file system: Iceberg logs a missing table as a warning). */
    public boolean exists(LakeTable table) throws IOException {
        return lake.fs().exists(new Path(warehouse, table.dirName() + "/metadata/version-hint.text"));
    }

    /** The table (loaded once by this object; commits refresh it), created (empty) when it does not exist yet. */
    public Table table(LakeTable table) throws IOException {
        Table t = tables.get(table);
        if (t == null) {
            t = loadOrCreate(table);
            Table first = tables.putIfAbsent(table, t);
            t = first == null ? t : first;
        }
        return t;
    }

    private Table loadOrCreate(LakeTable table) throws IOException {
        TableIdentifier id = identifier(table);
        if (exists(table)) {
            return load(table);
        }
        Schema schema = SparkSchemaUtil.convert(SparkSchemas.of(table));
        try {
            PartitionSpec spec = table == LakeTable.VISIBILITIES
                    ? PartitionSpec.builderFor(schema).identity("obs_date").identity("bl_bucket").build()
                    : PartitionSpec.unpartitioned();
            Transaction create = catalog.buildTable(id, schema).withPartitionSpec(spec)
                    .withProperty(TableProperties.FORMAT_VERSION, "2")
                    .withProperty(TableProperties.COMMIT_NUM_RETRIES, Integer.toString(COMMIT_RETRIES))
                    .withProperty(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true")
                    // Iceberg 1.10's vectorized reader cannot decode Parquet v2 encodings (DELTA_BYTE_ARRAY), which
                    // vispark's writer uses; its row reader can
                    .withProperty(TableProperties.PARQUET_VECTORIZATION_ENABLED, "false")
                    .createTransaction();
            // the mapping names the field ids of the table as created (creation assigns fresh ids)
            NameMapping mapping = MappingUtil.create(create.table().schema());
            create.updateProperties().set(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(mapping))
                    .commit();
            create.commitTransaction();
            return load(table);
        } catch (AlreadyExistsException | CommitFailedException e) {
            return load(table); // another writer created it first
        }
    }

    /**
     * Commits Parquet files already at their place in the table's directory as one append (one snapshot); Iceberg
     * retries the commit when another writer committed meanwhile. Nothing for no files.
     */
    public void append(LakeTable table, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        Table t = table(table);
        AppendFiles append = t.newAppend();
        for (Path p : files) {
            append.appendFile(dataFile(t, p));
        }
        append.commit();
    }

    /**
     * Commits visibility files already at their place ({@link StagedFile#relative()} below the lake root) as one
     * append, from what the tasks that wrote them know (rows, bytes, and the ms_id and conversion their names hold, as
     * column bounds): no footer is read, which for the 1,600 files of 200 small MS took 13 s. Nothing for no files.
     */
    public void appendVisibilities(List<StagedFile> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        Table t = table(LakeTable.VISIBILITIES);
        int msId = t.schema().findField("ms_id").fieldId();
        int conversion = t.schema().findField("conversion").fieldId();
        AppendFiles append = t.newAppend();
        for (StagedFile f : files) {
            Path p = new Path(lake.layout().root(), f.relative());
            long[] ids = LakeLayout.parseVisibilityFile(p.getName()).orElseThrow(
                    () -> new IOException(f.relative() + " is not named as a visibility file"));
            Map<Integer, ByteBuffer> bounds = Map.of(
                    msId, Conversions.toByteBuffer(Types.LongType.get(), ids[0]),
                    conversion, Conversions.toByteBuffer(Types.LongType.get(), ids[1]));
            append.appendFile(DataFiles.builder(t.spec()).withPath(p.toString()).withFormat(FileFormat.PARQUET)
                    .withFileSizeInBytes(f.bytes()).withPartitionPath(partitionPath(p))
                    .withMetrics(new Metrics(f.rows(), null, null, null, null, bounds, bounds)).build());
        }
        append.commit();
    }

    /**
     * Commits one file already in place, as {@link #append}, but fails with Iceberg's {@link ValidationException}
     * (nothing committed) when any file was added to the table after snapshot {@code sinceSnapshot} (null: since its
     * creation). Iceberg checks this within the commit, against the snapshot it commits on.
     */
    public void appendValidated(LakeTable table, Path file, Long sinceSnapshot) throws IOException {
        Table t = table(table);
        OverwriteFiles append = t.newOverwrite().addFile(dataFile(t, file))
                .conflictDetectionFilter(Expressions.alwaysTrue()).validateNoConflictingData();
        if (sinceSnapshot != null) {
            append.validateFromSnapshot(sinceSnapshot);
        }
        append.commit();
    }

    /**
     * Removes files from the table's current snapshot, one commit (they stay on disk, readable in earlier snapshots,
     * until {@code vispark lake maintain} expires those). Nothing for no files.
     */
    public void remove(LakeTable table, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        DeleteFiles delete = table(table).newDelete();
        for (Path p : files) {
            delete.deleteFile(p.toString());
        }
        delete.commit();
    }

    /**
     * A vispark-written Parquet file as an Iceberg data file: its size, row count and column metrics (footer), and
     * for visibilities its partition, from its directories ({@code obs_date=DATE/bl_bucket=N}).
     */
    DataFile dataFile(Table t, Path file) throws IOException {
        HadoopInputFile in = HadoopInputFile.fromPath(file, lake.fs(), conf);
        Metrics metrics;
        try {
            metrics = ParquetUtil.fileMetrics(in, MetricsConfig.forTable(t), MappingUtil.create(t.schema()));
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": cannot read its Parquet footer: " + e.getMessage(), e);
        }
        DataFiles.Builder b = DataFiles.builder(t.spec()).withPath(file.toString()).withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(in.getLength()).withMetrics(metrics);
        if (t.spec().isPartitioned()) {
            b.withPartitionPath(partitionPath(file));
        }
        return b.build();
    }

    /** The Hive-style partition path of a visibility file: its two directories, {@code obs_date=DATE/bl_bucket=N}. */
    private static String partitionPath(Path file) {
        Path bucket = file.getParent();
        return bucket.getParent().getName() + "/" + bucket.getName();
    }

    /** The data files of the table's current snapshot (none when the table does not exist), sorted by path. */
    public List<Path> currentFiles(LakeTable table) throws IOException {
        return filesAsOf(table, Long.MAX_VALUE);
    }

    /**
     * The data files of the table's newest snapshot committed at or before {@code asOfMillis} (Unix ms), sorted by
     * path; none when the table did not exist then.
     */
    public List<Path> filesAsOf(LakeTable table, long asOfMillis) throws IOException {
        return snapshotAsOf(table, asOfMillis).files().keySet().stream().sorted().toList();
    }

    /** A snapshot of a table (null id: the table had none) and its data files, each with its commit time (Unix ms). */
    public record SnapshotFiles(Long snapshotId, Map<Path, Long> files) {}

    /** The table's current snapshot and its files. */
    public SnapshotFiles currentSnapshot(LakeTable table) throws IOException {
        return snapshotAsOf(table, Long.MAX_VALUE);
    }

    private SnapshotFiles snapshotAsOf(LakeTable table, long asOfMillis) throws IOException {
        Map<Path, Long> out = new HashMap<>();
        if (!exists(table)) {
            return new SnapshotFiles(null, out);
        }
        Table t = load(table);
        Snapshot chosen = null;
        Map<Long, Long> committedAt = new HashMap<>(); // sequence number to commit time
        for (Snapshot s : t.snapshots()) {
            committedAt.put(s.sequenceNumber(), s.timestampMillis());
            if (s.timestampMillis() <= asOfMillis && (chosen == null || isNewer(s, chosen))) {
                chosen = s;
            }
        }
        if (chosen == null) {
            return new SnapshotFiles(null, out);
        }
        try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(chosen.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                Long sequence = task.file().dataSequenceNumber();
                out.put(new Path(task.file().location()), committedAt.getOrDefault(sequence, 0L));
            }
        }
        return new SnapshotFiles(chosen.snapshotId(), out);
    }

    /** Whether {@code a} is later than {@code b} in commit order (time, then sequence number). */
    private static boolean isNewer(Snapshot a, Snapshot b) {
        return a.timestampMillis() != b.timestampMillis() ? a.timestampMillis() > b.timestampMillis()
                : a.sequenceNumber() > b.sequenceNumber();
    }

    /** The commit time (Unix ms) of snapshot {@code snapshotId} of whichever lake table has it. */
    public long snapshotTime(long snapshotId) throws IOException {
        for (LakeTable table : LakeTable.values()) {
            if (exists(table)) {
                Snapshot s = load(table).snapshot(snapshotId);
                if (s != null) {
                    return s.timestampMillis();
                }
            }
        }
        throw new IllegalArgumentException("no table of " + lake.layout().root() + " has a snapshot " + snapshotId
                + " (expired by `vispark lake maintain`?); the snapshots are in lake.TABLE.snapshots");
    }
}
