package org.vispark.jobs.lake;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Housekeeping the jobs do as they go, safe while other jobs write to the lake: drop staging left by crashed runs,
 * compact the commit batches of runs ({@link IcebergMaintenance#compact}), and take visibility files no reader may see
 * (superseded by a newer conversion of their MS, or never committed because a run crashed) out of visibilities'
 * current snapshot. Nothing here deletes a committed file: earlier snapshots still read them until
 * {@code vispark lake maintain} expires those snapshots.
 */
public final class LakeMaintenance {
    /**
     * How long a run's staging area or its appended but uncommitted visibility files must have been left alone before
     * they count as a crashed run's: a running job touches its staging as its tasks finish, and commits its catalogue
     * seconds after appending its visibility files.
     */
    public static final long ABANDONED_MILLIS = 3_600_000L;

    private LakeMaintenance() {}

    /** Deletes the staging area of run {@code runId}, and the staging root when no other run has one. */
    public static void deleteStaging(Lake lake, String runId) throws IOException {
        lake.fs().delete(lake.layout().stagingDir(runId), true);
        try {
            lake.fs().delete(lake.layout().stagingRoot(), false); // fails while another run's area is in it
        } catch (IOException e) {
            // another run is staging: its area stays
        }
    }

    /** Deletes the staging areas no file has been written to for {@link #ABANDONED_MILLIS}: those of crashed runs. */
    public static void deleteStaleStaging(Lake lake) throws IOException {
        FileStatus[] runs;
        try {
            runs = lake.fs().listStatus(lake.layout().stagingRoot());
        } catch (FileNotFoundException e) {
            return;
        }
        long cutoff = System.currentTimeMillis() - ABANDONED_MILLIS;
        for (FileStatus run : runs) {
            long newest = run.getModificationTime();
            for (FileStatus f : FileTrees.files(lake.fs(), run.getPath())) {
                newest = Math.max(newest, f.getModificationTime());
            }
            if (newest < cutoff) {
                lake.fs().delete(run.getPath(), true);
            }
        }
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
            deleteStaging(lake, runId);
        }
        return compacted;
    }

    /**
     * Takes visibility files out of visibilities' current snapshot whose (ms_id, conversion) is not visible in
     * {@code catalogue}: those of superseded conversions, except MS versions a flag run read (their FLAG is the MS's
     * flags before flagging), and those of conversions no entry names that were appended {@code abandonedMillis}
     * ago or more (a crashed run's; a running job's are younger: the jobs pass {@link #ABANDONED_MILLIS}). Returns how
     * many.
     */
    public static int removeInvisible(Lake lake, Catalogue catalogue, Configuration conf, long abandonedMillis)
            throws IOException {
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        Set<List<Long>> flagged = flaggedVersions(iceberg);
        long cutoff = System.currentTimeMillis() - abandonedMillis;
        List<Path> doomed = new ArrayList<>();
        iceberg.currentSnapshot(LakeTable.VISIBILITIES).files().forEach((p, committedAt) ->
                LakeLayout.parseVisibilityFile(p.getName())
                        .filter(id -> !catalogue.isVisible(id[0], id[1]) && !flagged.contains(List.of(id[0], id[1]))
                                && (catalogue.isCommitted(id[1]) || committedAt <= cutoff))
                        .ifPresent(id -> doomed.add(p)));
        iceberg.remove(LakeTable.VISIBILITIES, doomed);
        return doomed.size();
    }

    /** The (ms_id, conversion) of every MS version a flag run read: its flags are the MS's flags before flagging. */
    private static Set<List<Long>> flaggedVersions(IcebergTables iceberg) throws IOException {
        Set<List<Long>> out = new HashSet<>();
        for (GenericRecord r : iceberg.currentRows(LakeTable.FLAG_STATS, Set.of("ms_id", "from_conversion"))) {
            out.add(List.of((Long) r.get("ms_id"), (Long) r.get("from_conversion")));
        }
        return out;
    }
}
