package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.sql.SparkSession;

/**
 * {@code vispark lake maintain}: the housekeeping of the lake's Iceberg tables. First the staging areas of crashed runs
 * go ({@link LakeMaintenance#deleteStaleStaging}), and visibility files no reader may see leave visibilities' current
 * snapshot ({@link LakeMaintenance#removeInvisible}, uncommitted ones when older than the given age); then per table,
 * in this order:
 * <ol>
 *   <li>compaction (all tables but visibilities, whose files are already large): the batch files a run appended ({@code b-RUN-SEQ.parquet}) are rewritten, a run's batches into
 *       files of up to {@link #COMPACT_BYTES} each, streamed (memory does not grow with the run), and swapped in by
 *       one Iceberg rewrite commit: the current snapshot's rows do not change;</li>
 *   <li>snapshot expiry: snapshots older than the given age are dropped, except the newest {@code retainLast}; the
 *       files only they held are deleted (time travel before the oldest snapshot kept is gone);</li>
 *   <li>unreferenced file removal (Iceberg's orphan files): files in the table's data directory that no snapshot
 *       kept holds and older than the given age are deleted: those a job killed before its commit left, and those
 *       compaction replaced. The age keeps the files of a job committing at this moment.</li>
 * </ol>
 */
public final class IcebergMaintenance {
    /** Input bytes of batch files rewritten into one compacted file. */
    public static final long COMPACT_BYTES = 128L << 20;

    /** What to keep: snapshots newer than {@code olderThanMillis} ago and the newest {@code retainLast}; orphans too. */
    public record Policy(long olderThanMillis, int retainLast) {
        public Policy {
            if (olderThanMillis < 0) {
                throw new IllegalArgumentException("the age must not be negative, not " + olderThanMillis + " ms");
            }
            if (retainLast < 1) {
                throw new IllegalArgumentException("at least one snapshot is kept; --retain-last " + retainLast);
            }
        }
    }

    /** What maintenance did to one table. */
    public record TableSummary(LakeTable table, int filesCompacted, int filesWritten, int snapshotsExpired,
            int orphansDeleted) {}

    private IcebergMaintenance() {}

    /** Maintains every Iceberg table of the lake; prints a line per table. */
    public static List<TableSummary> run(SparkSession spark, Lake lake, Configuration conf, Policy policy,
            String runId, PrintStream console) throws IOException {
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        List<TableSummary> out = new ArrayList<>();
        LakeMaintenance.deleteStaleStaging(lake);
        int invisible = LakeMaintenance.removeInvisible(lake, Catalogue.read(lake, conf), conf, policy.olderThanMillis());
        console.printf("visibilities: %d files of superseded or abandoned conversions left the current snapshot%n",
                invisible);
        try {
            for (LakeTable t : LakeTable.values()) {
                if (!iceberg.exists(t)) {
                    continue;
                }
                Table table = iceberg.table(t);
                int[] compacted = t == LakeTable.VISIBILITIES ? new int[2] : compact(lake, conf, iceberg, t, runId);
                table.refresh();
                int before = size(table.snapshots());
                long cutoff = System.currentTimeMillis() - policy.olderThanMillis();
                table.expireSnapshots().expireOlderThan(cutoff).retainLast(policy.retainLast()).commit();
                table.refresh();
                int expired = before - size(table.snapshots());
                int deleted = 0;
                DeleteOrphanFiles.Result orphans = SparkActions.get(spark).deleteOrphanFiles(table)
                        .location(lake.layout().tableDir(t).toString()).olderThan(cutoff).execute();
                for (String orphan : orphans.orphanFileLocations()) {
                    console.println("  deleted " + orphan);
                    deleted++;
                }
                TableSummary s = new TableSummary(t, compacted[0], compacted[1], expired, deleted);
                console.printf("%s: %d batch files compacted into %d, %d snapshots expired, %d files no snapshot holds"
                        + " deleted%n",
                        t.dirName(), s.filesCompacted(), s.filesWritten(), s.snapshotsExpired(), s.orphansDeleted());
                out.add(s);
            }
        } finally {
            LakeMaintenance.deleteStaging(lake, runId);
        }
        return out;
    }

    /**
     * Rewrites each run's batch files of table {@code t} (not visibilities) into compacted files named after
     * {@code runId}, one commit; returns {files read, files written}.
     */
    static int[] compact(Lake lake, Configuration conf, IcebergTables iceberg, LakeTable t, String runId)
            throws IOException {
        Table table = iceberg.table(t);
        String ref = iceberg.commitRef(t);
        Map<String, List<DataFile>> byRun = new LinkedHashMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(ref).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile f = task.file();
                LakeLayout.batchFileRun(new Path(f.location()).getName())
                        .ifPresent(run -> byRun.computeIfAbsent(run, r -> new ArrayList<>()).add(f.copy()));
            }
        }
        Set<DataFile> removed = new HashSet<>();
        Set<DataFile> added = new HashSet<>();
        for (Map.Entry<String, List<DataFile>> run : byRun.entrySet()) {
            List<List<DataFile>> groups = groups(run.getValue());
            for (int g = 0; g < groups.size(); g++) {
                List<DataFile> group = groups.get(g);
                if (group.size() < 2) {
                    continue;
                }
                String relative = LakeLayout.compactedFile(t, run.getKey(), runId, g);
                Path tmp = new Path(lake.layout().stagingDir(runId), "compact/" + relative);
                copyRows(group, tmp, t, conf);
                Path dst = new Path(lake.layout().root(), relative);
                BatchCommitter.rename(lake.fs(), tmp, dst);
                removed.addAll(group);
                added.add(iceberg.dataFile(table, dst));
            }
        }
        if (removed.isEmpty()) {
            return new int[2];
        }
        try {
            table.newRewrite().toBranch(ref).rewriteFiles(removed, added).commit();
        } catch (ValidationException e) {
            // another job compacted some of these batches first: its files hold the rows, these are dropped
            for (DataFile f : added) {
                lake.fs().delete(new Path(f.location()), false);
            }
            return new int[2];
        }
        return new int[] {removed.size(), added.size()};
    }

    /** A run's files in groups of up to {@link #COMPACT_BYTES} of input, in order. */
    private static List<List<DataFile>> groups(List<DataFile> files) {
        List<List<DataFile>> out = new ArrayList<>();
        List<DataFile> current = new ArrayList<>();
        long bytes = 0;
        for (DataFile f : files) {
            if (!current.isEmpty() && bytes + f.fileSizeInBytes() > COMPACT_BYTES) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(f);
            bytes += f.fileSizeInBytes();
        }
        out.add(current);
        return out;
    }

    private static void copyRows(List<DataFile> from, Path to, LakeTable t, Configuration conf) throws IOException {
        try (ParquetWriter<GenericRecord> w = LakeParquet.tableWriter(LakeParquet.outputFile(to, conf), t.schema(),
                conf)) {
            for (DataFile f : from) {
                try (ParquetReader<GenericRecord> in = LakeParquet.reader(new Path(f.location()), t.schema(), conf)) {
                    for (GenericRecord r = in.read(); r != null; r = in.read()) {
                        w.write(r);
                    }
                }
            }
        }
    }

    private static int size(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }
}
