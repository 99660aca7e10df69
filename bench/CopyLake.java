import org.apache.spark.sql.SparkSession;

/**
 * Baseline of bench/rephase.sh: a plain Spark read-and-write copy of a lake's visibilities (Parquet in,
 * Parquet out, snappy, same partitioning), on embedded local[*]. Prints "copy SECONDS s ROWS rows".
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" CopyLake.java LAKE OUTDIR
 */
public class CopyLake {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[*]").appName("CopyLake")
                .config("spark.ui.enabled", "false").config("spark.sql.parquet.compression.codec", "snappy")
                .config("spark.sql.debug.maxToStringFields", "200")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        String vis = args[0] + "/visibilities";
        long t0 = System.nanoTime();
        long rows = spark.read().option("basePath", vis).parquet(vis).count();
        spark.read().option("basePath", vis).parquet(vis).write().mode("overwrite")
                .partitionBy("obs_date", "bl_bucket").parquet(args[1]);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("copy %.2f s %d rows%n", s, rows);
        spark.stop();
    }
}
