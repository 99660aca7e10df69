package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Housekeeping the jobs do as they go (one convert at a time per lake): drop staging left by crashed runs, compact
 * the commit batches of runs ({@link IcebergMaintenance#compact}), and take visibility files no reader may see
 * (superseded by a newer conversion of their MS, or never committed because a run crashed) out of visibilities'
 * current snapshot. Nothing here deletes a committed file: earlier snapshots still read them until
 * {@code vispark lake maintain} expires those snapshots.
 */
public final class LakeMaintenance {
    private LakeMaintenance() {}

    /** Deletes the staging area of every run. */
    public static void deleteStaging(Lake lake) throws IOException {
        lake.fs().delete(lake.layout().stagingRoot(), true);
    }

    /**
     * Compacts the commit batches of every run in every table but visibilities, one Iceberg rewrite per table;
     * {@code runId} names the compacted files. Returns the batch files compacted.
     */
    public static int compactRuns(Lake lake, Configuration conf, String runId) throws IOException {
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        int compacted = 0;
        try {
            for (LakeTable table : LakeTable.values()) {
                if (table != LakeTable.VISIBILITIES && iceberg.exists(table)) {
                    compacted += IcebergMaintenance.compact(lake, conf, iceberg, table, runId)[0];
                }
            }
        } finally {
            lake.fs().delete(lake.layout().stagingDir(runId), true);
        }
        return compacted;
    }

    /**
     * Takes visibility files whose (ms_id, conversion) is not visible in {@code catalogue} out of visibilities'
     * current snapshot, except those of MS versions a flag run read (their FLAG is the MS's flags before flagging);
     * returns how many.
     */
    public static int removeInvisible(Lake lake, Catalogue catalogue, Configuration conf) throws IOException {
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        Set<List<Long>> flagged = flaggedVersions(iceberg, conf);
        List<Path> doomed = new ArrayList<>();
        for (Path p : iceberg.currentFiles(LakeTable.VISIBILITIES)) {
            LakeLayout.parseVisibilityFile(p.getName())
                    .filter(id -> !catalogue.isVisible(id[0], id[1]) && !flagged.contains(List.of(id[0], id[1])))
                    .ifPresent(id -> doomed.add(p));
        }
        iceberg.remove(LakeTable.VISIBILITIES, doomed);
        return doomed.size();
    }

    /** The (ms_id, conversion) of every MS version a flag run read: its flags are the MS's flags before flagging. */
    private static Set<List<Long>> flaggedVersions(IcebergTables iceberg, Configuration conf) throws IOException {
        Set<List<Long>> out = new HashSet<>();
        for (Path p : iceberg.currentFiles(LakeTable.FLAG_STATS)) {
            for (GenericRecord r : LakeParquet.readAll(p, LakeTable.FLAG_STATS.schema(), conf)) {
                out.add(List.of((Long) r.get("ms_id"), (Long) r.get("from_conversion")));
            }
        }
        return out;
    }
}
