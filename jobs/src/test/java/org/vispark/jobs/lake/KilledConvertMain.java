package org.vispark.jobs.lake;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.convert.ConvertOptions;
import org.vispark.jobs.testing.TestData;

/** A convert run in its own JVM, committing after every MS, for {@link LakeKillTest} to kill. Args: LAKE GLOB. */
public final class KilledConvertMain {
    private KilledConvertMain() {}

    public static void main(String[] args) throws Exception {
        SparkSession spark = TestData.spark("KilledConvertMain");
        ConvertOptions o = ConvertOptions.of(args[0], List.of(args[1])).withBaselineBuckets(2).withCommitSeconds(0);
        ConvertJob.run(spark, o, new PrintStream(System.out, true));
        spark.stop();
    }
}
