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
 * What the jobs that rewrite MS of the lake as new versions (flag, predict, rephase, apply) share: run the tasks of
 * the MS ({@link MsTasks}), and commit each MS whose tasks succeeded as its new version ({@link BatchCommitter}: its
 * staged visibility files, a copy of its subtable rows, its catalogue entry), printing
 * progress, a batch every {@link #COMMIT_SECONDS} at most; the run's staging area is deleted at the end, whatever
 * happened.
 *
 * <p>An MS is one task, or, when the run has fewer MS than twice the cores, several: its visibility files (one per
 * baseline bucket and time range, each rewritten on its own) are divided among up to {@code 2 x cores / MS} tasks,
 * so that one large MS keeps every core busy; the parts' results are joined ({@link Result#join}) and the MS
 * commits once all of them have succeeded (a part's failure is the MS's).
 */
public final class NewVersions {
    /** Why an MS's new version was not committed when another job committed a version of it first. */
    public static final String CONCURRENT_COMMIT = "another job committed a version of this MS while this one ran;"
            + " this run's version is dropped (run again to redo it on the new version)";

    /** Longest time a finished MS waits for its batch's commit (each commit is a few Iceberg commits). */
    static final double COMMIT_SECONDS = 10;
    /** Most MS in one batch commit. */
    static final int MAX_BATCH = 1000;

    private NewVersions() {}

    /** The rewrite of one MS (or of some of its files) into {@code newConversion}. */
    public interface Task extends Serializable {
        long msId();

        String uri();

        long newConversion();

        /** The visibility files it rewrites, relative to the lake root. */
        List<String> files();

        /** The same rewrite over some of those files: a part of the MS, run as a task of its own. */
        Task onFiles(List<String> files);

        /**
         * Whether the version read stays in visibilities' current snapshot beside the new one (flag: its FLAG is the
         * MS's flags before flagging); otherwise the new version's commit removes its files.
         */
        default boolean keepsVersionRead() {
            return false;
        }
    }

    /** What a task did: its staged files, or why it failed ({@code error} non-null). */
    public interface Result extends Serializable {
        String error();

        List<StagedFile> files();

        double seconds();

        long rows();

        /** This part's result and the next part's of the same MS (neither failed): files, counts and times added. */
        Result join(Result next);

        /** The result of the whole MS once its parts are joined: where a job refuses an MS as a whole, it says so. */
        default Result whole() {
            return this;
        }
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
     * results of the MS committed (their parts joined), in task order.
     *
     * @param edit the change to each copied subtable row of a task's MS (e.g. a new phase centre)
     */
    @SuppressWarnings("unchecked") // a task's parts are its own type, a result's join and whole() too
    public static <T extends Task, R extends Result> List<R> run(SparkSession spark, Run run, List<T> tasks,
            MsTasks.Work<T, R> work, Function<T, MsVersions.RowEdit> edit, List<String> failures, String command,
            PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        int each = partsPerMs(tasks.size(), spark.sparkContext().defaultParallelism());
        List<T> parts = new ArrayList<>();
        List<Integer> ms = new ArrayList<>(); // the index in tasks of each part's MS
        int[] missing = new int[tasks.size()]; // parts of each MS not yet done
        for (int i = 0; i < tasks.size(); i++) {
            T t = tasks.get(i);
            List<List<String>> groups = divide(t.files(), each);
            for (List<String> g : groups) {
                parts.add(groups.size() == 1 ? t : (T) t.onFiles(g));
                ms.add(i);
            }
            missing[i] = groups.size();
        }
        BatchCommitter committer = new BatchCommitter(run.lake(), run.conf(), run.runId(), run.catalogue());
        List<R> joined = new ArrayList<>(java.util.Collections.nCopies(tasks.size(), null));
        List<R> committed = new ArrayList<>();
        List<T> committedMs = new ArrayList<>(); // the task of each committed result
        long[] rows = {0};
        int[] msDone = {0};
        long[] lastCommit = {t0};
        try {
            MsTasks.run(spark, parts, work, (chunk, results, done) -> {
                int first = done - chunk.size();
                for (int j = 0; j < chunk.size(); j++) {
                    int i = ms.get(first + j);
                    R r = results.get(j);
                    R sofar = joined.get(i);
                    if (sofar == null || r.error() != null && sofar.error() == null) {
                        joined.set(i, r); // the first part, or the first failure, which stands for the MS
                    } else if (sofar.error() == null) {
                        joined.set(i, (R) sofar.join(r));
                    }
                    if (--missing[i] > 0) {
                        continue;
                    }
                    T t = tasks.get(i);
                    R whole = joined.get(i).error() != null ? joined.get(i) : (R) joined.get(i).whole();
                    msDone[0]++;
                    if (whole.error() != null) {
                        failures.add(t.uri() + ": " + whole.error());
                        continue;
                    }
                    committer.add(MsVersions.newEntry(run.catalogue().get(t.msId()), t.newConversion(),
                            whole.files(), whole.seconds(), run.visparkVersion()), whole.files(),
                            MsVersions.copies(run.subtables().getOrDefault(t.msId(), Map.of()), t.newConversion(),
                                    edit.apply(t)), t.keepsVersionRead() ? List.of() : t.files());
                    committed.add(whole);
                    committedMs.add(t);
                    rows[0] += whole.rows();
                }
                if (committer.pending() >= MAX_BATCH || committer.pending() > 0
                        && (System.nanoTime() - lastCommit[0]) / 1e9 >= COMMIT_SECONDS) {
                    rows[0] -= commit(committer, committed, committedMs, failures);
                    lastCommit[0] = System.nanoTime();
                }
                console.printf(Locale.ROOT, "%s: %d/%d MS done, %d failed, %d rows, %.0f rows/s%s%n", command, msDone[0],
                        tasks.size(), failures.size(), rows[0], rows[0] / Math.max(1e-9, (System.nanoTime() - t0) / 1e9),
                        TimeLeft.of(msDone[0], tasks.size(), t0));
            });
            commit(committer, committed, committedMs, failures);
        } finally {
            LakeMaintenance.deleteStaging(run.lake(), run.runId());
        }
        return committed;
    }

    /**
     * Commits the MS waiting in {@code committer}; one another job committed first leaves {@code committed} (and
     * {@code committedMs}) for {@code failures}. Returns the rows of the MS so dropped.
     */
    private static <T extends Task, R extends Result> long commit(BatchCommitter committer, List<R> committed,
            List<T> committedMs, List<String> failures) throws IOException {
        long dropped = 0;
        for (CatalogueEntry e : committer.commit()) {
            failures.add(e.uri() + ": " + CONCURRENT_COMMIT);
            int k = indexOf(committedMs, e.msId());
            dropped += committed.get(k).rows();
            committed.remove(k);
            committedMs.remove(k);
        }
        return dropped;
    }

    private static int indexOf(List<? extends Task> tasks, long msId) {
        for (int i = tasks.size() - 1; i >= 0; i--) {
            if (tasks.get(i).msId() == msId) {
                return i;
            }
        }
        throw new IllegalStateException("ms_id " + msId + " was not in the batch");
    }

    /** Parts per MS: one when the MS fill twice the cores, else up to {@code 2 x cores / MS}. */
    static int partsPerMs(int numMs, int cores) {
        return numMs == 0 ? 1 : Math.max(1, (2 * cores + numMs - 1) / numMs);
    }

    /** {@code files} in up to {@code parts} runs of consecutive files, as even as they divide (none empty). */
    static List<List<String>> divide(List<String> files, int parts) {
        int n = Math.max(1, Math.min(parts, files.size()));
        List<List<String>> out = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            out.add(List.copyOf(files.subList(p * files.size() / n, (p + 1) * files.size() / n)));
        }
        return out;
    }
}
