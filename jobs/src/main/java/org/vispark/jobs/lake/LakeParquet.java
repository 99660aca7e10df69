package org.vispark.jobs.lake;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.bytes.DirectByteBufferAllocator;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Parquet files of the lake, written and read with parquet-avro.
 *
 * <p>Visibility files: rows sorted by (baseline, time) within each sorted run convert wrote (one per buffer-full of
 * its rows), row groups of {@link #ROW_GROUP_BYTES}, pages
 * of at most {@link #PAGE_ROWS} rows so the page index of {@code baseline} narrows a one-baseline query
 * to a few pages; the packed cell columns have neither dictionaries nor min/max statistics (neither
 * helps on noise-like bytes), nor do row and uvw, whose values rarely repeat. Pages are compressed
 * by Parquet's direct codecs (snappy from one direct buffer into another), not through Hadoop's codec
 * streams, which copy each page twice more; the writer's page buffers are reused
 * ({@link RecyclingHeapAllocator}); pages carry no CRC (parquet-java copies every compressed page once more
 * to compute it, and no reader of the lake, Spark's included, verifies it by default). Lists use the standard three-level Parquet structure.
 */
public final class LakeParquet {
    /** Row group size of visibility files (a task keeps one open per partition it writes). */
    public static final long ROW_GROUP_BYTES = 32L << 20;
    /** Most rows per page, in every column. */
    public static final int PAGE_ROWS = 128;
    /** Packed [chan, pol] columns of the visibility schema. */
    public static final Set<String> CELL_COLUMNS = Set.of("data", "flag", "weight_spectrum", "model_data",
            "corrected_data");
    /** Columns whose values rarely repeat within a file, where a dictionary only costs time. */
    private static final Set<String> UNIQUE_COLUMNS = Set.of("row", "uvw.list.element");

    private LakeParquet() {}

    /** Hadoop configuration for parquet-avro: standard lists, generic records. */
    public static Configuration configure(Configuration conf) {
        Configuration c = new Configuration(conf);
        c.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return c;
    }

    /**
     * The configuration a visibility writer or reader itself reads (file system access goes through the
     * {@link #outputFile}'s own): a small one, because Parquet looks settings up for every page, and
     * Spark's Hadoop configuration is large and sets 64 kB codec stream buffers, allocated per page.
     */
    private static Configuration parquetConf() {
        Configuration c = new Configuration(false);
        c.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        c.setInt("io.file.buffer.size", 4096);
        return c;
    }

    /**
     * The Hadoop setting (Spark: {@code spark.hadoop.vispark.lake.direct-writes}) that says whether lake files on the
     * local file system are written past the page cache ({@link LocalParquetFile}): true for all, false for none;
     * unset, convert's visibility files are (an archive's conversion writes far more than memory holds, and a later
     * job reads it), and the new versions of the other stages are not (the next stage reads them at once).
     */
    public static final String DIRECT_WRITES = "vispark.lake.direct-writes";

    /**
     * Where to write {@code path}: the local file system directly (no .crc side files, whole-block
     * writes; past the page cache only where {@link #DIRECT_WRITES} is true), else Hadoop's.
     */
    public static OutputFile outputFile(Path path, Configuration conf) throws IOException {
        return outputFile(path, conf, false);
    }

    /**
     * {@link #outputFile}, past the page cache by default where {@code directByDefault} ({@link #DIRECT_WRITES}
     * decides where set).
     */
    public static OutputFile outputFile(Path path, Configuration conf, boolean directByDefault) throws IOException {
        URI u = path.toUri();
        if ("file".equals(u.getScheme())) {
            return new LocalParquetFile(java.nio.file.Path.of(u), conf.getBoolean(DIRECT_WRITES, directByDefault));
        }
        return HadoopOutputFile.fromPath(path, conf);
    }

    /** Where to read {@code path}: the local file system directly ({@link LocalParquetFile}), else Hadoop's. */
    public static InputFile inputFile(Path path, Configuration conf) throws IOException {
        URI u = path.toUri();
        if ("file".equals(u.getScheme())) {
            return new LocalParquetFile(java.nio.file.Path.of(u));
        }
        return HadoopInputFile.fromPath(path, conf);
    }

    /**
     * Parquet's default read options, built once: {@code ParquetFileReader.open(InputFile)} builds them for every file
     * from a new Hadoop configuration, which parses Hadoop's XML defaults (10 ms a file).
     */
    private static final ParquetReadOptions FILE_READ_OPTIONS =
            ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

    /** A reader of a Parquet file's footer, indexes and pages. */
    public static ParquetFileReader fileReader(InputFile file) throws IOException {
        return ParquetFileReader.open(file, FILE_READ_OPTIONS);
    }

    /** A writer of a visibility file; closing it releases its codecs. */
    public static ParquetWriter<GenericRecord> visibilityWriter(OutputFile out, CompressionCodecName codec)
            throws IOException {
        return visibilityWriter(out, codec, LakeTable.VISIBILITIES.schema());
    }

    /**
     * A writer of some columns of visibility files ({@code schema}: a record of some of the visibilities schema's
     * fields), with their settings; closing it releases its codecs.
     */
    public static ParquetWriter<GenericRecord> visibilityWriter(OutputFile out, CompressionCodecName codec,
            Schema schema) throws IOException {
        return visibilityWriter(out, codec, schema, ROW_GROUP_BYTES);
    }

    /** {@link #visibilityWriter(OutputFile, CompressionCodecName, Schema)} with row groups of {@code rowGroupBytes}. */
    static ParquetWriter<GenericRecord> visibilityWriter(OutputFile out, CompressionCodecName codec, Schema schema,
            long rowGroupBytes) throws IOException {
        Configuration conf = parquetConf();
        AvroParquetWriter.Builder<GenericRecord> b = AvroParquetWriter.<GenericRecord>builder(out)
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(codec)
                .withCodecFactory(CodecFactory.createDirectCodecFactory(conf, new DirectByteBufferAllocator(),
                        ParquetProperties.DEFAULT_PAGE_SIZE))
                .withAllocator(new RecyclingHeapAllocator())
                .withPageWriteChecksumEnabled(false)
                .withRowGroupSize(rowGroupBytes)
                .withPageRowCountLimit(PAGE_ROWS)
                .withMinRowCountForPageSizeCheck(16);
        for (String c : CELL_COLUMNS) {
            b = b.withDictionaryEncoding(c, false).withStatisticsEnabled(c, false);
        }
        for (String c : UNIQUE_COLUMNS) {
            b = b.withDictionaryEncoding(c, false);
        }
        return b.build();
    }

    /** A writer of a small table (catalogue, subtable rows). */
    public static ParquetWriter<GenericRecord> tableWriter(OutputFile out, Schema schema, Configuration conf)
            throws IOException {
        return AvroParquetWriter.<GenericRecord>builder(out)
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withConf(configure(conf))
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build();
    }

    /** Writes {@code records} to a new file at {@code path}. */
    public static void writeTable(Path path, Schema schema, List<GenericRecord> records, Configuration conf)
            throws IOException {
        try (ParquetWriter<GenericRecord> w = tableWriter(outputFile(path, conf), schema, conf)) {
            for (GenericRecord r : records) {
                w.write(r);
            }
        }
    }

    /**
     * A reader of the records of a file, one at a time, with {@code schema} as the read schema ({@code conf} gives
     * the file system). Like {@link #visibilityWriter} it reads its own settings from a small configuration: Parquet
     * looks them up for every page it decompresses. (Not Parquet's direct codecs, as the writer: with them,
     * parquet-java 1.15.2 read dictionary-encoded string columns of the lake's small tables as corrupt.)
     */
    public static ParquetReader<GenericRecord> reader(Path path, Schema schema, Configuration conf) throws IOException {
        return reader(path, schema, schema, conf);
    }

    /**
     * {@link #reader(Path, Schema, Configuration)} giving records of {@code schema} but reading only the columns of
     * {@code projection} (a subset of its fields): the others take their defaults (the lake's nullable columns: null),
     * so the records keep {@code schema}'s field positions and the unread columns cost nothing.
     */
    public static ParquetReader<GenericRecord> reader(Path path, Schema schema, Schema projection, Configuration conf)
            throws IOException {
        return reader(path, schema, projection, FilterCompat.NOOP, conf);
    }

    /**
     * {@link #reader(Path, Schema, Schema, Configuration)} giving only the records that {@code filter} keeps (row
     * groups whose statistics exclude it are not read).
     */
    public static ParquetReader<GenericRecord> reader(Path path, Schema schema, Schema projection,
            FilterCompat.Filter filter, Configuration conf) throws IOException {
        Configuration c = parquetConf();
        AvroReadSupport.setAvroReadSchema(c, schema);
        AvroReadSupport.setRequestedProjection(c, projection);
        return AvroParquetReader.<GenericRecord>builder(inputFile(path, conf)).withDataModel(GenericData.get())
                .withFilter(filter).withConf(c).build();
    }

    /**
     * The record of {@code schema}'s fields that {@code keep} accepts by name, in {@code schema}'s order: a projection
     * for {@link #reader(Path, Schema, Schema, Configuration)}.
     */
    public static Schema projection(Schema schema, Predicate<String> keep) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            if (keep.test(f.name())) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** Every record of a file, with {@code schema} as the read schema. */
    public static List<GenericRecord> readAll(Path path, Schema schema, Configuration conf) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> r = reader(path, schema, conf)) {
            for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
                out.add(rec);
            }
        }
        return out;
    }

    /** A codec by its name (snappy, zstd, gzip, lz4_raw, uncompressed). */
    public static CompressionCodecName codec(String name) {
        try {
            return CompressionCodecName.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Parquet codec '" + name
                    + "'; use snappy, zstd, gzip, lz4_raw or uncompressed");
        }
    }
}
