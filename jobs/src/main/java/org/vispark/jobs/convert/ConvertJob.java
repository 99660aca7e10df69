package org.vispark.jobs.convert;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.HadoopConf;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeMaintenance;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.StagedFile;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.runtime.BoxedUnit;

/**
 * {@code vispark convert}: converts Measurement Sets into a visibility lake with Spark, one task per MS
 * or per row range of a large MS, committing finished MS in batches as tasks complete (see
 * {@link BatchCommitter}). MS that are already in the lake with the same fingerprint are skipped; an MS
 * that cannot be read is recorded in the catalogue with its error and the others go on.
 */
public final class ConvertJob {
    /** Written into the catalogue's vispark_version. */
    public static final String VERSION = "0.1.0";
    private static final int MAX_BATCH = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConvertJob() {}

    /** One MS of the run: its scan, its conversion id, and the results of its ranges as they arrive. */
    private static final class MsPlan {
        final MsScan scan;
        final long conversion;
        final TaskResult[] results;
        int received;

        MsPlan(MsScan scan, long conversion, int ranges) {
            this.scan = scan;
            this.conversion = conversion;
            this.results = new TaskResult[ranges];
        }
    }

    public static ConvertSummary run(SparkSession spark, ConvertOptions o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        SparkContext sc = spark.sparkContext();
        Configuration conf = sc.hadoopConfiguration();
        Lake lake = Lake.openOrCreate(o.lake(), o.baselineBuckets(), conf);
        LakeParquet.codec(o.codec());
        String runId = BatchCommitter.newRunId();
        LakeMaintenance.deleteStaleStaging(lake);
        LakeMaintenance.compactRuns(lake, conf, runId);
        Catalogue before = Catalogue.read(lake, conf);
        int orphans = LakeMaintenance.removeInvisible(lake, before, conf, LakeMaintenance.ABANDONED_MILLIS);
        if (orphans > 0) {
            console.println("convert: " + orphans + " visibility file(s) of superseded or uncommitted conversions left"
                    + " the current snapshot (on disk until `vispark lake maintain` expires the snapshots holding them)");
        }

        MsInputs.Resolved in = MsInputs.resolve(o.inputs(), conf);
        List<String> failures = new ArrayList<>();
        for (String p : in.unmatched()) {
            failures.add(p + ": matches no file");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        Broadcast<HadoopConf> hconf = jsc.broadcast(new HadoopConf(conf));
        List<SourceInput> sources = SourceInput.of(in.uris(), o.allowIncomplete());
        List<MsScan> scans = sources.isEmpty() ? List.of()
                : jsc.parallelize(sources, Math.min(sources.size(), Math.max(1, sc.defaultParallelism() * 4)))
                        .map(source -> MsScan.of(source, hconf.value())).collect();

        BatchCommitter committer = new BatchCommitter(lake, conf, runId, before);
        List<MsPlan> plans = new ArrayList<>();
        List<ConvertTask> tasks = new ArrayList<>();
        int unchanged = 0;
        List<String> failedBefore = new ArrayList<>();
        for (MsScan s : scans) {
            CatalogueEntry prev = before.get(s.msId());
            if (prev != null && prev.fingerprint().equals(s.fingerprint()) && (prev.isConverted() || !o.retryFailed())) {
                unchanged++;
                if (!prev.isConverted()) {
                    failedBefore.add(prev.uri() + ": " + prev.error()
                            + " (recorded by an earlier run, unchanged since)");
                }
                continue;
            }
            long conversion = RANDOM.nextLong() & Long.MAX_VALUE;
            if (s.error() != null) {
                committer.add(failedEntry(s, conversion, s.error(), 0), List.of(), Map.of());
                failures.add(s.uri() + ": " + s.error());
                continue;
            }
            int ranges = s.rows() == null ? 1
                    : (int) Math.max(1, Math.min(s.rows(), (s.bytes() + o.taskBytes() - 1) / o.taskBytes()));
            MsPlan plan = new MsPlan(s, conversion, ranges);
            int index = plans.size();
            plans.add(plan);
            for (int r = 0; r < ranges; r++) {
                long first = s.rows() == null ? 0 : s.rows() * r / ranges;
                long count = s.rows() == null ? -1 : s.rows() * (r + 1) / ranges - first;
                tasks.add(new ConvertTask(index, s.uri(), s.members(), s.flagMissing(), s.msId(), conversion, r, first, count, s.fingerprint(),
                        r == 0, r == 0 && o.checksum(), runId, lake.layout(), o.codec(), o.phaseCentre()));
            }
        }
        console.printf(Locale.ROOT, "convert: %d MS in the inputs, %d unchanged in the lake%s, %d to convert (%d tasks)"
                + " into %s%n", scans.size(), unchanged,
                failedBefore.isEmpty() ? "" : " (" + failedBefore.size() + " of them failed before; --retry-failed"
                        + " retries)",
                plans.size(), tasks.size(), lake.layout().root());

        Progress progress = new Progress(console, plans.size(), o.progressSeconds());
        long[] totals = new long[4]; // rows, MS bytes, lake bytes, lake files
        int converted = 0;
        if (!tasks.isEmpty()) {
            BlockingQueue<TaskResult> results = new LinkedBlockingQueue<>();
            SimpleFutureAction<Object> job = submit(sc, jsc, tasks, hconf, results);
            int remaining = tasks.size();
            long firstPending = 0;
            Throwable jobFailure = null;
            while (remaining > 0) {
                TaskResult r;
                try {
                    r = results.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (r != null) {
                    remaining--;
                    MsPlan plan = plans.get(r.msIndex());
                    plan.results[r.range()] = r;
                    if (++plan.received == plan.results.length) {
                        if (committer.pending() == 0) {
                            firstPending = System.nanoTime();
                        }
                        CatalogueEntry e = finish(plan, committer, failures, totals);
                        if (e.isConverted() && plan.results[0].phaseCentre() != null) {
                            console.println("convert: " + plan.scan.uri() + ": drift scan phased to "
                                    + plan.results[0].phaseCentre());
                        }
                        converted += e.isConverted() ? 1 : 0;
                        progress.msDone(e.isConverted(), e.isConverted() ? e.rows() : 0, plan.scan.bytes());
                    }
                } else if (job.isCompleted()) {
                    jobFailure = failureOf(job);
                    break;
                }
                if (committer.pending() > 0 && (committer.pending() >= MAX_BATCH
                        || (System.nanoTime() - firstPending) / 1e9 >= o.commitSeconds())) {
                    converted -= rejected(committer.commit(), failures);
                }
                progress.maybePrint(false);
            }
            converted -= rejected(committer.commit(), failures);
            if (jobFailure != null) {
                throw new IOException("the Spark job failed; MS finished before the failure are committed, a rerun"
                        + " converts the rest: " + Errors.describe(jobFailure), jobFailure);
            }
        }
        converted -= rejected(committer.commit(), failures);
        progress.maybePrint(true);
        LakeMaintenance.compactRuns(lake, conf, runId);
        LakeMaintenance.removeInvisible(lake, Catalogue.read(lake, conf), conf, LakeMaintenance.ABANDONED_MILLIS);
        LakeMaintenance.deleteStaging(lake, runId);
        return new ConvertSummary(scans.size() + in.unmatched().size(), unchanged, converted, failures.size(), failures,
                failedBefore, totals[0], totals[1], totals[2], (int) totals[3], (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Records the MS a commit rejected (another job committed a version of them meanwhile) as failures; returns how
     * many of them had converted.
     */
    private static int rejected(List<CatalogueEntry> rejected, List<String> failures) {
        for (CatalogueEntry e : rejected) {
            failures.add(e.uri() + ": " + NewVersions.CONCURRENT_COMMIT);
        }
        return (int) rejected.stream().filter(CatalogueEntry::isConverted).count();
    }

    /** Submits the tasks; each result goes to {@code results} as its task succeeds. */
    private static SimpleFutureAction<Object> submit(SparkContext sc, JavaSparkContext jsc, List<ConvertTask> tasks,
            Broadcast<HadoopConf> hconf, BlockingQueue<TaskResult> results) {
        List<Object> partitions = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            partitions.add(i);
        }
        Function1<scala.collection.Iterator<ConvertTask>, TaskResult> work = new TaskFunction(hconf);
        Function2<Object, TaskResult, BoxedUnit> handler = (i, r) -> {
            results.add(r);
            return BoxedUnit.UNIT;
        };
        Function0<Object> done = () -> null;
        sc.setJobDescription("vispark convert: " + tasks.size() + " tasks");
        return sc.submitJob(jsc.parallelize(tasks, tasks.size()).rdd(), work,
                scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(), handler, done);
    }

    /** The code a Spark task runs: convert its one {@link ConvertTask}. */
    private static final class TaskFunction extends scala.runtime.AbstractFunction1<scala.collection.Iterator<ConvertTask>,
            TaskResult> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<HadoopConf> conf;

        TaskFunction(Broadcast<HadoopConf> conf) {
            this.conf = conf;
        }

        @Override
        public TaskResult apply(scala.collection.Iterator<ConvertTask> it) {
            ConvertTask task = it.next();
            try {
                return RangeConverter.run(task, conf.value().get(), scratchDir(), "t" + TaskContext.get().taskAttemptId());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("writing the lake for " + task.uri(), e);
            }
        }
    }

    /** Local scratch of this executor: YARN's LOCAL_DIRS, else spark.local.dir, else java.io.tmpdir. */
    private static java.nio.file.Path scratchDir() throws IOException {
        String dirs = System.getenv("LOCAL_DIRS");
        if (dirs == null && SparkEnv.get() != null) {
            dirs = SparkEnv.get().conf().get("spark.local.dir", null);
        }
        java.nio.file.Path p = java.nio.file.Path.of(dirs == null ? System.getProperty("java.io.tmpdir")
                : dirs.split(",")[0]);
        java.nio.file.Files.createDirectories(p);
        return p;
    }

    /** Turns the results of an MS's ranges into its catalogue entry and adds it to the commit batch. */
    private static CatalogueEntry finish(MsPlan plan, BatchCommitter committer, List<String> failures, long[] totals) {
        MsScan s = plan.scan;
        double seconds = 0;
        String error = null;
        for (TaskResult r : plan.results) {
            seconds += r.seconds();
            if (!r.ok() && error == null) {
                error = plan.results.length > 1 ? "rows of range " + r.range() + ": " + r.error() : r.error();
            }
        }
        if (error != null) {
            failures.add(s.uri() + ": " + error);
            CatalogueEntry e = failedEntry(s, plan.conversion, error, seconds);
            committer.add(e, List.of(), Map.of());
            return e;
        }
        TaskResult first = plan.results[0];
        Double tmin = null;
        Double tmax = null;
        long lakeBytes = 0;
        int lakeFiles = 0;
        List<StagedFile> files = new ArrayList<>();
        for (TaskResult r : plan.results) {
            if (r.timeMin() != null) {
                tmin = tmin == null ? r.timeMin() : Math.min(tmin, r.timeMin());
                tmax = tmax == null ? r.timeMax() : Math.max(tmax, r.timeMax());
            }
            for (StagedFile f : r.files()) {
                lakeBytes += f.bytes();
                lakeFiles++;
                files.add(f);
            }
        }
        CatalogueEntry e = new CatalogueEntry(s.msId(), plan.conversion, s.uri(), CatalogueEntry.CONVERTED, null,
                s.bytes(), s.files(), s.fingerprint(), first.checksum(), first.msRows(), tmin, tmax, first.telescope(),
                lakeFiles, lakeBytes, seconds, System.currentTimeMillis(), VERSION,
                SourceFormat.of(s.uri()).catalogueName(), sourceFiles(s));
        committer.add(e, files, SubtableRecords.decode(first.subtables()));
        totals[0] += first.msRows();
        totals[1] += s.bytes();
        totals[2] += lakeBytes;
        totals[3] += lakeFiles;
        return e;
    }

    private static CatalogueEntry failedEntry(MsScan s, long conversion, String error, double seconds) {
        return new CatalogueEntry(s.msId(), conversion, s.uri(), CatalogueEntry.FAILED, error, s.bytes(), s.files(),
                s.fingerprint(), null, s.rows(), null, null, null, null, null, seconds, System.currentTimeMillis(),
                VERSION, SourceFormat.of(s.uri()).catalogueName(), sourceFiles(s));
    }

    /** A subband group's file names; null for an MS or a single file. */
    private static List<String> sourceFiles(MsScan s) {
        return s.members() == null ? null
                : s.members().stream().map(u -> u.substring(u.lastIndexOf('/') + 1)).toList();
    }

    private static Throwable failureOf(SimpleFutureAction<Object> job) {
        try {
            job.get();
            return new IllegalStateException("the Spark job ended without the results of all its tasks");
        } catch (Exception e) {
            return e;
        }
    }
}
