import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;

/**
 * Baseline of bench/rephase.sh: a plain Spark read-and-write copy of a lake's visibilities (the Parquet files of the
 * Iceberg table's current snapshot in, Parquet out, snappy, same partitioning), on embedded local[*]. Prints
 * "copy SECONDS s ROWS rows".
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" CopyLake.java LAKE OUTDIR
 */
public class CopyLake {
    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[*]").appName("CopyLake")
                .config("spark.ui.enabled", "false").config("spark.sql.parquet.compression.codec", "snappy")
                .config("spark.sql.debug.maxToStringFields", "200")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        String vis = args[0] + "/visibilities";
        long t0 = System.nanoTime();
        Lake lake = Lake.open(args[0], spark.sparkContext().hadoopConfiguration());
        String[] files = IcebergTables.of(lake, spark.sparkContext().hadoopConfiguration())
                .currentFiles(LakeTable.VISIBILITIES).stream().map(Object::toString).toArray(String[]::new);
        Dataset<Row> in = spark.read().option("basePath", vis).parquet(files);
        long rows = in.count();
        in.write().mode("overwrite").partitionBy("obs_date", "bl_bucket").parquet(args[1]);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("copy %.2f s %d rows%n", s, rows);
        spark.stop();
    }
}
