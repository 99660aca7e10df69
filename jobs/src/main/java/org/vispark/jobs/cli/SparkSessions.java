package org.vispark.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;
import org.vispark.jobs.lake.PosixLocalFileSystem;

/**
 * The Spark options every Spark command takes ({@code --master}, {@code --verbose}), as a picocli mixin, and
 * the session they give: under spark-submit the master it was given; otherwise {@code --master} or embedded
 * {@code local[*]}. Settings of {@code conf/spark-defaults.conf} apply where neither spark-submit nor the
 * JVM's spark.* properties set them. Quiet unless verbose; session time zone UTC.
 */
final class SparkSessions {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--verbose", description = "Spark's own log at INFO, and stack traces of failures")
    boolean verbose;

    /** The session for command {@code appName}. */
    SparkSession create(String appName) {
        return create(appName, master, verbose);
    }

    /** A command's work in its Spark session; returns the exit status. */
    @FunctionalInterface
    interface Job {
        int run(SparkSession spark) throws Exception;
    }

    /**
     * Runs {@code job} in a new session named "vispark COMMAND", stopped afterwards; a failure of the run itself is
     * reported ({@link #reportFailure}) and gives exit status 2.
     */
    int run(String command, Job job) {
        SparkSession spark = create("vispark " + command);
        try {
            return job.run(spark);
        } catch (Exception e) {
            reportFailure(command, e);
            return 2;
        } finally {
            spark.stop();
        }
    }

    /** Prints why command {@code command} failed: the message, and with --verbose the stack trace. */
    void reportFailure(String command, Exception e) {
        System.err.println(command + ": " + e.getMessage());
        if (verbose) {
            e.printStackTrace();
        }
    }

    /**
     * The JVM's spark.* properties, then those of {@code conf/spark-defaults.conf} that they do not set; then, where
     * neither sets it, {@code file:} as {@link PosixLocalFileSystem}.
     */
    private static SparkConf sparkConf() {
        SparkConf conf = new SparkConf();
        Path defaults = Installation.conf().resolve("spark-defaults.conf");
        if (Files.isRegularFile(defaults)) {
            try (Reader r = Files.newBufferedReader(defaults)) {
                Properties p = new Properties();
                p.load(r);
                p.stringPropertyNames().forEach(k -> conf.setIfMissing(k, p.getProperty(k).strip()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + defaults, e);
            }
        }
        conf.setIfMissing("spark.hadoop.fs.file.impl", PosixLocalFileSystem.class.getName());
        return conf;
    }

    /**
     * The Hadoop configuration of a command that starts no Spark: Hadoop's defaults and the {@code spark.hadoop.*}
     * settings a Spark session would carry into its own (the lake's catalog among them).
     */
    static Configuration hadoopConf() {
        Configuration hadoop = new Configuration();
        String prefix = "spark.hadoop.";
        for (Tuple2<String, String> kv : sparkConf().getAllWithPrefix(prefix)) {
            hadoop.set(kv._1(), kv._2());
        }
        return hadoop;
    }

    static SparkSession create(String appName, String master, boolean verbose) {
        SparkConf conf = sparkConf();
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
