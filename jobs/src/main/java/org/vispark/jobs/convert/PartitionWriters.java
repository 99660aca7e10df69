package org.vispark.jobs.convert;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.StagedFile;

/**
 * The open visibility files of one task in staging, one per (obs_date, bl_bucket) partition its rows
 * fall in, opened on the first row of each.
 */
final class PartitionWriters implements Closeable {
    private final ConvertTask task;
    private final Configuration conf;
    private final Path staging;
    private final CompressionCodecName codec;
    private final Map<Long, Open> open = new TreeMap<>();

    private static final class Open {
        final ParquetWriter<GenericRecord> writer;
        final Path path;
        final String relative;
        long rows;

        Open(ParquetWriter<GenericRecord> writer, Path path, String relative) {
            this.writer = writer;
            this.path = path;
            this.relative = relative;
        }
    }

    /** Writers below {@code staging/attemptDir} of the task's run. */
    PartitionWriters(ConvertTask task, Configuration conf, String attemptDir) {
        this.task = task;
        this.conf = conf;
        this.staging = new Path(task.layout().stagingDir(task.runId()), attemptDir);
        this.codec = LakeParquet.codec(task.codec());
    }

    /**
     * Appends a row to the file of partition {@code key} (see {@link RunIndex#partitionKey}), which
     * {@link #open} opened. Threads may write to different partitions at once; one partition's rows
     * come from one thread at a time.
     */
    void write(long key, GenericRecord row) throws IOException {
        Open o = open.get(key);
        o.writer.write(row);
        o.rows++;
    }

    /** Opens the file of partition {@code key} unless it is open; not concurrently with {@link #write}. */
    void open(long key) throws IOException {
        Open o = open.get(key);
        if (o == null) {
            String relative = LakeLayout.visibilityFile(RunIndex.mjdDay(key), RunIndex.bucket(key), task.msId(),
                    task.conversion(), task.range());
            Path path = new Path(staging, relative);
            o = new Open(LakeParquet.visibilityWriter(LakeParquet.outputFile(path, conf, true), codec), path, relative);
            open.put(key, o);
        }
    }

    /** Closes every file; returns them in partition order. */
    List<StagedFile> finish() throws IOException {
        List<StagedFile> files = new ArrayList<>();
        for (Open o : open.values()) {
            o.writer.close();
            long bytes = o.path.getFileSystem(conf).getFileStatus(o.path).getLen();
            files.add(new StagedFile(o.path.toString(), o.relative, o.rows, bytes));
        }
        open.clear();
        return files;
    }

    /** Closes files {@link #finish} did not (after a failure; staging is deleted at the end of the run). */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Open o : open.values()) {
            try {
                o.writer.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
