package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.hadoop.HadoopInputFile;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The lake's Apache Iceberg tables (format v2), in the lake's catalog ({@link LakeCatalog}; by default a Hadoop
 * catalog whose warehouse is {@code LAKE/_iceberg}): the metadata of table {@code T} lives in {@code
 * LAKE/_iceberg/T/metadata} whatever the catalog, its data files where vispark writes them, in {@code LAKE/T} (so
 * that directory stays plain Parquet, readable as such). Every lake table is one; its state (which files are current,
 * and every earlier snapshot until {@code vispark lake maintain} expires it) is Iceberg's. visibilities is
 * partitioned by identity on {@code obs_date} and {@code bl_bucket}, the Hive-style directories its files sit in (the
 * columns are not in the files; Iceberg readers take them from the partition).
 *
 * <p>Branches: with {@link #BRANCH} set in the Hadoop configuration (a campaign's name), every read is of that
 * Iceberg branch and every commit goes to it, in every table but {@code campaigns} (always {@code main}); a table's
 * branch starts at {@code main}'s current snapshot ({@link #fork}), and a table where it was never made reads
 * {@code main}. Unset, everything is {@code main}, what everyone reads.
 *
 * <p>vispark writes the data files itself (parquet-avro, {@link LakeParquet}) and commits them through Iceberg's
 * API. Those files carry no Parquet field ids, so every table carries a default name mapping
 * ({@code schema.name-mapping.default}): any Iceberg reader matches columns by name. The Iceberg schema is the
 * table's Spark schema ({@link SparkSchemas}).
 */
public final class IcebergTables {
    /** The name under which vispark registers this catalog in Spark ({@code lake.gains}). */
    public static final String CATALOG = "lake";
    /** The Hadoop configuration key naming the Iceberg branch jobs read and commit to; unset: {@code main}. */
    public static final String BRANCH = "vispark.lake.branch";
    /** Commit attempts before a commit that keeps meeting concurrent commits gives up (Iceberg's default is 4). */
    private static final int COMMIT_RETRIES = 20;

    private final Lake lake;
    private final Configuration conf;
    private final LakeCatalog lakeCatalog;
    private final Catalog catalog;
    private final Path warehouse;
    private final Map<LakeTable, Table> tables = new ConcurrentHashMap<>(); // tables loaded, by several threads
    private final String branch; // null: main

    private IcebergTables(Lake lake, Configuration conf, Path warehouse) {
        this.lake = lake;
        this.conf = conf;
        this.warehouse = warehouse;
        this.lakeCatalog = lake.catalog();
        this.branch = conf.get(BRANCH);
        this.catalog = lakeCatalog.build(lake, conf);
    }

    /** The Iceberg tables of {@code lake}. */
    public static IcebergTables of(Lake lake, Configuration conf) {
        return new IcebergTables(lake, conf, lake.layout().icebergWarehouse());
    }

    /** A copy of {@code conf} whose reads and commits are of branch {@code branch} (a campaign's name). */
    public static Configuration onBranch(Configuration conf, String branch) {
        Configuration c = new Configuration(conf);
        c.set(BRANCH, branch);
        return c;
    }

    /** The lake root a table's location names ({@code ROOT/_iceberg/TABLE}). */
    static String rootOf(String location, LakeTable table) {
        String suffix = "/_iceberg/" + table.dirName();
        return location.endsWith(suffix) ? location.substring(0, location.length() - suffix.length()) : location;
    }

    /**
     * The table, loaded; an error naming the remedy when the lake was copied or moved since its tables were made, or
     * when the catalog's table of that name is another lake's.
     */
    private Table load(LakeTable table) throws IOException {
        Table t = catalog.loadTable(lakeCatalog.identifier(table));
        if (!t.location().equals(tableLocation(table))) {
            String root = rootOf(t.location(), table);
            if (!lakeCatalog.isHadoop()) {
                throw new IOException(lake.layout().root() + ": table " + lakeCatalog.identifier(table) + " of "
                        + lakeCatalog.describe() + " is the lake's at " + root + ": each lake needs a namespace of its"
                        + " own (spark.hadoop." + LakeCatalog.PREFIX + "namespace)");
            }
            throw new IOException(lake.layout().root() + " was copied or moved from " + root + " (its Iceberg tables"
                    + " name the files there): `vispark lake relocate " + lake.layout().root() + "` makes it its own");
        }
        return t;
    }

    /** Where a table's metadata lives, whatever the catalog: {@code LAKE/_iceberg/TABLE}. */
    private String tableLocation(LakeTable table) {
        return new Path(warehouse, table.dirName()).toString();
    }

    /**
     * Whether the table has been created (for a Hadoop catalog asked of the file system: Iceberg logs a missing table
     * as a warning); for another catalog, an error when it lacks a table the lake holds ({@link #refuseLostTable}).
     */
    public boolean exists(LakeTable table) throws IOException {
        if (lakeCatalog.isHadoop()) {
            return lake.fs().exists(new Path(warehouse, table.dirName() + "/metadata/version-hint.text"));
        }
        if (catalog.tableExists(lakeCatalog.identifier(table))) {
            return true;
        }
        refuseLostTable(table);
        return false;
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
        TableIdentifier id = lakeCatalog.identifier(table);
        if (exists(table)) {
            return evolve(load(table), table);
        }
        Schema schema = SparkSchemaUtil.convert(SparkSchemas.of(table));
        try {
            PartitionSpec spec = table == LakeTable.VISIBILITIES
                    ? PartitionSpec.builderFor(schema).identity("obs_date").identity("bl_bucket").build()
                    : PartitionSpec.unpartitioned();
            Transaction create = catalog.buildTable(id, schema).withPartitionSpec(spec).withLocation(tableLocation(table))
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
     * The table with the columns this vispark's schema has and the table lacks (made by an older vispark: the
     * {@code campaign} column of result tables) added, optional, with the name mapping renewed; one commit each, which
     * a concurrent writer may have made first.
     */
    private Table evolve(Table t, LakeTable table) {
        Schema wanted = SparkSchemaUtil.convert(SparkSchemas.of(table));
        List<Types.NestedField> missing = wanted.columns().stream()
                .filter(f -> t.schema().findField(f.name()) == null).toList();
        try {
            if (!missing.isEmpty()) {
                UpdateSchema update = t.updateSchema();
                missing.forEach(f -> update.addColumn(f.name(), f.type(), f.doc()));
                update.commit();
            }
            String json = t.properties().get(TableProperties.DEFAULT_NAME_MAPPING);
            NameMapping mapping = json == null ? null : NameMappingParser.fromJson(json);
            if (mapping == null || t.schema().columns().stream().anyMatch(f -> mapping.find(f.name()) == null)) {
                t.updateProperties().set(TableProperties.DEFAULT_NAME_MAPPING,
                        NameMappingParser.toJson(MappingUtil.create(t.schema()))).commit();
            }
        } catch (CommitFailedException | IllegalArgumentException e) {
            t.refresh(); // another writer evolved it first
        }
        return t;
    }

    /**
     * An error when a catalog that is not the lake's files lacks a table whose metadata the lake holds with snapshots
     * in it: the catalog is another than the one the lake was written through (another database, a namespace
     * renamed), and a new empty table would hide the lake's data. Metadata without a snapshot is what a creation
     * killed before the catalog recorded it leaves: a new table is made beside it.
     */
    private void refuseLostTable(LakeTable table) throws IOException {
        Path metadata = new Path(warehouse, table.dirName() + "/metadata");
        if (!lake.fs().exists(metadata)) {
            return;
        }
        for (FileStatus f : lake.fs().listStatus(metadata)) {
            if (f.getPath().getName().endsWith(".metadata.json")
                    && TableMetadataParser.read(new HadoopFileIO(conf), f.getPath().toString()).currentSnapshot() != null) {
                throw new IOException(lake.layout().root() + ": " + lakeCatalog.describe() + " has no table "
                        + lakeCatalog.identifier(table) + ", but " + f.getPath() + " holds its snapshots: the lake's"
                        + " tables were registered in another catalog (another database or namespace); configure that"
                        + " one (README, \"Iceberg catalogs\")");
            }
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
        AppendFiles append = t.newAppend().toBranch(commitRef(table));
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
        AppendFiles append = t.newAppend().toBranch(commitRef(LakeTable.VISIBILITIES));
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
        OverwriteFiles append = t.newOverwrite().toBranch(commitRef(table)).addFile(dataFile(t, file))
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
        DeleteFiles delete = table(table).newDelete().toBranch(commitRef(table));
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

    /**
     * Every row of the table's current snapshot, read in this process (for the small tables: pipeline state, flag
     * statistics, campaigns, MS metadata); only the columns named in {@code columns} are read, the others are null.
     */
    public List<GenericRecord> currentRows(LakeTable table, Set<String> columns) throws IOException {
        org.apache.avro.Schema schema = table.schema();
        org.apache.avro.Schema projection = LakeParquet.projection(schema, columns::contains);
        List<GenericRecord> out = new ArrayList<>();
        for (Path p : currentFiles(table)) {
            try (ParquetReader<GenericRecord> in = LakeParquet.reader(p, schema, projection, conf)) {
                for (GenericRecord r = in.read(); r != null; r = in.read()) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** {@link #currentRows(LakeTable, Set)} with every column. */
    public List<GenericRecord> currentRows(LakeTable table) throws IOException {
        return currentRows(table, table.schema().getFields().stream().map(org.apache.avro.Schema.Field::name)
                .collect(Collectors.toSet()));
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
        }
        SnapshotRef head = t.refs().get(readRef(t, table));
        Iterable<Snapshot> ancestry = head == null ? List.of() : SnapshotUtil.ancestorsOf(head.snapshotId(), t::snapshot);
        for (Snapshot s : ancestry) {
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

    /** The branch reads of {@code table} use: the configured one where the table has it, else {@code main}. */
    String readRef(Table t, LakeTable table) {
        String ref = ref(table);
        return t.refs().containsKey(ref) ? ref : SnapshotRef.MAIN_BRANCH;
    }

    /** The branch of {@code table} this configuration works on (campaigns: always main). */
    private String ref(LakeTable table) {
        return branch == null || table == LakeTable.CAMPAIGNS ? SnapshotRef.MAIN_BRANCH : branch;
    }

    /** The branch commits to {@code table} go to, made from main's current snapshot when the table lacks it. */
    String commitRef(LakeTable table) throws IOException {
        String ref = ref(table);
        if (!ref.equals(SnapshotRef.MAIN_BRANCH)) {
            fork(table, ref);
        }
        return ref;
    }

    /**
     * Makes branch {@code name} of {@code table} at main's current snapshot (an empty snapshot for a table without
     * one), unless it exists already.
     */
    void fork(LakeTable table, String name) throws IOException {
        Table t = table(table);
        t.refresh();
        if (t.refs().containsKey(name)) {
            return;
        }
        try {
            t.manageSnapshots().createBranch(name).commit();
        } catch (CommitFailedException | IllegalArgumentException e) {
            t.refresh(); // another process made it first
            if (!t.refs().containsKey(name)) {
                throw e;
            }
        }
    }

    /**
     * Makes branch {@code name} in every existing table but campaigns that lacks it: a campaign starting from main as
     * it is, except that its {@code pipeline} and {@code flag_stats} tables start empty (the campaign flags and
     * calibrates every MS again, whatever main's pipeline finished).
     */
    public void forkAll(String name) throws IOException {
        for (Map.Entry<LakeTable, Table> e : branchable().entrySet()) {
            if (!e.getValue().refs().containsKey(name)) {
                fork(e.getKey(), name);
                if (e.getKey() == LakeTable.PIPELINE || e.getKey() == LakeTable.FLAG_STATS) {
                    e.getValue().newDelete().toBranch(name).deleteFromRowFilter(Expressions.alwaysTrue()).commit();
                }
            }
        }
    }

    /**
     * The tables whose main has commits branch {@code name} lacks (main's head is not one of the branch's snapshots):
     * publishing the branch would drop them.
     */
    public List<LakeTable> mainMovedSince(String name) throws IOException {
        List<LakeTable> out = new ArrayList<>();
        branchable().forEach((table, t) -> {
            SnapshotRef b = t.refs().get(name);
            Snapshot main = t.currentSnapshot();
            if (b != null && main != null && !SnapshotUtil.isAncestorOf(t, b.snapshotId(), main.snapshotId())) {
                out.add(table);
            }
        });
        return out;
    }

    /** Makes main of every table that has branch {@code name} point where the branch does. */
    public void publish(String name) throws IOException {
        for (Table t : branchable().values()) {
            if (t.refs().containsKey(name)) {
                t.manageSnapshots().replaceBranch(SnapshotRef.MAIN_BRANCH, name).commit();
            }
        }
    }

    /** Removes branch {@code name} from every table (its snapshots expire and its files go at the next maintain). */
    public void dropBranch(String name) throws IOException {
        for (Table t : branchable().values()) {
            if (t.refs().containsKey(name)) {
                t.manageSnapshots().removeBranch(name).commit();
            }
        }
    }

    /** Every existing table a campaign's branch may live in (all but campaigns), refreshed. */
    private Map<LakeTable, Table> branchable() throws IOException {
        Map<LakeTable, Table> out = new EnumMap<>(LakeTable.class);
        for (LakeTable table : LakeTable.values()) {
            if (table != LakeTable.CAMPAIGNS && exists(table)) {
                Table t = table(table);
                t.refresh();
                out.put(table, t);
            }
        }
        return out;
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
