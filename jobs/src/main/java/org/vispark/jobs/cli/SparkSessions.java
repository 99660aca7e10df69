package org.vispark.jobs.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command: under spark-submit the master it was given; otherwise {@code --master}
 * or embedded {@code local[*]}. Quiet unless verbose; session time zone UTC.
 */
final class SparkSessions {
    private SparkSessions() {}

    static SparkSession create(String appName, String master, boolean verbose) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        boolean local = conf.get("spark.master").startsWith("local");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        conf.setIfMissing("spark.sql.warehouse.dir",
                System.getProperty("java.io.tmpdir") + "/vispark-warehouse-" + System.getProperty("user.name"));
        if (local && !verbose) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        SparkSession spark = SparkSession.builder().appName(appName).config(conf).getOrCreate();
        spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
        return spark;
    }
}
