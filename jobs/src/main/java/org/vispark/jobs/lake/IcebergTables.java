package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
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
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.hadoop.HadoopInputFile;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.spark.SparkSchemaUtil;

/**
 * The lake's Apache Iceberg tables (format v2), in a Hadoop catalog whose warehouse is the lake root: table
 * {@code T} lives at {@code LAKE/T}, its Iceberg metadata in {@code LAKE/T/metadata}. Every lake table is one; its
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
    private final Map<LakeTable, Table> tables = new EnumMap<>(LakeTable.class);

    private IcebergTables(Lake lake, Configuration conf) {
        this.lake = lake;
        this.conf = conf;
        this.catalog = new HadoopCatalog();
        catalog.setConf(conf);
        catalog.initialize(CATALOG, Map.of("warehouse", lake.layout().root().toString()));
    }

    /** The Iceberg tables of {@code lake}. */
    public static IcebergTables of(Lake lake, Configuration conf) {
        return new IcebergTables(lake, conf);
    }

    /** The Iceberg identifier of a lake table: no namespace, its directory name. */
    public static TableIdentifier identifier(LakeTable table) {
        return TableIdentifier.of(table.dirName());
    }

    /** Whether the table has been created. */
    public boolean exists(LakeTable table) {
        return catalog.tableExists(identifier(table));
    }

    /** The table (loaded once by this object; commits refresh it), created (empty) when it does not exist yet. */
    public Table table(LakeTable table) {
        Table t = tables.get(table);
        if (t == null) {
            t = loadOrCreate(table);
            tables.put(table, t);
        }
        return t;
    }

    private Table loadOrCreate(LakeTable table) {
        TableIdentifier id = identifier(table);
        if (catalog.tableExists(id)) {
            return catalog.loadTable(id);
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
            return catalog.loadTable(id);
        } catch (AlreadyExistsException | CommitFailedException e) {
            return catalog.loadTable(id); // another writer created it first
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
            Path bucket = file.getParent();
            b.withPartitionPath(bucket.getParent().getName() + "/" + bucket.getName());
        }
        return b.build();
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
        List<Path> out = new ArrayList<>();
        if (!exists(table)) {
            return out;
        }
        Table t = catalog.loadTable(identifier(table));
        Long snapshot = null;
        for (Snapshot s : t.snapshots()) {
            if (s.timestampMillis() <= asOfMillis && (snapshot == null || isNewer(s, t.snapshot(snapshot)))) {
                snapshot = s.snapshotId();
            }
        }
        if (snapshot == null) {
            return out;
        }
        try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(snapshot).planFiles()) {
            for (FileScanTask task : tasks) {
                out.add(new Path(task.file().location()));
            }
        }
        out.sort(null);
        return out;
    }

    /** Whether {@code a} is later than {@code b} in commit order (time, then sequence number). */
    private static boolean isNewer(Snapshot a, Snapshot b) {
        return a.timestampMillis() != b.timestampMillis() ? a.timestampMillis() > b.timestampMillis()
                : a.sequenceNumber() > b.sequenceNumber();
    }

    /** The commit time (Unix ms) of snapshot {@code snapshotId} of whichever lake table has it. */
    public long snapshotTime(long snapshotId) {
        for (LakeTable table : LakeTable.values()) {
            if (exists(table)) {
                Snapshot s = catalog.loadTable(identifier(table)).snapshot(snapshotId);
                if (s != null) {
                    return s.timestampMillis();
                }
            }
        }
        throw new IllegalArgumentException("no table of " + lake.layout().root() + " has a snapshot " + snapshotId
                + " (expired by `vispark lake maintain`?); the snapshots are in lake.TABLE.snapshots");
    }
}
