package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Rewrites the visibility files of one MS as a new conversion, in a Spark task: streams each file (one record at
 * a time), lets a {@link RowChange} change each row, sets the row's conversion, and writes it into staging under
 * the same partition path with the new conversion in the file name. Memory: one record plus a writer's row group.
 */
public final class VisibilityRewriter {
    private VisibilityRewriter() {}

    /**
     * A change to one visibility row: a record of the visibilities schema itself (so {@link VisFields} positions
     * apply), with its own cell arrays ({@link VisRecords#cell(GenericRecord, int)}), which the change may rewrite
     * in place. A cell may be set to a buffer the change reuses for later rows: the writer copies it before the
     * next row.
     */
    @FunctionalInterface
    public interface RowChange {
        void apply(GenericRecord row);
    }

    /**
     * Rewrites {@code files} (relative to the lake root) of MS {@code msId} for {@code conversion} into
     * {@code staging}; returns the staged files. A failing row names its file.
     */
    public static List<StagedFile> rewrite(LakeLayout layout, long msId, long conversion, List<String> files,
            Path staging, String codec, Configuration conf, RowChange change) throws IOException {
        List<StagedFile> staged = new ArrayList<>();
        for (String relative : files) {
            String outRelative = renamed(relative, msId, conversion);
            Path out = new Path(staging, outRelative);
            long rows = 0;
            try (ParquetReader<GenericRecord> in = LakeParquet.reader(new Path(layout.root(), relative),
                    LakeTable.VISIBILITIES.schema(), conf);
                    ParquetWriter<GenericRecord> w = LakeParquet.visibilityWriter(LakeParquet.outputFile(out, conf),
                            LakeParquet.codec(codec))) {
                for (GenericRecord r = in.read(); r != null; r = in.read()) {
                    change.apply(r);
                    r.put(VisFields.CONVERSION, conversion);
                    w.write(r);
                    rows++;
                }
            } catch (RuntimeException e) {
                throw new IOException(relative + ": " + e.getMessage(), e);
            }
            staged.add(new StagedFile(out.toString(), outRelative, rows, out.getFileSystem(conf).getFileStatus(out).getLen()));
        }
        return staged;
    }

    /** The relative path of a visibility file of {@code msId} written by conversion {@code conversion}. */
    static String renamed(String relative, long msId, long conversion) {
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        String prefix = LakeLayout.hex(msId) + "-";
        int range = name.indexOf("-r", prefix.length());
        if (!name.startsWith(prefix) || range < 0) {
            throw new IllegalArgumentException("not a visibility file of MS " + LakeLayout.hex(msId) + ": " + relative);
        }
        return relative.substring(0, slash + 1) + prefix + LakeLayout.hex(conversion) + name.substring(range);
    }
}
