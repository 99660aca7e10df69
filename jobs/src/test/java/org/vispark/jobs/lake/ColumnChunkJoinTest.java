package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.rewrite.ParquetRewriter;
import org.apache.parquet.hadoop.rewrite.RewriteOptions;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ColumnChunkJoin} against Parquet's own {@link ParquetRewriter} joining the same files: the same chunks and
 * indexes at the same places, the same footer but for the size statistics it keeps, and the same file whether the
 * chunks move in the kernel (local files) or through the heap (Hadoop's output file); and read
 * back, each row group's columns from where they should come, its pages found through the moved offset indexes.
 */
class ColumnChunkJoinTest {
    private static final int ROWS = 5000;
    private static final Schema SCHEMA = LakeTable.VISIBILITIES.schema();

    @TempDir
    java.nio.file.Path tmp;

    private static GenericRecord row(Random rnd, long i) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("ms_id", 0x2aL);
        r.put("conversion", 0x10L);
        r.put("row", i);
        r.put("time", 5.0e9 + i / 10);
        r.put("antenna1", (int) (i % 7));
        r.put("antenna2", (int) (i % 11));
        r.put("baseline", (int) i / 3);
        r.put("field_id", 0);
        r.put("data_desc_id", 0);
        r.put("spw", (int) (i % 2));
        r.put("pol_id", 0);
        r.put("num_chan", 16);
        r.put("num_pol", 2);
        r.put("uvw", List.of(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()));
        r.put("flag_row", i % 5 == 0);
        byte[] data = new byte[16 * 2 * 8];
        rnd.nextBytes(data);
        r.put("data", ByteBuffer.wrap(data));
        r.put("flag", ByteBuffer.wrap(new byte[] {(byte) i, 1, 2, 3}));
        return r;
    }

    /** The source: many row groups (of several pages each: dictionary-encoded columns, indexes) in the lake's format. */
    private Path source(Configuration conf) throws Exception {
        Path in = new Path(tmp.resolve("source.parquet").toUri());
        Random rnd = new Random(5);
        try (ParquetWriter<GenericRecord> w = LakeParquet.visibilityWriter(LakeParquet.outputFile(in, conf),
                CompressionCodecName.SNAPPY, SCHEMA, 64 << 10)) {
            for (long i = 0; i < ROWS; i++) {
                w.write(row(rnd, i));
            }
        }
        return in;
    }

    /** The new flag and conversion of each row group, in memory or (odd row groups) on disk, as the rewriter makes them. */
    private List<InputFile> parts(Path in, Configuration conf) throws Exception {
        Schema columns = Schema.createRecord(SCHEMA.getName(), null, SCHEMA.getNamespace(), false, List.of(
                new Schema.Field(SCHEMA.getField("conversion"), SCHEMA.getField("conversion").schema()),
                new Schema.Field(SCHEMA.getField("flag"), SCHEMA.getField("flag").schema())));
        List<InputFile> parts = new ArrayList<>();
        long row = 0;
        try (ParquetFileReader r = LakeParquet.fileReader(LakeParquet.inputFile(in, conf))) {
            for (BlockMetaData b : r.getFooter().getBlocks()) {
                Path onDisk = new Path(tmp.resolve("parts").resolve(parts.size() + ".parquet").toUri());
                MemoryParquetFile memory = parts.size() % 2 == 0 ? new MemoryParquetFile("part " + parts.size()) : null;
                try (ParquetWriter<GenericRecord> w = LakeParquet.visibilityWriter(
                        memory != null ? memory : LakeParquet.outputFile(onDisk, conf), CompressionCodecName.SNAPPY,
                        columns, 1L << 30)) {
                    for (long end = row + b.getRowCount(); row < end; row++) {
                        GenericRecord g = new GenericData.Record(columns);
                        g.put("conversion", 0x20L);
                        g.put("flag", row % 3 == 0 ? null : ByteBuffer.wrap(new byte[] {(byte) (row * 7), 9}));
                        w.write(g);
                    }
                }
                parts.add(memory != null ? memory : LakeParquet.inputFile(onDisk, conf));
            }
        }
        return parts;
    }

    @Test
    void joinsAsParquetsRewriterInTheKernelAndThroughTheHeap() throws Exception {
        Configuration conf = new Configuration();
        Path in = source(conf);
        List<InputFile> parts = parts(in, conf);
        assertTrue(parts.size() > 4, parts.size() + " row groups");

        Path local = new Path(tmp.resolve("local.parquet").toUri());
        assertTrue(LakeParquet.outputFile(local, conf) instanceof LocalParquetFile, "a local file of the lake's own");
        ColumnChunkJoin.write(LakeParquet.inputFile(in, conf), parts, LakeParquet.outputFile(local, conf));
        Path heap = new Path(tmp.resolve("heap.parquet").toUri());
        ColumnChunkJoin.write(LakeParquet.inputFile(in, conf), parts, HadoopOutputFile.fromPath(heap, conf));
        Path reference = new Path(tmp.resolve("reference.parquet").toUri());
        RewriteOptions options = new RewriteOptions.Builder(new HadoopParquetConfiguration(conf),
                List.of(LakeParquet.inputFile(in, conf)), parts, LakeParquet.outputFile(reference, conf))
                .overwriteInputWithJoinColumns(true).ignoreJoinFilesMetadata(true).build();
        try (ParquetRewriter rewriter = new ParquetRewriter(options)) {
            rewriter.processBlocks();
        }

        byte[] joined = Files.readAllBytes(tmp.resolve("local.parquet"));
        assertArrayEquals(joined, Files.readAllBytes(tmp.resolve("heap.parquet")), "in the kernel and through the heap");
        // the same chunks and indexes at the same places; footers alike but for what the rewriter drops (each chunk's
        // size statistics) and adds (the source's writer under original.created.by)
        byte[] expected = Files.readAllBytes(tmp.resolve("reference.parquet"));
        assertEquals(footerStart(expected), footerStart(joined));
        assertArrayEquals(Arrays.copyOf(expected, footerStart(expected)), Arrays.copyOf(joined, footerStart(joined)));
        ParquetMetadata ours = footer(local, conf);
        ParquetMetadata theirs = footer(reference, conf);
        Map<String, String> keys = new HashMap<>(theirs.getFileMetaData().getKeyValueMetaData());
        assertEquals(ours.getFileMetaData().getCreatedBy(), keys.remove("original.created.by"));
        assertEquals(keys, ours.getFileMetaData().getKeyValueMetaData());
        assertEquals(ParquetMetadata.toPrettyJSON(theirs).replaceAll(".*original.created.by.*\n", ""),
                ParquetMetadata.toPrettyJSON(ours));
        ParquetMetadata before = footer(in, conf);
        for (int b = 0; b < before.getBlocks().size(); b++) {
            for (int c = 0; c < before.getBlocks().get(b).getColumns().size(); c++) {
                ColumnChunkMetaData was = before.getBlocks().get(b).getColumns().get(c);
                if (!Set.of("conversion", "flag").contains(was.getPath().toDotString())) {
                    assertEquals(was.getSizeStatistics().getUnencodedByteArrayDataBytes(), ours.getBlocks().get(b)
                            .getColumns().get(c).getSizeStatistics().getUnencodedByteArrayDataBytes(), was.getPath()
                            + " keeps its size statistics");
                }
            }
        }
    }

    /** Where a Parquet file's footer starts: before its length, the magic and itself. */
    private static int footerStart(byte[] file) {
        ByteBuffer tail = ByteBuffer.wrap(file, file.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return file.length - 8 - tail.getInt();
    }

    private static ParquetMetadata footer(Path file, Configuration conf) throws Exception {
        try (ParquetFileReader r = LakeParquet.fileReader(LakeParquet.inputFile(file, conf))) {
            return r.getFooter();
        }
    }

    @Test
    void everyRowGroupTakesItsPartsColumnsAndItsOwnOthers() throws Exception {
        Configuration conf = new Configuration();
        Path in = source(conf);
        Path out = new Path(tmp.resolve("joined.parquet").toUri());
        ColumnChunkJoin.write(LakeParquet.inputFile(in, conf), parts(in, conf), LakeParquet.outputFile(out, conf));

        List<GenericRecord> before = read(in, conf, FilterCompat.NOOP);
        List<GenericRecord> after = read(out, conf, FilterCompat.NOOP);
        assertEquals(ROWS, after.size());
        for (int i = 0; i < ROWS; i++) {
            for (Schema.Field f : SCHEMA.getFields()) {
                Object expected = switch (f.name()) {
                    case "conversion" -> 0x20L;
                    case "flag" -> i % 3 == 0 ? null : ByteBuffer.wrap(new byte[] {(byte) (i * 7), 9});
                    default -> before.get(i).get(f.pos());
                };
                assertEquals(expected, after.get(i).get(f.pos()), f.name() + " of row " + i);
            }
        }
        // pages skipped through the column and offset indexes, which moved with their chunks
        FilterCompat.Filter rows = FilterCompat.get(FilterApi.and(
                FilterApi.gtEq(FilterApi.longColumn("row"), 1234L), FilterApi.lt(FilterApi.longColumn("row"), 1300L)));
        List<GenericRecord> some = read(out, conf, rows);
        assertEquals(66, some.size());
        for (GenericRecord g : some) {
            long i = (Long) g.get("row");
            assertEquals(before.get((int) i).get("data"), g.get("data"), "data of row " + i);
        }
        try (ParquetFileReader r = LakeParquet.fileReader(LakeParquet.inputFile(out, conf))) {
            for (BlockMetaData b : r.getFooter().getBlocks()) {
                for (ColumnChunkMetaData c : b.getColumns()) {
                    OffsetIndex pages = r.readOffsetIndex(c);
                    assertNotNull(pages, c.getPath() + " has its offset index");
                    assertEquals(c.getFirstDataPageOffset(), pages.getOffset(0), c.getPath() + ": first page");
                    ColumnIndex index = r.readColumnIndex(c);
                    if (c.getPath().toDotString().equals("row")) {
                        assertNotNull(index, "row has its column index");
                        assertEquals(pages.getPageCount(), index.getMinValues().size(), "row: pages indexed");
                    }
                }
            }
        }
    }

    @Test
    void aPartOfOtherRowsIsRefusedNamingIt() throws Exception {
        Configuration conf = new Configuration();
        Path in = source(conf);
        List<InputFile> parts = parts(in, conf);
        try (ParquetFileReader first = LakeParquet.fileReader(parts.get(0));
                ParquetFileReader last = LakeParquet.fileReader(parts.get(parts.size() - 1))) {
            assertTrue(first.getRecordCount() != last.getRecordCount(), "the last row group is shorter");
        }
        parts.set(0, parts.get(parts.size() - 1));
        Path out = new Path(tmp.resolve("joined.parquet").toUri());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnChunkJoin.write(
                LakeParquet.inputFile(in, conf), parts, LakeParquet.outputFile(out, conf)));
        assertTrue(e.getMessage().contains("row group 0 of ") && e.getMessage().contains("source.parquet"), e.getMessage());
    }

    private static List<GenericRecord> read(Path file, Configuration conf, FilterCompat.Filter filter)
            throws Exception {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> r = LakeParquet.reader(file, SCHEMA, SCHEMA, filter, conf)) {
            for (GenericRecord g = r.read(); g != null; g = r.read()) {
                out.add(g);
            }
        }
        return out;
    }
}
