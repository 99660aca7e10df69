package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * What the jobs that rewrite MS of the lake as new versions (predict, rephase, apply) share: run one task per MS
 * ({@link MsTasks}), and commit each MS whose task succeeded as its new version ({@link BatchCommitter}: its staged
 * visibility files, a copy of its subtable rows, its catalogue entry), a batch per chunk of tasks, printing progress;
 * the run's staging area is deleted at the end, whatever happened.
 */
public final class NewVersions {
    private NewVersions() {}

    /** The rewrite of one MS into {@code newConversion}. */
    public interface Task extends Serializable {
        long msId();

        String uri();

        long newConversion();
    }

    /** What a task did: its staged files, or why it failed ({@code error} non-null). */
    public interface Result extends Serializable {
        String error();

        List<StagedFile> files();

        double seconds();

        long rows();
    }

    /**
     * Where the run's versions go.
     *
     * @param subtables      the current subtable rows of each MS ({@link MsVersions#currentSubtables})
     * @param visparkVersion recorded in the catalogue entries
     */
    public record Run(Lake lake, Configuration conf, Catalogue catalogue, String runId,
            Map<Long, Map<LakeTable, List<GenericRecord>>> subtables, String visparkVersion) {}

    /**
     * Runs the tasks and commits the new versions; a failed MS adds "URI: reason" to {@code failures}. Returns the
     * results of the MS committed, in task order.
     *
     * @param edit the change to each copied subtable row of a task's MS (e.g. a new phase centre)
     */
    public static <T extends Task, R extends Result> List<R> run(SparkSession spark, Run run, List<T> tasks,
            MsTasks.Work<T, R> work, Function<T, MsVersions.RowEdit> edit, List<String> failures, String command,
            PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        BatchCommitter committer = new BatchCommitter(run.lake(), run.conf(), run.runId());
        List<R> committed = new ArrayList<>();
        long[] rows = {0};
        try {
            MsTasks.run(spark, tasks, work, (part, results, done) -> {
                for (int i = 0; i < part.size(); i++) {
                    T t = part.get(i);
                    R r = results.get(i);
                    if (r.error() != null) {
                        failures.add(t.uri() + ": " + r.error());
                        continue;
                    }
                    committer.add(MsVersions.newEntry(run.catalogue().get(t.msId()), t.newConversion(), r.files(),
                            r.seconds(), run.visparkVersion()), r.files(),
                            MsVersions.copies(run.subtables().getOrDefault(t.msId(), Map.of()), t.newConversion(),
                                    edit.apply(t)));
                    committed.add(r);
                    rows[0] += r.rows();
                }
                committer.commit();
                console.printf(Locale.ROOT, "%s: %d/%d MS done, %d failed, %d rows, %.0f rows/s%n", command, done,
                        tasks.size(), failures.size(), rows[0], rows[0] / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
            });
        } finally {
            run.lake().fs().delete(run.lake().layout().stagingDir(run.runId()), true);
        }
        return committed;
    }
}
