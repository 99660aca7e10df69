package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.vispark.udfs.spark.AstroSqlFunctions;
import org.vispark.udfs.spark.VisSqlFunctions;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Registers a lake in a Spark session: every table as a temporary view, showing only committed data (of the branch
 * {@link IcebergTables#BRANCH} names, a campaign's, when set), and every vispark SQL function.
 *
 * <table>
 *   <caption>views</caption>
 *   <tr><td>{@code ms}</td><td>the current catalogue entry of each MS (converted or failed)</td></tr>
 *   <tr><td>{@code ms_history}</td><td>every catalogue entry, including superseded conversions</td></tr>
 *   <tr><td>{@code visibilities}, {@code antennas}, {@code spectral_windows}, {@code polarizations},
 *       {@code fields}, {@code data_descriptions}, {@code pipeline}</td><td>rows of the current conversion of
 *       converted MS</td></tr>
 *   <tr><td>{@code diagnostics}, {@code diagnostics_antennas}</td><td>the newest diagnose run of the current
 *       conversion of each MS</td></tr>
 *   <tr><td>{@code gains}</td><td>the newest solve run of each (MS, table_name), for converted MS</td></tr>
 *   <tr><td>{@code visibility_history}</td><td>the rows of every MS version still in the lake's directory (those a
 *       flag run read stay: their flags are the MS's flags before it; superseded ones until {@code lake maintain}
 *       deletes them)</td></tr>
 *   <tr><td>{@code flag_stats}</td><td>the newest flag run of each converted MS</td></tr>
 *   <tr><td>{@code campaigns}, {@code campaign_history}</td><td>each campaign's newest row; every row</td></tr>
 * </table>
 * Functions: those of {@link VisSqlFunctions} and {@link AstroSqlFunctions}, plus {@code vis_baseline(a1, a2)}
 * (the baseline key) and {@code vis_bl_bucket(a1, a2)} (the bl_bucket partition of a baseline in this lake).
 *
 * <p>The lake's Iceberg tables ({@link IcebergTables}) are also reachable through the Spark catalog {@code lake}:
 * {@code lake.gains} (every row of the current snapshot, every run), its metadata tables ({@code lake.gains.snapshots},
 * {@code lake.gains.files}, ...), and earlier snapshots ({@code lake.gains VERSION AS OF id}, {@code TIMESTAMP AS OF});
 * {@code lake.NAMESPACE.gains} when the lake's catalog has a namespace for it ({@link LakeCatalog}).
 * A session registers one lake: the catalog keeps the root it was first used with.
 */
public final class LakeViews {
    private LakeViews() {}

    /** Registers views and functions over the lake as it is now; returns the view names. */
    public static List<String> register(SparkSession spark, Lake lake) throws IOException {
        return register(spark, lake, Long.MAX_VALUE);
    }

    /**
     * Registers views and functions over the lake as it was at {@code asOfMillis} (Unix ms; each table's newest
     * snapshot then); returns the view names.
     */
    public static List<String> register(SparkSession spark, Lake lake, long asOfMillis) throws IOException {
        registerCatalog(spark, lake);
        VisSqlFunctions.register(spark);
        AstroSqlFunctions.register(spark);
        int buckets = lake.layout().baselineBuckets();
        spark.udf().register("vis_baseline", (UDF2<Integer, Integer, Integer>) (a1, a2) ->
                a1 == null || a2 == null ? null : LakeLayout.baseline(a1, a2), DataTypes.IntegerType);
        spark.udf().register("vis_bl_bucket", (UDF2<Integer, Integer, Integer>) (a1, a2) ->
                a1 == null || a2 == null ? null : Math.floorMod(a1 + a2, buckets), DataTypes.IntegerType);

        List<String> views = new ArrayList<>(List.of("ms_history", LakeTable.MS.dirName()));
        Dataset<Row> current = registerCatalogue(spark, lake, asOfMillis);
        Dataset<Row> visible = current.where(functions.col("status").equalTo(CatalogueEntry.CONVERTED))
                .select(functions.col("ms_id").as("_ms_id"), functions.col("conversion").as("_conversion"));
        for (LakeTable t : LakeTable.values()) {
            if (t == LakeTable.MS) {
                continue;
            }
            Dataset<Row> raw = table(spark, lake, t, asOfMillis);
            Dataset<Row> shown;
            if (t == LakeTable.CAMPAIGNS) {
                raw.createOrReplaceTempView("campaign_history");
                views.add("campaign_history");
                shown = raw.withColumn("_newest", functions.row_number().over(Window.partitionBy("name")
                        .orderBy(functions.col("recorded_utc").desc()))).where("_newest = 1").drop("_newest");
            } else if (t == LakeTable.GAINS || t == LakeTable.FLAG_STATS) {
                // solutions and flag statistics stay valid for later versions of the MS (e.g. one with CORRECTED_DATA)
                Dataset<Row> converted = visible.select("_ms_id");
                Dataset<Row> kept = raw.join(converted, raw.col("ms_id").equalTo(converted.col("_ms_id")), "left_semi");
                shown = t == LakeTable.GAINS ? newestRun(kept, "ms_id", "table_name") : newestRun(kept, "ms_id");
            } else {
                Column on = raw.col("ms_id").equalTo(visible.col("_ms_id"))
                        .and(raw.col("conversion").equalTo(visible.col("_conversion")));
                shown = raw.join(visible, on, "left_semi");
                if (t == LakeTable.DIAGNOSTICS || t == LakeTable.DIAGNOSTICS_ANTENNAS) {
                    shown = newestRun(shown, "ms_id");
                }
            }
            shown.createOrReplaceTempView(t.dirName());
            views.add(t.dirName());
            if (t == LakeTable.VISIBILITIES) {
                raw.createOrReplaceTempView("visibility_history");
                views.add("visibility_history");
            }
        }
        return views;
    }

    /**
     * Names the lake's Iceberg catalog ({@link LakeCatalog}) {@code lake} in the session, replacing whatever properties
     * it had (uncached: later commits are seen).
     */
    public static void registerCatalog(SparkSession spark, Lake lake) {
        String prefix = "spark.sql.catalog." + IcebergTables.CATALOG;
        for (String key : CollectionConverters.asJava(spark.conf().getAll()).keySet()) {
            if (key.startsWith(prefix + ".")) {
                spark.conf().unset(key);
            }
        }
        spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
        lake.catalog().properties(lake).forEach((k, v) -> spark.conf().set(prefix + "." + k, v));
        spark.conf().set(prefix + ".cache-enabled", "false");
    }

    /**
     * Registers only the catalogue's views, {@code ms_history} and {@code ms} (what a {@code --where} names: a job
     * that queries no other view needs no more, and listing every table's files costs seconds); returns {@code ms}.
     */
    public static Dataset<Row> registerCatalogue(SparkSession spark, Lake lake) throws IOException {
        return registerCatalogue(spark, lake, Long.MAX_VALUE);
    }

    private static Dataset<Row> registerCatalogue(SparkSession spark, Lake lake, long asOfMillis) throws IOException {
        Dataset<Row> history = table(spark, lake, LakeTable.MS, asOfMillis);
        history.createOrReplaceTempView("ms_history");
        Dataset<Row> current = history
                .withColumn("_newest", functions.row_number().over(Window.partitionBy("ms_id")
                        .orderBy(functions.col("committed_at").desc(), functions.col("conversion").desc())))
                .where("_newest = 1").drop("_newest");
        current.createOrReplaceTempView(LakeTable.MS.dirName());
        return current;
    }

    /** The rows of the newest run_id within each group of {@code keys}. */
    private static Dataset<Row> newestRun(Dataset<Row> rows, String... keys) {
        Column[] by = Arrays.stream(keys).map(functions::col).toArray(Column[]::new);
        return rows.withColumn("_newest_run", functions.max("run_id").over(Window.partitionBy(by)))
                .where(functions.col("run_id").equalTo(functions.col("_newest_run"))).drop("_newest_run");
    }

    /**
     * All rows of a table's files in its newest snapshot at or before {@code asOfMillis} (no commit filtering), read
     * with the table's type (no schema inference, and an empty table still has its columns) by Spark's own Parquet
     * reader; visibilities' partition columns come from its directories. visibilities as it is now is read from its
     * directory, which Spark lists faster than it checks a list of the snapshot's files (200 small MS: 1,600 files),
     * and holds every file of the snapshot; the views filter rows by the catalogue either way.
     */
    static Dataset<Row> table(SparkSession spark, Lake lake, LakeTable t, long asOfMillis) throws IOException {
        if (t == LakeTable.VISIBILITIES && asOfMillis == Long.MAX_VALUE) {
            Path dir = lake.layout().tableDir(t);
            if (!lake.fs().exists(dir)) {
                return spark.createDataFrame(List.of(), SparkSchemas.of(t));
            }
            return spark.read().schema(SparkSchemas.of(t)).option("basePath", dir.toString()).parquet(dir.toString());
        }
        List<Path> files = IcebergTables.of(lake, spark.sparkContext().hadoopConfiguration()).filesAsOf(t, asOfMillis);
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), SparkSchemas.of(t));
        }
        DataFrameReader reader = spark.read().schema(SparkSchemas.of(t));
        if (t == LakeTable.VISIBILITIES) {
            reader = reader.option("basePath", lake.layout().tableDir(t).toString());
        }
        try {
            return reader.parquet(files.stream().map(Path::toString).toArray(String[]::new));
        } catch (Exception e) { // Spark's AnalysisException, checked in Java but not declared
            if (e instanceof AnalysisException a && "PATH_NOT_FOUND".equals(a.getErrorClass())) {
                throw new IOException(lake.layout().root() + ": table " + t.dirName() + " names a file that is not there"
                        + " (deleted outside vispark?): " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
