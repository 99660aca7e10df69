package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@link VisibilityRewriter#replaceColumns}: new values in the replaced columns, every other value as it was. */
class VisibilityRewriterTest {
    private static final int ROWS = 3000;

    @TempDir
    java.nio.file.Path tmp;

    private static GenericRecord row(Schema s, Random rnd, long i) {
        GenericRecord r = new GenericData.Record(s);
        r.put("ms_id", 0x2aL);
        r.put("conversion", 0x10L);
        r.put("row", i);
        r.put("time", 5.0e9 + i);
        r.put("antenna1", (int) (i % 7));
        r.put("antenna2", (int) (i % 11));
        r.put("baseline", (int) i / 3);
        r.put("field_id", 0);
        r.put("data_desc_id", 0);
        r.put("spw", 0);
        r.put("pol_id", 0);
        r.put("num_chan", 16);
        r.put("num_pol", 2);
        r.put("uvw", List.of(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()));
        r.put("flag_row", i % 5 == 0);
        byte[] data = new byte[16 * 2 * 8];
        rnd.nextBytes(data);
        r.put("data", ByteBuffer.wrap(data));
        r.put("flag", i % 9 == 0 ? null : ByteBuffer.wrap(new byte[] {(byte) i, 1, 2, 3}));
        return r;
    }

