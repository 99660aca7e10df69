package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;

/** Streams the visibility rows of one MS version (records of the visibilities schema), one file at a time. */
public final class MsRows {
    private MsRows() {}

    /** Calls {@code each} with every row of {@code files} (relative to the lake root); a failing row names its file. */
    public static void forEach(LakeLayout layout, List<String> files, Configuration conf, Consumer<GenericRecord> each)
            throws IOException {
        forEach(layout, files, LakeTable.VISIBILITIES.schema(), conf, each);
    }

    /** {@link #forEach} reading only {@code columns} (the records hold only those). */
    public static void forEach(LakeLayout layout, List<String> files, Configuration conf, List<String> columns,
            Consumer<GenericRecord> each) throws IOException {
        Schema full = LakeTable.VISIBILITIES.schema();
        List<Schema.Field> fields = new ArrayList<>();
        for (String c : columns) {
            Schema.Field f = full.getField(c);
            if (f == null) {
                throw new IllegalArgumentException("no column " + c + " in the visibilities schema");
            }
            fields.add(new Schema.Field(f, f.schema()));
        }
        forEach(layout, files, Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields),
                conf, each);
    }

    private static void forEach(LakeLayout layout, List<String> files, Schema schema, Configuration conf,
            Consumer<GenericRecord> each) throws IOException {
        for (String relative : files) {
            try (ParquetReader<GenericRecord> in = LakeParquet.reader(new Path(layout.root(), relative),
                    schema, conf)) {
                for (GenericRecord r = in.read(); r != null; r = in.read()) {
                    each.accept(r);
                }
            } catch (RuntimeException e) {
                throw new IOException(relative + ": " + e.getMessage(), e);
            }
        }
    }
}
