package org.vispark.jobs.lake;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of a non-partitioned lake table that is not an Iceberg table (the catalogue and the subtable tables) that
 * readers use:
 * every commit batch file {@code b-RUN-SEQ.parquet}, except those of a run whose compacted file
 * {@code r-RUN.parquet} exists (compaction writes that file first and deletes the batches after, so a
 * crash in between leaves both and this rule still counts each row once).
 */
public final class TableFiles {
    private TableFiles() {}

    /** Current files of {@code table}, sorted by name; empty when the table has none yet. */
    public static List<Path> current(FileSystem fs, LakeLayout layout, LakeTable table) throws IOException {
        if (IcebergTables.isIceberg(table)) {
            throw new IllegalArgumentException(table.dirName() + " is an Iceberg table: ResultTables.currentFiles");
        }
        return byFileNames(fs, layout, table);
    }

    /**
     * The files {@link #current} names by the batch and run file rule, for any table: for an Iceberg table, what a
     * lake of format version 1 held ({@link LakeUpgrade}).
     */
    static List<Path> byFileNames(FileSystem fs, LakeLayout layout, LakeTable table) throws IOException {
        List<FileStatus> all = list(fs, layout.tableDir(table));
        Set<String> compactedRuns = new HashSet<>();
        for (FileStatus s : all) {
            LakeLayout.runFileRun(s.getPath().getName()).ifPresent(compactedRuns::add);
        }
        List<Path> out = new ArrayList<>();
        for (FileStatus s : all) {
            String name = s.getPath().getName();
            if (LakeLayout.runFileRun(name).isPresent()) {
                out.add(s.getPath());
            } else {
                LakeLayout.batchFileRun(name).filter(run -> !compactedRuns.contains(run))
                        .ifPresent(run -> out.add(s.getPath()));
            }
        }
        out.sort(null);
        return out;
    }

    /** Batch files superseded by their run's compacted file (left by a crash during compaction). */
    public static List<Path> superseded(FileSystem fs, LakeLayout layout, LakeTable table) throws IOException {
        List<FileStatus> all = list(fs, layout.tableDir(table));
        Set<String> compactedRuns = new HashSet<>();
        for (FileStatus s : all) {
            LakeLayout.runFileRun(s.getPath().getName()).ifPresent(compactedRuns::add);
        }
        List<Path> out = new ArrayList<>();
        for (FileStatus s : all) {
            LakeLayout.batchFileRun(s.getPath().getName()).filter(compactedRuns::contains)
                    .ifPresent(run -> out.add(s.getPath()));
        }
        return out;
    }

    private static List<FileStatus> list(FileSystem fs, Path dir) throws IOException {
        try {
            List<FileStatus> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) {
                if (s.isFile()) {
                    out.add(s);
                }
            }
            return out;
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }
}
