package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.rewrite.ParquetRewriter;
import org.apache.parquet.hadoop.rewrite.RewriteOptions;
import org.apache.parquet.io.InputFile;

/**
 * Rewrites the visibility files of one MS as a new conversion, in a Spark task, into staging under the same
 * partition path with the new conversion in the file name, writing only the columns that change: their new values
 * go into files of their own, aligned with the source's row groups, and Parquet's rewriter joins them to the
 * source's other column chunks, copied as they are, without decoding them. {@link #replaceColumns} takes the new
 * values row by row; {@link #rewriteColumns} streams the source's rows (one record at a time) through a
 * {@link RowChange}. Memory: one record, a writer's row group of the changed columns, and the parts held in memory
 * until they are joined (an eighth of the heap per core and one part; the rest are written to staging).
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
     * The new values of the changed columns of one row, asked for in row order: {@code row} counts the file's rows
     * from 0.
     */
    @FunctionalInterface
    public interface ColumnValues {
        void fill(long row, GenericRecord columns) throws IOException;
    }

    /**
     * {@link #replaceColumns} for a change made on whole rows: streams each file one record at a time, lets
     * {@code change} change it, and takes the new values of {@code columns} (those it changes) from it; the other
     * columns are copied as they are, not written again. The records hold every column but those of {@code unread},
     * which are null in them and not decoded at all: columns the change does not need, or changed columns it sets on
     * every row (a null it leaves is written as null).
     */
    public static List<StagedFile> rewriteColumns(LakeLayout layout, long msId, long conversion, List<String> files,
            List<String> columns, Set<String> unread, Path staging, String codec, Configuration conf,
            RowChange change) throws IOException {
        Schema schema = LakeTable.VISIBILITIES.schema();
        Schema projection = LakeParquet.projection(schema, name -> !unread.contains(name));
        List<StagedFile> staged = new ArrayList<>();
        for (String relative : files) {
            try (ParquetReader<GenericRecord> in = LakeParquet.reader(new Path(layout.root(), relative), schema,
                    projection, conf)) {
                staged.add(replaceColumns(layout, msId, conversion, relative, columns, staging, codec, conf,
                        (row, out) -> {
                            GenericRecord r = in.read();
                            if (r == null) {
                                throw new IOException(relative + ": no row " + row + ", which its row groups count");
                            }
                            change.apply(r);
                            for (String c : columns) {
                                out.put(c, r.get(c));
                            }
                        }));
            }
        }
        return staged;
    }

    /**
     * The row-group size of a part file: far above any source row group's new columns (a source row group of
     * {@link LakeParquet#ROW_GROUP_BYTES} whose values compressed well, e.g. a constant MODEL_DATA, may hold rows whose
     * new values do not, twice as many bytes and more), so that a part is one row group, as the rewriter's join needs.
     * Parquet's memory manager may scale it down when many writers are open at once, by their sum over the heap: still
     * hundreds of MB.
     */
    private static final long PART_ROW_GROUP_BYTES = 1L << 30;

    /**
     * Bytes of a file's parts held in memory ({@link MemoryParquetFile}) rather than written to staging and read back:
     * an eighth of the heap per core (the writer already holds a part's row group while it writes it), so that the
     * new columns of a DSA-110 MS's file (about 220 MB of CORRECTED_DATA) never touch the disk but once, in the
     * joined file. Parts beyond it go to staging.
     */
    private static long partMemoryBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() / (8L * rt.availableProcessors());
    }

    /**
     * Rewrites {@code file} (relative to the lake root) of MS {@code msId} for {@code conversion} into
     * {@code staging} with new values of {@code columns} (visibilities fields; conversion is set too): they are
     * written in files of their own, one per row group of {@code file} and as long, which Parquet's rewriter joins
     * to the file's other column chunks, copied as they are (so they keep their codec; {@code codec} is the new
     * columns'). Returns the staged file.
     */
    public static StagedFile replaceColumns(LakeLayout layout, long msId, long conversion, String file,
            List<String> columns, Path staging, String codec, Configuration conf, ColumnValues values)
            throws IOException {
        return replaceColumns(layout, msId, conversion, file, columns, staging, codec, conf, values,
                partMemoryBytes());
    }

    /** {@link #replaceColumns} holding at most {@code partMemoryBytes} of parts (and one more) in memory. */
    static StagedFile replaceColumns(LakeLayout layout, long msId, long conversion, String file, List<String> columns,
            Path staging, String codec, Configuration conf, ColumnValues values, long partMemoryBytes)
            throws IOException {
        String outRelative = renamed(file, msId, conversion);
        Path in = new Path(layout.root(), file);
        Path out = new Path(staging, outRelative);
        Path parts = new Path(staging, outRelative + ".columns");
        Schema schema = columnsSchema(columns);
        FileSystem fs = out.getFileSystem(conf);
        long rows = 0;
        try {
            List<InputFile> joined = new ArrayList<>();
            long held = 0; // bytes of the parts held in memory
            for (long groupRows : rowGroups(in, conf)) {
                Path part = new Path(parts, joined.size() + ".parquet");
                MemoryParquetFile memory = held < partMemoryBytes ? new MemoryParquetFile(part.toString()) : null;
                try (ParquetWriter<GenericRecord> w = LakeParquet.visibilityWriter(
                        memory != null ? memory : LakeParquet.outputFile(part, conf), LakeParquet.codec(codec), schema,
                        PART_ROW_GROUP_BYTES)) {
                    for (long end = rows + groupRows; rows < end; rows++) {
                        GenericRecord r = new GenericData.Record(schema);
                        r.put("conversion", conversion);
                        values.fill(rows, r);
                        w.write(r);
                    }
                }
                if (memory != null) {
                    held += memory.getLength();
                    joined.add(memory);
                } else {
                    joined.add(LakeParquet.inputFile(part, conf));
                }
            }
            // Written through the lake's own output file, not Hadoop's: its local file system would checksum every 512
            // bytes into .crc files and count them in thread statistics, a ThreadLocal lookup each (10 % of apply's
            // time). Read through the lake's own input file too (LocalParquetFile: whole blocks per read call).
            RewriteOptions options = new RewriteOptions.Builder(new HadoopParquetConfiguration(conf),
                    List.of(LakeParquet.inputFile(in, conf)), joined, LakeParquet.outputFile(out, conf))
                    .overwriteInputWithJoinColumns(true).ignoreJoinFilesMetadata(true).build();
            try (ParquetRewriter rewriter = new ParquetRewriter(options)) {
                rewriter.processBlocks();
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } finally {
            fs.delete(parts, true);
        }
        return new StagedFile(out.toString(), outRelative, rows, fs.getFileStatus(out).getLen());
    }

    /** The row counts of a file's row groups, in order. */
    private static List<Long> rowGroups(Path file, Configuration conf) throws IOException {
        List<Long> rows = new ArrayList<>();
        try (ParquetFileReader r = LakeParquet.fileReader(LakeParquet.inputFile(file, conf))) {
            for (BlockMetaData b : r.getFooter().getBlocks()) {
                rows.add(b.getRowCount());
            }
        }
        return rows;
    }

    /** The visibilities schema's record with conversion and {@code columns} only. */
    private static Schema columnsSchema(List<String> columns) {
        Schema all = LakeTable.VISIBILITIES.schema();
        List<Schema.Field> fields = new ArrayList<>(List.of(new Schema.Field(all.getField("conversion"),
                all.getField("conversion").schema())));
        for (String name : columns) {
            Schema.Field f = all.getField(name);
            if (f == null || name.equals("conversion")) {
                throw new IllegalArgumentException("not a visibilities column to replace: " + name);
            }
            fields.add(new Schema.Field(f, f.schema()));
        }
        return Schema.createRecord(all.getName(), all.getDoc(), all.getNamespace(), false, fields);
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
