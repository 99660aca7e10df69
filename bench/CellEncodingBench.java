import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.spark.sql.SparkSession;
import org.vispark.udfs.spark.VisSqlFunctions;
import org.vispark.udfs.vis.PackedCells;

/**
 * How to store a complex [chan, pol] cell in the lake: packed little-endian float32 bytes (Avro bytes,
 * Parquet BINARY) against Avro array<float> (Parquet LIST of FLOAT, re/im interleaved), same rows.
 * Measures parquet-avro write time and file size, then Spark SQL scans: amplitude of one channel and
 * the average over all channels (packed: vis_amp / vis_chan_avg; array: Spark's own array functions).
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" CellEncodingBench.java OUTDIR ROWS NCHAN NPOL
 */
public class CellEncodingBench {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int nchan = Integer.parseInt(args[2]);
        int npol = Integer.parseInt(args[3]);
        int floats = 2 * nchan * npol;
        Files.createDirectories(out);
        Schema binary = SchemaBuilder.record("Packed").fields().requiredLong("row").requiredBytes("data").endRecord();
        Schema array = SchemaBuilder.record("Array").fields().requiredLong("row").name("data").type().array().items()
                .floatType().noDefault().endRecord();
        Random rnd = new Random(42);
        float[][] pool = new float[256][floats];
        for (float[] c : pool) {
            for (int i = 0; i < floats; i++) {
                c[i] = (float) rnd.nextGaussian(); // noise-like visibilities, as real DATA mostly is
            }
        }
        List<String> lines = new ArrayList<>();
        for (String codec : new String[] {"SNAPPY", "ZSTD"}) {
            for (int rep = 0; rep < 2; rep++) {
                lines.add(write(out.resolve("packed-" + codec + ".parquet"), binary, rows, pool, codec, true, rep));
                lines.add(write(out.resolve("array-" + codec + ".parquet"), array, rows, pool, codec, false, rep));
            }
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("CellEncodingBench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        VisSqlFunctions.register(spark);
        int k = 2 * ((nchan / 2) * npol);
        String[][] queries = {
            {"packed", "amplitude of one channel", "SELECT avg(vis_amp(data, " + npol + ", " + nchan / 2 + ", 0)) FROM t"},
            {"array", "amplitude of one channel", "SELECT avg(sqrt(data[" + k + "] * data[" + k + "] + data[" + (k + 1)
                    + "] * data[" + (k + 1) + "])) FROM t"},
            {"packed", "channel average (pol 0)", "SELECT avg(vis_chan_avg(data, NULL, " + npol + ", 0).re) FROM t"},
            {"array", "channel average (pol 0)", "SELECT avg(aggregate(filter(data, (x, i) -> i % " + (2 * npol)
                    + " = 0), 0D, (acc, x) -> acc + x) / " + nchan + ") FROM t"},
        };
        for (String codec : new String[] {"SNAPPY", "ZSTD"}) {
            for (String[] q : queries) {
                spark.read().parquet(out.resolve(q[0] + "-" + codec + ".parquet").toString()).createOrReplaceTempView("t");
                double best = Double.MAX_VALUE;
                Object v = null;
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    v = spark.sql(q[2]).first().get(0);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                lines.add(String.format(Locale.ROOT, "query %-6s %-6s %-26s %6.2f s  %7.0f rows/s  (%s)", q[0], codec,
                        q[1], best, rows / best, v));
            }
        }
        spark.stop();
        lines.forEach(System.out::println);
    }

    private static String write(Path file, Schema schema, int rows, float[][] pool, String codec, boolean packed,
            int rep) throws Exception {
        Files.deleteIfExists(file);
        long t0 = System.nanoTime();
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema).withConf(conf()).withCompressionCodec(CompressionCodecName.valueOf(codec))
                .withRowGroupSize(64L << 20).withDictionaryEncoding("data", false)
                .withDictionaryEncoding("data.list.element", false).withStatisticsEnabled("data", false)
                .withStatisticsEnabled("data.list.element", false).build()) {
            GenericRecord r = new GenericData.Record(schema);
            for (int i = 0; i < rows; i++) {
                float[] cell = pool[i % pool.length];
                r.put("row", (long) i);
                if (packed) {
                    r.put("data", ByteBuffer.wrap(PackedCells.packFloats(cell, 0, cell.length)));
                } else {
                    List<Float> list = new ArrayList<>(cell.length);
                    for (float f : cell) {
                        list.add(f);
                    }
                    r.put("data", list);
                }
                w.write(r);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long cellBytes = (long) rows * pool[0].length * 4;
        return String.format(Locale.ROOT, "write %-6s %-6s run %d: %6.2f s  %6.0f MB/s of cells  file %6.1f MB (%.2f of raw)",
                packed ? "packed" : "array", codec, rep, s, cellBytes / s / 1e6, Files.size(file) / 1e6,
                Files.size(file) / (double) cellBytes);
    }

    private static Configuration conf() {
        Configuration c = new Configuration();
        c.setBoolean("parquet.avro.write-old-list-structure", false);
        return c;
    }
}
