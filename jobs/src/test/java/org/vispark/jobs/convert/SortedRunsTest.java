package org.vispark.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.TestData;

/**
 * Convert with sort buffers far smaller than the rows ({@link RangeConverter#RUN_BYTES_PROPERTY}), so every
 * file is written as many sorted runs, each handed to the writing threads while the next fills the other
 * buffer ({@link RunWriter}): the lake holds exactly the rows of a convert whose runs hold every row (an MS
 * written by make_ms.py and the UVH5 files of shared/data/uvh5), and each file is sorted by (baseline, time)
 * within each run.
 */
class SortedRunsTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static List<String> inputs;

    @BeforeAll
    static void convert() throws Exception {
        spark = TestData.spark("SortedRunsTest");
        inputs = new ArrayList<>();
        inputs.add(TestData.makeMs(tmp.resolve("gen/runs.ms"), "--nant", "8", "--nchan", "32", "--ntime", "12",
                "--seed", "11").toString());
        try (Stream<Path> s = Files.list(TestData.shared().resolve("data/uvh5"))) {
            s.filter(p -> p.toString().endsWith(".uvh5")).sorted().forEach(p -> inputs.add(p.toString()));
        }
        convert("whole");
        System.setProperty(RangeConverter.RUN_BYTES_PROPERTY, "16384");
        try {
            convert("runs");
        } finally {
            System.clearProperty(RangeConverter.RUN_BYTES_PROPERTY);
        }
    }

    /**
     * Converts the inputs into lake {@code name}; views {@code name_rows} (its visibilities with the MS's URI in
     * place of its lake-specific ids) and {@code name_order} (each row's file and place in it).
     */
    private static void convert(String name) throws Exception {
        String root = tmp.resolve(name).toString();
        ConvertSummary summary = ConvertJob.run(spark, ConvertOptions.of(root, inputs).withBaselineBuckets(2),
                new PrintStream(System.out));
        assertEquals(inputs.size(), summary.converted(), summary.failures().toString());
        LakeViews.register(spark, Lake.open(root, spark.sparkContext().hadoopConfiguration()));
        spark.sql("SELECT v.* FROM visibilities v").join(spark.sql("SELECT ms_id, uri FROM ms"), "ms_id")
                .drop("ms_id", "conversion").createOrReplaceTempView(name + "_rows");
        // the files as written (a new lake holds one version of each MS)
        spark.read().parquet(root + "/visibilities")
                .selectExpr("input_file_name() f", "baseline", "time", "monotonically_increasing_id() i")
                .createOrReplaceTempView(name + "_order");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void smallRunsHoldTheSameRows() {
        Dataset<Row> a = spark.table("whole_rows");
        Dataset<Row> b = spark.table("runs_rows");
        assertTrue(a.count() > 500);
        assertEquals(a.count(), b.count());
        assertEquals(0, a.exceptAll(b).count());
        assertEquals(0, b.exceptAll(a).count());
    }

    @Test
    void eachFileIsSortedWithinItsRuns() {
        long wholeBreaks = runBreaks("whole_order");
        long runBreaks = runBreaks("runs_order");
        assertEquals(0, wholeBreaks);
        // a break starts each run after a file's first: many runs, so many breaks
        assertTrue(runBreaks >= 10, runBreaks + " run breaks");
    }

    /** Places where a file's (baseline, time) order goes back: the starts of its sorted runs after the first. */
    private static long runBreaks(String orderView) {
        return spark.sql("SELECT count(*) FROM (SELECT baseline, time,"
                + " lag(baseline) OVER (PARTITION BY f ORDER BY i) pb, lag(time) OVER (PARTITION BY f ORDER BY i) pt"
                + " FROM " + orderView + ") WHERE pb > baseline OR (pb = baseline AND pt > time)").first().getLong(0);
    }
}
