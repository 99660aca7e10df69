import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;

/**
 * Issue 17's planning benchmark: a lake holding the metadata of N DSA-110 MS (default 10,000; 8 visibility files each,
 * one per baseline bucket: 80,000 data files, metadata only, with the column bounds a real file has on ms_id,
 * baseline and time), committed as a convert would (batches of 100 MS). Then, timed: reading the catalogue (N entries);
 * planning all of visibilities' files; planning the one-baseline query (its bucket and baseline: partition and
 * metrics pruning) with Iceberg's API; and Spark planning the same query over {@code lake.visibilities}.
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" bench/IcebergPlanningBench.java LAKE [N_MS=10000]
 */
public class IcebergPlanningBench {
    private static final int BUCKETS = 8;
    private static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        int nMs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Configuration conf = new Configuration();
        Lake lake = Lake.openOrCreate(args[0], BUCKETS, conf);
        IcebergTables tables = IcebergTables.of(lake, conf);
        Table vis = tables.table(LakeTable.VISIBILITIES);
        Random random = new Random(17);
        long t0 = System.nanoTime();
        for (int first = 0; first < nMs; first += BATCH) {
            BatchCommitter committer = new BatchCommitter(lake, conf, "bench" + first, Catalogue.read(lake, conf));
            AppendFiles append = vis.newAppend();
            for (int i = first; i < Math.min(nMs, first + BATCH); i++) {
                long msId = random.nextLong() & Long.MAX_VALUE;
                long conversion = random.nextLong() & Long.MAX_VALUE;
                // one 5-minute DSA-110 observation per MS, 288 a day from 2025-01-01
                double start = (60676 + i / 288) * 86400.0 + (i % 288) * 300.0;
                committer.add(new CatalogueEntry(msId, conversion, "file:/archive/" + i + ".ms", CatalogueEntry.CONVERTED,
                        null, 1_740_000_000L, 61, "fp" + i, null, 146_520L, start, start + 309.1, "DSA_110", BUCKETS,
                        1_800_000_000L, 20.0, System.currentTimeMillis(), "bench", "ms", null), List.of(), Map.of());
                for (int b = 0; b < BUCKETS; b++) {
                    append.appendFile(file(vis, lake, msId, conversion, b, start));
                }
            }
            append.commit();
            committer.commit();
        }
        System.out.printf("setup: %d MS, %d visibility files committed in %.1f s%n", nMs, nMs * BUCKETS,
                (System.nanoTime() - t0) / 1e9);

        t0 = System.nanoTime();
        int entries = Catalogue.read(lake, conf).current().size();
        System.out.printf("catalogue read: %d entries in %.2f s%n", entries, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        int all = IcebergTables.of(lake, conf).currentFiles(LakeTable.VISIBILITIES).size();
        System.out.printf("all visibility files planned: %d in %.2f s%n", all, (System.nanoTime() - t0) / 1e9);
        int baseline = LakeLayout.baseline(3, 45);
        int bucket = lake.layout().bucket(3, 45);
        for (int rep = 0; rep < 2; rep++) {
            t0 = System.nanoTime();
            Table fresh = IcebergTables.of(lake, conf).table(LakeTable.VISIBILITIES);
            int n = 0;
            try (CloseableIterable<FileScanTask> tasks = fresh.newScan().filter(Expressions.and(
                    Expressions.equal("bl_bucket", bucket), Expressions.equal("baseline", baseline))).planFiles()) {
                for (FileScanTask ignored : tasks) {
                    n++;
                }
            }
            System.out.printf("one-baseline query planned (Iceberg API): %d files in %.2f s%n", n,
                    (System.nanoTime() - t0) / 1e9);
        }
        SparkSession spark = SparkSession.builder().master("local[*]").appName("IcebergPlanningBench")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        LakeViews.registerCatalog(spark, lake);
        for (int rep = 0; rep < 2; rep++) {
            t0 = System.nanoTime();
            String plan = spark.sql("SELECT time, data FROM lake.visibilities WHERE bl_bucket = " + bucket
                    + " AND baseline = " + baseline).queryExecution().executedPlan().toString();
            System.out.printf("one-baseline query planned (Spark SQL, lake.visibilities): %.2f s (%s)%n",
                    (System.nanoTime() - t0) / 1e9, plan.contains("BatchScan") ? "BatchScan" : plan);
        }
        spark.stop();
    }

    /** Metadata of one visibility file of an MS: one bucket's baselines over its 24 integrations. */
    private static DataFile file(Table vis, Lake lake, long msId, long conversion, int bucket, double start) {
        int day = (int) Math.floor(start / 86400.0);
        String partition = LakeLayout.partitionDir(day, bucket);
        String path = new Path(lake.layout().root(), LakeLayout.visibilityFile(day, bucket, msId, conversion, 0))
                .toString();
        long rows = 6105L * 24 / BUCKETS; // 6,105 baselines x 24 integrations in 8 buckets
        Map<Integer, ByteBuffer> lower = new HashMap<>();
        Map<Integer, ByteBuffer> upper = new HashMap<>();
        bound(vis, "ms_id", Types.LongType.get(), msId, msId, lower, upper);
        bound(vis, "conversion", Types.LongType.get(), conversion, conversion, lower, upper);
        bound(vis, "baseline", Types.IntegerType.get(), LakeLayout.baseline(0, bucket), LakeLayout.baseline(109, 109),
                lower, upper);
        bound(vis, "time", Types.DoubleType.get(), start, start + 309.1, lower, upper);
        Metrics metrics = new Metrics(rows, null, null, null, null, lower, upper);
        return DataFiles.builder(vis.spec()).withPath(path).withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(225_000_000L).withPartitionPath(partition).withMetrics(metrics).build();
    }

    private static void bound(Table vis, String column, Type type, Object low, Object high,
            Map<Integer, ByteBuffer> lower, Map<Integer, ByteBuffer> upper) {
        int id = vis.schema().findField(column).fieldId();
        lower.put(id, Conversions.toByteBuffer(type, low));
        upper.put(id, Conversions.toByteBuffer(type, high));
    }
}
