package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Housekeeping a convert run does before and after converting (one convert at a time per lake):
 * drop staging left by crashed runs, compact each run's commit batches into one file per table, and
 * delete visibility files no reader may see (superseded by a newer conversion of their MS, or never
 * committed because a run crashed).
 */
public final class LakeMaintenance {
    private LakeMaintenance() {}

    /** Deletes the staging area of every run. */
    public static void deleteStaging(Lake lake) throws IOException {
        lake.fs().delete(lake.layout().stagingRoot(), true);
    }

    /**
     * Compacts the commit batches of every run except {@code skipRun} (null: all) into {@code r-RUN.parquet}
     * per table, and deletes batches a compacted file already holds. Returns the runs compacted.
     */
    public static int compactRuns(Lake lake, Configuration conf, String skipRun) throws IOException {
        FileSystem fs = lake.fs();
        int compacted = 0;
        for (LakeTable table : LakeTable.values()) {
            if (table == LakeTable.VISIBILITIES || IcebergTables.isIceberg(table)) {
                continue; // Iceberg tables are compacted by `vispark lake maintain`
            }
            for (Path p : TableFiles.superseded(fs, lake.layout(), table)) {
                fs.delete(p, false);
            }
            Map<String, List<Path>> batches = new TreeMap<>();
            for (Path p : TableFiles.current(fs, lake.layout(), table)) {
                LakeLayout.batchFileRun(p.getName()).filter(run -> !run.equals(skipRun))
                        .ifPresent(run -> batches.computeIfAbsent(run, r -> new ArrayList<>()).add(p));
            }
            for (Map.Entry<String, List<Path>> run : batches.entrySet()) {
                compact(lake, conf, table, run.getKey(), run.getValue());
                compacted++;
            }
        }
        return compacted;
    }

    /** Writes the rows of a run's batch files of one table into its run file, then deletes the batches. */
    public static void compact(Lake lake, Configuration conf, LakeTable table, String runId, List<Path> batchFiles)
            throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        for (Path p : batchFiles) {
            rows.addAll(LakeParquet.readAll(p, table.schema(), conf));
        }
        String relative = LakeLayout.runFile(table, runId);
        Path tmp = new Path(lake.layout().stagingDir(runId), "compact/" + relative);
        LakeParquet.writeTable(tmp, table.schema(), rows, conf);
        Path dst = new Path(lake.layout().root(), relative);
        if (!lake.fs().rename(tmp, dst)) {
            throw new IOException("could not move " + tmp + " to " + dst);
        }
        for (Path p : batchFiles) {
            lake.fs().delete(p, false);
        }
    }

    /**
     * Deletes visibility files whose (ms_id, conversion) is not visible in {@code catalogue}, except those of MS
     * versions a flag run read (their FLAG is the MS's flags before flagging); returns how many.
     */
    public static int deleteInvisible(Lake lake, Catalogue catalogue, Configuration conf) throws IOException {
        FileSystem fs = lake.fs();
        Set<List<Long>> flagged = flaggedVersions(lake, conf);
        Path dir = lake.layout().tableDir(LakeTable.VISIBILITIES);
        List<Path> doomed = new ArrayList<>();
        for (FileStatus s : FileTrees.files(fs, dir)) {
            Path p = s.getPath();
            LakeLayout.parseVisibilityFile(p.getName())
                    .filter(id -> !catalogue.isVisible(id[0], id[1]) && !flagged.contains(List.of(id[0], id[1])))
                    .ifPresent(id -> doomed.add(p));
        }
        for (Path p : doomed) {
            fs.delete(p, false);
        }
        return doomed.size();
    }

    /** The (ms_id, conversion) of every MS version a flag run read: its flags are the MS's flags before flagging. */
    private static Set<List<Long>> flaggedVersions(Lake lake, Configuration conf) throws IOException {
        Set<List<Long>> out = new HashSet<>();
        for (Path p : ResultTables.currentFiles(lake, conf, LakeTable.FLAG_STATS)) {
            for (GenericRecord r : LakeParquet.readAll(p, LakeTable.FLAG_STATS.schema(), conf)) {
                out.add(List.of((Long) r.get("ms_id"), (Long) r.get("from_conversion")));
            }
        }
        return out;
    }

    /** Visibility files and their total bytes (for statistics). */
    public static long[] visibilityFileStats(Lake lake) throws IOException {
        long n = 0;
        long bytes = 0;
        for (FileStatus s : FileTrees.files(lake.fs(), lake.layout().tableDir(LakeTable.VISIBILITIES))) {
            if (s.getPath().getName().endsWith(".parquet")) {
                n++;
                bytes += s.getLen();
            }
        }
        return new long[] {n, bytes};
    }
}
