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
 * The files a lake of format version 1 (before its tables were Iceberg tables) held in each table, for
 * {@link LakeUpgrade}. visibilities: every visibility file ({@code MSID-CONV-rN.parquet}) below its partition
 * directories. Any other table: every commit batch file {@code b-RUN-SEQ.parquet}, except those of a run whose
 * compacted file {@code r-RUN.parquet} exists (compaction wrote that file first and deleted the batches after, so a
 * crash in between left both and this rule still counts each row once).
 */
final class Format1Files {
    private Format1Files() {}

    /** The files of {@code table}, sorted by path; empty when it has none. */
    static List<Path> of(FileSystem fs, LakeLayout layout, LakeTable table) throws IOException {
        List<Path> out = new ArrayList<>();
        if (table == LakeTable.VISIBILITIES) {
            for (FileStatus s : FileTrees.files(fs, layout.tableDir(table))) {
                if (LakeLayout.parseVisibilityFile(s.getPath().getName()).isPresent()) {
                    out.add(s.getPath());
                }
            }
            out.sort(null);
            return out;
        }
        List<FileStatus> all = list(fs, layout.tableDir(table));
        Set<String> compactedRuns = new HashSet<>();
        for (FileStatus s : all) {
            LakeLayout.runFileRun(s.getPath().getName()).ifPresent(compactedRuns::add);
        }
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