    private static List<GenericRecord> read(Path file, Configuration conf) throws Exception {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> r = LakeParquet.reader(file, LakeTable.VISIBILITIES.schema(), conf)) {
            for (GenericRecord g = r.read(); g != null; g = r.read()) {
                out.add(g);
            }
        }
        return out;
    }

    private static final String RELATIVE = "visibilities/obs_date=2025-10-29/bl_bucket=3/" + LakeLayout.hex(0x2a)
            + "-" + LakeLayout.hex(0x10) + "-r0.parquet";

    /** Writes the source file, row groups of {@code rowGroupBytes}; returns how many row groups it has. */
    private static int writeSource(Path in, long rowGroupBytes, Configuration conf) throws Exception {
        Schema s = LakeTable.VISIBILITIES.schema();
        Random rnd = new Random(3);
        // written as the lake writes (its list structure: a reader of the lake reads UVW of no other)
        try (ParquetWriter<GenericRecord> w = LakeParquet.visibilityWriter(LakeParquet.outputFile(in, conf),
                CompressionCodecName.SNAPPY, s, rowGroupBytes)) {
            for (long i = 0; i < ROWS; i++) {
                w.write(row(s, rnd, i));
            }
        }
        try (ParquetFileReader r = ParquetFileReader.open(LakeParquet.inputFile(in, conf))) {
            return r.getFooter().getBlocks().size();
        }
    }

    /**
     * The new values of a column may take far more bytes than the source's row group held (a constant MODEL_DATA that
     * compressed to nothing, rephased): here one source row group of small cells gets cells of the DSA-110's 768
     * channels x 2 polarizations, 37 MB in all, above the lake's row-group size. Its part must stay one row group.
     */
    @Test
    void newValuesLargerThanARowGroupStayInTheirRowGroup() throws Exception {
        Configuration conf = new Configuration();
        LakeLayout layout = new LakeLayout(tmp.resolve("lake").toString(), 8);
        Path in = new Path(layout.root(), RELATIVE);
        assertEquals(1, writeSource(in, LakeParquet.ROW_GROUP_BYTES, conf));
        int cellBytes = 768 * 2 * 8;
        assertTrue((long) ROWS * cellBytes > LakeParquet.ROW_GROUP_BYTES);

        StagedFile staged = VisibilityRewriter.replaceColumns(layout, 0x2a, 0x20, RELATIVE, List.of("data"),
                new Path(tmp.resolve("staging").toString()), "snappy", conf,
                (i, columns) -> columns.put("data", ByteBuffer.wrap(cell(i, cellBytes))));

        List<GenericRecord> after = read(new Path(staged.staging()), conf);
        assertEquals(ROWS, after.size());
        for (int i = 0; i < ROWS; i++) {
            assertArrayEquals(cell(i, cellBytes), VisRecords.cell(after.get(i), "data"), "row " + i);
        }
    }

    /** Incompressible bytes, different for every row. */
    private static byte[] cell(long row, int bytes) {
        byte[] b = new byte[bytes];
        new Random(row).nextBytes(b);
        return b;
    }

    /** Parts held in memory (all, the first only, none: on disk in staging) join alike. */
    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, 1, 0})
    void theReplacedColumnIsNewAndEveryOtherValueAsItWas(long partMemoryBytes) throws Exception {
        Configuration conf = new Configuration();
        Schema s = LakeTable.VISIBILITIES.schema();
        LakeLayout layout = new LakeLayout(tmp.resolve("lake").toString(), 8);
        String relative = RELATIVE;
        Path in = new Path(layout.root(), relative);
        // small row groups, so that the replaced column's files must line up with many of them
        int groups = writeSource(in, 64 << 10, conf);
        assertTrue(groups > 5, groups + " row groups");

        Path staging = new Path(tmp.resolve("staging").toString());
        StagedFile staged = VisibilityRewriter.replaceColumns(layout, 0x2a, 0x20, relative, List.of("flag"), staging,
                "snappy", conf, (i, columns) -> columns.put("flag",
                        i % 4 == 0 ? null : ByteBuffer.wrap(new byte[] {(byte) (i * 7), (byte) (i >> 8)})),
                partMemoryBytes);

        assertEquals(ROWS, staged.rows());
        assertEquals(VisibilityRewriter.renamed(relative, 0x2a, 0x20), staged.relative());
        assertFalse(Files.exists(tmp.resolve("staging").resolve(staged.relative() + ".columns")), "parts deleted");
        List<GenericRecord> before = read(in, conf);
        List<GenericRecord> after = read(new Path(staged.staging()), conf);
        assertEquals(ROWS, after.size());
        for (int i = 0; i < ROWS; i++) {
            GenericRecord b = before.get(i);
            GenericRecord a = after.get(i);
            for (Schema.Field f : s.getFields()) {
                switch (f.name()) {
                    case "conversion" -> assertEquals(0x20L, a.get(f.pos()), "row " + i);
                    case "flag" -> {
                        if (i % 4 == 0) {
                            assertNull(a.get(f.pos()), "row " + i);
                        } else {
                            assertArrayEquals(new byte[] {(byte) (i * 7), (byte) (i >> 8)},
                                    VisRecords.cell(a, "flag"), "row " + i);
                        }
                    }
                    default -> assertEquals(b.get(f.pos()), a.get(f.pos()), f.name() + " of row " + i);
                }
            }
        }
    }

    /**
     * {@link VisibilityRewriter#rewriteColumns} with columns left unread: one the change does not need (apply's
     * MODEL_DATA), which the new version holds as it was, and one it sets (apply's CORRECTED_DATA, here FLAG), which
     * it sees null: where it leaves it null the new version has null.
     */
    @Test
    void anUnreadColumnIsNullToTheChangeAndKeptInTheNewVersion() throws Exception {
        Configuration conf = new Configuration();
        LakeLayout layout = new LakeLayout(tmp.resolve("lake").toString(), 8);
        Path in = new Path(layout.root(), RELATIVE);
        writeSource(in, 64 << 10, conf);
        Path staging = new Path(tmp.resolve("staging").toString());
        long[] seen = {0};

        List<StagedFile> staged = VisibilityRewriter.rewriteColumns(layout, 0x2a, 0x20, List.of(RELATIVE),
                List.of("flag"), Set.of("data", "flag"), staging, "snappy", conf, r -> {
                    assertNull(r.get(VisFields.DATA), "data of row " + r.get("row"));
                    assertNull(r.get(VisFields.FLAG), "flag of row " + r.get("row"));
                    assertNotNull(r.get("uvw"), "uvw of row " + r.get("row"));
                    long row = (Long) r.get("row");
                    if (row % 10 != 0) {
                        r.put(VisFields.FLAG, ByteBuffer.wrap(new byte[] {(byte) (row * 3)}));
                    }
                    seen[0]++;
                });

        assertEquals(ROWS, seen[0]);
        List<GenericRecord> before = read(in, conf);
        List<GenericRecord> after = read(new Path(staged.get(0).staging()), conf);
        assertEquals(ROWS, after.size());
        for (int i = 0; i < ROWS; i++) {
            assertArrayEquals(VisRecords.cell(before.get(i), "data"), VisRecords.cell(after.get(i), "data"),
                    "row " + i);
            if (i % 10 == 0) {
                assertNull(after.get(i).get("flag"), "row " + i);
            } else {
                assertArrayEquals(new byte[] {(byte) (i * 3)}, VisRecords.cell(after.get(i), "flag"), "row " + i);
            }
        }
    }
}
