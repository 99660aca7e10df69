package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fields.phase_centre_choice} came after lakes were written without it: a fields file of the older schema
 * must read with the current one, the column null.
 */
class FieldsWithoutPhaseCentreChoiceTest {
    @Test
    void olderFieldsFilesReadWithTheColumnNull(@TempDir java.nio.file.Path tmp) throws Exception {
        Schema current = LakeTable.FIELDS.schema();
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals("phase_centre_choice"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
        GenericRecord r = new GenericData.Record(older);
        for (Schema.Field f : older.getFields()) {
            r.put(f.name(), switch (f.schema().getType()) {
                case LONG -> 7L;
                case INT -> 0;
                case DOUBLE -> 1.5;
                default -> "x";
            });
        }
        Configuration conf = new Configuration();
        Path file = new Path(tmp.resolve("fields.parquet").toUri());
        LakeParquet.writeTable(file, older, List.of(r), conf);
        List<GenericRecord> read = LakeParquet.readAll(file, current, conf);
        assertEquals(1, read.size());
        assertEquals(7L, read.get(0).get("ms_id"));
        assertNull(read.get(0).get("phase_centre_choice"));
    }
}
