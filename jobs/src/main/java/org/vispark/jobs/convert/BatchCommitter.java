package org.vispark.jobs.convert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.LakeTable;

/**
 * Commits finished MS in batches, on the driver. A batch commit moves the MS's visibility files from
 * staging into their partitions, writes one file per subtable table, and then writes the batch's
 * catalogue file {@code ms/b-RUN-SEQ.parquet}: that last rename is the commit point. Readers only see
 * rows whose (ms_id, conversion) the catalogue names, so a crash at any step leaves no partial MS
 * visible; the next run deletes what such a crash left behind.
 */
final class BatchCommitter {
    private final Lake lake;
    private final Configuration conf;
    private final String runId;
    private final List<CatalogueEntry> entries = new ArrayList<>();
    private final List<TaskResult.StagedFile> files = new ArrayList<>();
    private final Map<LakeTable, List<GenericRecord>> subtables = new EnumMap<>(LakeTable.class);
    private int batch;

    BatchCommitter(Lake lake, Configuration conf, String runId) {
        this.lake = lake;
        this.conf = conf;
        this.runId = runId;
    }

    /** Adds a finished MS (converted: its staged files and subtable rows; failed: none) to the batch. */
    void add(CatalogueEntry entry, List<TaskResult.StagedFile> staged, Map<String, byte[]> subtableRows) {
        entries.add(entry);
        files.addAll(staged);
        for (LakeTable t : LakeTable.values()) {
            byte[] enc = subtableRows.get(t.dirName());
            if (enc != null) {
                subtables.computeIfAbsent(t, k -> new ArrayList<>()).addAll(SubtableRecords.decode(t.schema(), enc));
            }
        }
    }

    /** MS waiting in the batch. */
    int pending() {
        return entries.size();
    }

    /** Batches committed so far. */
    int batches() {
        return batch;
    }

    /** Commits the batch (nothing when it is empty). */
    void commit() throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        FileSystem fs = lake.fs();
        Path root = lake.layout().root();
        for (TaskResult.StagedFile f : files) {
            Path dst = new Path(root, f.relative());
            fs.mkdirs(dst.getParent());
            rename(fs, new Path(f.staging()), dst);
        }
        Path commitStaging = new Path(lake.layout().stagingDir(runId), "commit");
        for (Map.Entry<LakeTable, List<GenericRecord>> e : subtables.entrySet()) {
            if (!e.getValue().isEmpty()) {
                writeAndMove(commitStaging, LakeLayout.batchFile(e.getKey(), runId, batch), e.getKey(), e.getValue());
            }
        }
        List<GenericRecord> catalogue = new ArrayList<>(entries.size());
        for (CatalogueEntry e : entries) {
            catalogue.add(e.toRecord());
        }
        writeAndMove(commitStaging, LakeLayout.batchFile(LakeTable.MS, runId, batch), LakeTable.MS, catalogue);
        batch++;
        entries.clear();
        files.clear();
        subtables.clear();
    }

    private void writeAndMove(Path staging, String relative, LakeTable table, List<GenericRecord> records)
            throws IOException {
        Path tmp = new Path(staging, relative);
        LakeParquet.writeTable(tmp, table.schema(), records, conf);
        Path dst = new Path(lake.layout().root(), relative);
        lake.fs().mkdirs(dst.getParent());
        rename(lake.fs(), tmp, dst);
    }

    static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to);
        }
    }
}
