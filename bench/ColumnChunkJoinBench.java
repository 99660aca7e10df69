import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.rewrite.ParquetRewriter;
import org.apache.parquet.hadoop.rewrite.RewriteOptions;
import org.apache.parquet.io.InputFile;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisibilityRewriter;

/**
 * The join of a new MS version (apply, rephase, predict, flag: a file's changed columns joined to its unchanged
 * chunks), on one thread, over every visibility file of a lake: {@code VisibilityRewriter.replaceColumns} changing
 * the conversion column only (so nearly all of it is the join: vispark's ColumnChunkJoin), against Parquet's
 * ParquetRewriter joining the same source with the same new column (what the rewriter used before), and against
 * copying the files whole in the kernel ({@code FileChannel.transferTo}, as {@code cp}: the floor). Alternates the
 * three REPS times (the first of each is the JIT's) and prints each pass's seconds and MB/s of files written, and
 * the medians. Writes its copies under LAKE/_bench_join and deletes them.
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" bench/ColumnChunkJoinBench.java LAKE [REPS=5]
 */
public class ColumnChunkJoinBench {
    public static void main(String[] args) throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(args[0]).toAbsolutePath();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> files = new ArrayList<>();
        try (var s = Files.walk(root.resolve("visibilities"))) {
            s.filter(p -> p.toString().endsWith(".parquet")).sorted()
                    .forEach(p -> files.add(root.relativize(p).toString()));
        }
        LakeLayout layout = new LakeLayout(root.toUri().toString(), 8);
        Configuration conf = new Configuration();
        java.nio.file.Path work = root.resolve("_bench_join");
        double[][] seconds = new double[3][reps];
        long bytes = 0;
        for (String f : files) {
            bytes += Files.size(root.resolve(f));
        }
        System.out.printf("%d files, %.1f MB%n", files.size(), bytes / 1e6);
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            for (String f : files) {
                long msId = Long.parseUnsignedLong(f.substring(f.lastIndexOf('/') + 1, f.lastIndexOf('/') + 17), 16);
                StagedFile staged = VisibilityRewriter.replaceColumns(layout, msId, 0xbe0c0L + rep, f, List.of(),
                        new Path(work.resolve("vispark").toUri()), "snappy", conf, (row, r) -> {});
                if (staged.rows() <= 0) {
                    throw new IllegalStateException(f + ": no rows joined");
                }
            }
            seconds[0][rep] = (System.nanoTime() - t0) / 1e9;
            deleteTree(work);

            t0 = System.nanoTime();
            for (String f : files) {
                parquetRewriter(root.resolve(f), work.resolve("parquet").resolve(f), conf);
            }
            seconds[1][rep] = (System.nanoTime() - t0) / 1e9;
            deleteTree(work);

            t0 = System.nanoTime();
            for (String f : files) {
                java.nio.file.Path out = work.resolve("copy").resolve(f);
                Files.createDirectories(out.getParent());
                try (FileChannel in = FileChannel.open(root.resolve(f));
                        FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    for (long at = 0, n = in.size(); at < n; ) {
                        at += in.transferTo(at, n - at, o);
                    }
                }
            }
            seconds[2][rep] = (System.nanoTime() - t0) / 1e9;
            deleteTree(work);
            System.out.printf("pass %d: ColumnChunkJoin %.2f s (%.0f MB/s), ParquetRewriter %.2f s (%.0f MB/s),"
                    + " whole-file copy %.2f s (%.0f MB/s)%n", rep, seconds[0][rep], bytes / 1e6 / seconds[0][rep],
                    seconds[1][rep], bytes / 1e6 / seconds[1][rep], seconds[2][rep], bytes / 1e6 / seconds[2][rep]);
        }
        double ours = median(seconds[0]), theirs = median(seconds[1]), copy = median(seconds[2]);
        System.out.printf("median: ColumnChunkJoin %.2f s, ParquetRewriter %.2f s (%.2fx), whole-file copy %.2f s"
                + " (ColumnChunkJoin at %.2fx of it)%n", ours, theirs, theirs / ours, copy, copy / ours);
    }

    /** The source joined by ParquetRewriter with a new conversion column, one part file per row group. */
    private static void parquetRewriter(java.nio.file.Path source, java.nio.file.Path out, Configuration conf)
            throws Exception {
        Schema all = LakeTable.VISIBILITIES.schema();
        Schema conversion = Schema.createRecord(all.getName(), null, all.getNamespace(), false,
                List.of(new Schema.Field(all.getField("conversion"), all.getField("conversion").schema())));
        Path in = new Path(source.toUri());
        List<InputFile> parts = new ArrayList<>();
        try (ParquetFileReader r = LakeParquet.fileReader(LakeParquet.inputFile(in, conf))) {
            for (BlockMetaData b : r.getFooter().getBlocks()) {
                Path part = new Path(out.resolveSibling(out.getFileName() + ".columns").resolve(parts.size() + ".parquet").toUri());
                try (ParquetWriter<GenericRecord> w = LakeParquet.visibilityWriter(LakeParquet.outputFile(part, conf),
                        CompressionCodecName.SNAPPY, conversion)) {
                    for (long i = 0; i < b.getRowCount(); i++) {
                        GenericRecord g = new GenericData.Record(conversion);
                        g.put("conversion", 0xbe0c0L);
                        w.write(g);
                    }
                }
                parts.add(LakeParquet.inputFile(part, conf));
            }
        }
        RewriteOptions options = new RewriteOptions.Builder(new HadoopParquetConfiguration(conf),
                List.of(LakeParquet.inputFile(in, conf)), parts, LakeParquet.outputFile(new Path(out.toUri()), conf))
                .overwriteInputWithJoinColumns(true).ignoreJoinFilesMetadata(true).build();
        try (ParquetRewriter rewriter = new ParquetRewriter(options)) {
            rewriter.processBlocks();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void deleteTree(java.nio.file.Path p) throws Exception {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                for (java.nio.file.Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        }
    }
}
