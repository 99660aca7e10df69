package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one Spark task per MS (predict, rephase, apply, export-ms, diagnose, solve) in chunks of
 * {@code max(8, 4 x default parallelism)} tasks, each chunk one Spark job, and hands each chunk's results to the
 * driver in task order as it ends: jobs commit, record and print progress as the run goes, and a failure late in a
 * long run keeps what earlier chunks did. The Hadoop configuration reaches the executors as a broadcast.
 */
public final class MsTasks {
    private MsTasks() {}

    /** A task's work on an executor: the task, the Hadoop configuration, a name unique to the task attempt. */
    @FunctionalInterface
    public interface Work<T, R> extends Serializable {
        R run(T task, Configuration conf, String attempt);
    }

    /** What the driver does with a chunk's results (in the order of its tasks); {@code done}: tasks finished so far. */
    @FunctionalInterface
    public interface Chunk<T, R> {
        void done(List<T> tasks, List<R> results, int done) throws IOException;
    }

    public static <T extends Serializable, R> void run(SparkSession spark, List<T> tasks, Work<T, R> work,
            Chunk<T, R> chunkDone) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> hconf = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
        int chunk = Math.max(8, 4 * spark.sparkContext().defaultParallelism());
        for (int from = 0; from < tasks.size(); from += chunk) {
            List<T> part = tasks.subList(from, Math.min(tasks.size(), from + chunk));
            List<R> results = jsc.parallelize(part, part.size())
                    .map(t -> work.run(t, hconf.value().get(), "t" + TaskContext.get().taskAttemptId())).collect();
            chunkDone.done(part, results, from + part.size());
        }
    }
}
