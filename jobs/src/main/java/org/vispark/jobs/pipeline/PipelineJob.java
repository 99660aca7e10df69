package org.vispark.jobs.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.apply.ApplyJob;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.convert.ConvertOptions;
import org.vispark.jobs.convert.ConvertSummary;
import org.vispark.jobs.diagnose.DiagnoseJob;
import org.vispark.jobs.diagnose.DiagnoseSettings;
import org.vispark.jobs.diagnose.FieldOutcome;
import org.vispark.jobs.flag.FlagJob;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.MsSelection;
import org.vispark.jobs.lake.ResultTables;
import org.vispark.jobs.predict.PredictJob;
import org.vispark.jobs.rephase.RephaseJob;
import org.vispark.jobs.rephase.RephaseOptions;
import org.vispark.jobs.rephase.RephaseSummary;
import org.vispark.jobs.sky.CalibratorChoice;
import org.vispark.jobs.solve.Combine;
import org.vispark.jobs.solve.Solint;
import org.vispark.jobs.solve.SolveJob;
import org.vispark.udfs.diagnostics.Thresholds;
import org.vispark.udfs.diagnostics.Verdict;
import org.vispark.udfs.flag.FlagSettings;
import org.vispark.udfs.solve.CalMode;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.SolveOptions;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.PrimaryBeam;

/**
 * {@code vispark pipeline}: the continuum calibration of an archive, each stage one Spark job over every MS it
 * concerns:
 * <ol>
 *   <li>convert the inputs (new or changed MS only);</li>
 *   <li>classify the MS the pipeline has not finished: a calibrator observation points (REFERENCE_DIR, else
 *       PHASE_DIR) within half the primary-beam FWHM of a catalogue calibrator ({@link CalibratorChoice}; only the
 *       configured one unless {@code calibrator = auto}); the others are targets;</li>
 *   <li>flag RFI in every MS to calibrate ({@link FlagJob}; unless {@code flag = false}), each a new version, but
 *       those whose source a flag run already flagged ({@link FlaggedSources});</li>
 *   <li>diagnose the calibrator observations as they are;</li>
 *   <li>rephase each to its calibrator and predict its MODEL_DATA there, in one pass that writes one new version
 *       ({@link RephaseOptions#model()}); those already at their calibrator are only predicted;</li>
 *   <li>solve {@value #K}, {@value #G} (pre-applying K) and {@value #B} (pre-applying K and G), the incident
 *       report's recipe;</li>
 *   <li>apply K, G, B to every MS (targets take the solutions of the calibrator observations nearest in time);</li>
 *   <li>diagnose the calibrator observations again on CORRECTED_DATA, and write the report (REPORT/index.html;
 *       REPORT/before/ the diagnostics before calibration, REPORT/gains/ the gain plots);</li>
 *   <li>record each finished MS version in the lake's {@code pipeline} table, so a rerun skips it.</li>
 * </ol>
 * An MS failing a stage is listed with its reason and left out of the later stages; the others go on.
 */
public final class PipelineJob {
    static final String K = "pipeline_K";
    static final String G = "pipeline_G";
    static final String B = "pipeline_B";
    private static final String GAINS_REPORT = "gains";
    private static final String BEFORE_REPORT = "before";

    private PipelineJob() {}

    /**
     * @param where  SQL condition on the {@code ms} view: only the MS it selects are calibrated; null for every MS
     * @param report directory of the HTML report (diagnostics after calibration, gain plots), or null
     */
    public record Options(String lake, List<String> inputs, String where, PipelineSettings settings, Path report) {}

    /**
     * @param stageSeconds wall time (s) of each stage, in order: convert, classify, flag, diagnose, rephase+predict
     *                     (the MS rephased, their MODEL_DATA predicted in the same pass), predict (the MS already at
     *                     their calibrator; each summed over the calibrators), solve pipeline_K, solve pipeline_G,
     *                     solve pipeline_B (each solve named by its table), apply, diagnose after, record;
     *                     the stages after classify only when there is an MS to calibrate, those from diagnose to
     *                     solve pipeline_B and diagnose after only with calibrator observations
     * @param failures     "MS: stage: reason" of every MS that failed
     */
    public record Summary(int pending, int calibrators, int targets, int finished, Map<String, Double> stageSeconds,
            List<String> failures, Map<Verdict.Level, Integer> verdictsAfter) {}

    public static Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        return run(spark, o, console, StageListener.NONE);
    }

    /** {@link #run(SparkSession, Options, PrintStream)}, telling {@code listener} as each stage starts and ends. */
    public static Summary run(SparkSession spark, Options o, PrintStream console, StageListener listener)
            throws IOException {
        PipelineSettings s = o.settings();
        CalibratorCatalogue catalogue = CalibratorCatalogue.read(s.path("catalogue"));
        Thresholds thresholds = Thresholds.load(s.path("thresholds"));
        PrimaryBeam beam = PrimaryBeam.dsa110();
        if (s.calibrator() != null) {
            catalogue.get(s.calibrator());
        }
        Map<String, Double> times = new LinkedHashMap<>();
        Failures failures = new Failures();
        if (o.report() != null) {
            deleteTree(staged(o.report(), GAINS_REPORT));
            deleteTree(staged(o.report(), BEFORE_REPORT));
        }

        StageTimer stage = new StageTimer(listener, failures, times).start("convert");
        int inputs = 0;
        if (!o.inputs().isEmpty()) {
            ConvertSummary cs = ConvertJob.run(spark, ConvertOptions.of(o.lake(), o.inputs())
                    .withPhaseCentre(s.phaseCentre(catalogue)), console);
            cs.failures().forEach(f -> failures.addUnmapped("convert", f));
            // MS of the inputs an earlier run (one killed, say) failed to convert fail this run as well
            cs.failedBefore().forEach(f -> failures.addUnmapped("convert", f));
            inputs = cs.inputs();
        }
        stage.end(inputs);

        long t = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(o.lake(), conf);
        Catalogue lakeCatalogue = Catalogue.read(lake, conf);
        failures.catalogue(lakeCatalogue);
        Map<Long, String> calibratorOf = new TreeMap<>();
        List<Long> targets = new ArrayList<>();
        Set<Long> selected = null; // every MS
        if (o.where() != null && !o.where().isBlank()) {
            LakeViews.registerCatalogue(spark, lake);
            selected = new TreeSet<>(MsSelection.converted(spark, lakeCatalogue, o.where()));
        }
        classify(lake, conf, lakeCatalogue, catalogue, beam, s.calibrator(), selected, calibratorOf, targets);
        int pending = calibratorOf.size() + targets.size();
        console.printf(Locale.ROOT, "pipeline: %d MS to calibrate: %d calibrator observations (%s), %d targets%n",
                pending, calibratorOf.size(), new TreeSet<>(calibratorOf.values()), targets.size());
        times.put("classify", seconds(t));
        Map<Verdict.Level, Integer> verdicts = new TreeMap<>();
        Map<Long, String> verdictOf = new TreeMap<>();
        if (pending == 0) {
            return new Summary(0, 0, 0, 0, times, failures.list(), verdicts);
        }

        if (s.bool("flag")) {
            stage.start("flag");
            Set<Long> all = new TreeSet<>(calibratorOf.keySet());
            all.addAll(targets);
            Set<Long> flagged = FlaggedSources.of(lake, conf, lakeCatalogue, all);
            all.removeAll(flagged);
            if (!flagged.isEmpty()) {
                console.printf(Locale.ROOT, "pipeline: %d MS flagged already (a run stopped after flagging them),"
                        + " not flagged again%n", flagged.size());
            }
            if (!all.isEmpty()) {
                FlagJob.Summary f = FlagJob.run(spark, new FlagJob.Options(o.lake(), in(all),
                        FlagSettings.load(s.path("flag.strategy")), "data", "snappy", null), console);
                failures.addAll("flag", f.failures());
                console.printf(Locale.ROOT, "pipeline: flagged %d MS: %d of %d values newly flagged (%.2f %%)%n",
                        f.flagged(), f.newlyFlagged(), f.judged(), 100.0 * f.newlyFlagged() / Math.max(1, f.judged()));
            }
            stage.end(all.size());
        }

        Set<Long> cals = failures.alive(calibratorOf.keySet());
        if (!cals.isEmpty()) {
            stage.start("diagnose");
            DiagnoseJob.Summary d = DiagnoseJob.run(spark, new DiagnoseJob.Options(o.lake(), s.calibrator(), catalogue,
                    thresholds, beam, DiagnoseSettings.defaults(), in(cals),
                    o.report() == null ? null : staged(o.report(), BEFORE_REPORT)), console);
            d.failures().forEach(f -> failures.add("diagnose", f));
            d.fields().stream().limit(10).forEach(f -> console.printf(Locale.ROOT,
                    "pipeline: before calibration %s %s: separation %.2f arcmin from %s; %s%n", f.verdict().level(),
                    f.msName(), f.separation_arcmin(), f.target().calibrator(), f.verdict().reasonText()));
            stage.end(cals.size());

            // per calibrator: rephase+predict, then predict of those already at it; for the listener, one stage
            StageTimer rephase = new StageTimer(listener, failures, times).open("rephase+predict");
            StageTimer predict = new StageTimer(StageListener.NONE, failures, times).open("predict");
            int rephased = 0;
            int predicted = 0;
            for (String name : new TreeSet<>(calibratorOf.values())) {
                CalibratorCatalogue.Calibrator c = catalogue.get(name);
                Set<Long> ids = failures.alive(ofCalibrator(calibratorOf, name));
                if (ids.isEmpty()) {
                    continue;
                }
                rephase.resume();
                String label = "calibrator " + name;
                RephaseOptions.Model model = new RephaseOptions.Model(List.of(c.component()),
                        s.bool("beam") ? beam : null, label);
                RephaseSummary r = RephaseJob.run(spark, new RephaseOptions(o.lake(), c.position(), label, in(ids),
                        RephaseOptions.COMPLEX_COLUMNS, s.number("rephase.tolerance_arcmin"), "snappy", model),
                        console);
                failures.addAll("rephase+predict", r.failures());
                rephase.pause();
                rephased += ids.size();
                Set<Long> atCalibrator = failures.alive(new TreeSet<>(r.withinTolerance()));
                if (!atCalibrator.isEmpty()) {
                    predict.resume();
                    failures.addAll("predict", PredictJob.run(spark, new PredictJob.Options(o.lake(),
                            model.components(), null, label, model.beam(), in(atCalibrator), "snappy"), console)
                            .failures());
                    predict.pause();
                    predicted += atCalibrator.size();
                }
            }
            rephase.end(rephased);
            predict.end(predicted);

            stage.start("solve " + K);
            stage.end(solve(spark, o.lake(), K, GainType.K, CalMode.AP, s.get("k.solint"), List.of(), false, s, cals,
                    failures, o.report(), console));
            stage.start("solve " + G);
            stage.end(solve(spark, o.lake(), G, GainType.G, CalMode.parse(s.get("g.calmode")), s.get("g.solint"),
                    List.of(K), false, s, cals, failures, o.report(), console));
            stage.start("solve " + B);
            stage.end(solve(spark, o.lake(), B, GainType.B, CalMode.AP, s.get("b.solint"), List.of(K, G),
                    s.bool("b.solnorm"), s, cals, failures, o.report(), console));
        }

        stage.start("apply");
        Set<Long> all = new TreeSet<>(cals);
        all.addAll(targets);
        Set<Long> toApply = failures.alive(all);
        if (!toApply.isEmpty()) {
            failures.addAll("apply", ApplyJob.run(spark, new ApplyJob.Options(o.lake(), List.of(K, G, B),
                    s.get("apply.interp"), in(toApply), "snappy"), console).failures());
        }
        stage.end(toApply.size());

        Set<Long> calsLeft = failures.alive(cals);
        if (!calsLeft.isEmpty()) {
            stage.start("diagnose after");
            DiagnoseJob.Summary d = DiagnoseJob.run(spark, new DiagnoseJob.Options(o.lake(), s.calibrator(), catalogue,
                    thresholds, beam, DiagnoseSettings.defaults().withDataColumn("corrected_data"), in(calsLeft),
                    o.report()), console);
            d.failures().forEach(f -> failures.add("diagnose after calibration", f));
            for (FieldOutcome f : d.fields()) {
                verdictOf.merge(f.msId(), f.verdict().level().name(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                verdicts.merge(f.verdict().level(), 1, Integer::sum);
            }
            stage.end(calsLeft.size());
        }
        if (o.report() != null) {
            for (String part : List.of(GAINS_REPORT, BEFORE_REPORT)) {
                if (Files.isDirectory(staged(o.report(), part))) {
                    Files.createDirectories(o.report());
                    Path dst = o.report().resolve(part);
                    deleteTree(dst);
                    Files.move(staged(o.report(), part), dst);
                    console.println("pipeline: " + (part.equals(GAINS_REPORT) ? "gain plots" : "diagnostics before"
                            + " calibration") + " in " + dst);
                }
            }
        }

        t = System.nanoTime();
        int finished = record(spark, lake, conf, failures.alive(all), calibratorOf, verdictOf);
        times.put("record", seconds(t));
        return new Summary(pending, cals.size(), targets.size(), finished, times, failures.list(), verdicts);
    }

    /** Solves table {@code table} on the calibrator observations still going; how many MS that was. */
    private static int solve(SparkSession spark, String lake, String table, GainType type, CalMode mode,
            String solint, List<String> pre, boolean solnorm, PipelineSettings s, Set<Long> cals, Failures failures,
            Path report, PrintStream console) throws IOException {
        Set<Long> ids = failures.alive(cals);
        if (ids.isEmpty()) {
            return 0;
        }
        SolveOptions so = SolveOptions.defaults(type).withCalMode(mode).withMinSnr(s.number("minsnr"))
                .withMinBlPerAnt((int) s.number("minblperant")).withSolnorm(solnorm);
        SolveJob.Summary r = SolveJob.run(spark, new SolveJob.Options(lake, table, so, s.get("refant"),
                Solint.parse(solint), Combine.NONE, pre, "linear", in(ids), 512L << 20,
                report == null ? null : staged(report, GAINS_REPORT)), console);
        failures.addAll("solve " + table, r.failures());
        return ids.size();
    }

    /**
     * Where a part of the report (gain plots, the diagnostics before calibration) is written before it moves into
     * the report directory, which the final diagnose replaces whole.
     */
    private static Path staged(Path report, String part) {
        return report.toAbsolutePath().resolveSibling("." + report.getFileName() + "." + part);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Splits the converted MS the pipeline has not finished ({@link PendingMs}) into calibrator observations and targets. */
    private static void classify(Lake lake, Configuration conf, Catalogue lakeCatalogue, CalibratorCatalogue catalogue,
            PrimaryBeam beam, String only, Set<Long> selected, Map<Long, String> calibratorOf, List<Long> targets)
            throws IOException {
        for (PendingMs.Pointing p : PendingMs.read(lake, conf, lakeCatalogue)) {
            if (selected != null && !selected.contains(p.msId())) {
                continue;
            }
            double freq = Double.isNaN(p.freq_hz()) ? 1.4e9 : p.freq_hz();
            List<CalibratorCatalogue.Calibrator> near = CalibratorChoice.inBeam(catalogue, beam, p.ra_rad(),
                    p.dec_rad(), freq);
            String name = near.stream().map(CalibratorCatalogue.Calibrator::name)
                    .filter(n -> only == null || n.equals(catalogue.get(only).name())).findFirst().orElse(null);
            if (name != null) {
                calibratorOf.put(p.msId(), name);
            } else {
                targets.add(p.msId());
            }
        }
    }

    private static int record(SparkSession spark, Lake lake, Configuration conf, Set<Long> done,
            Map<Long, String> calibratorOf, Map<Long, String> verdictOf) throws IOException {
        Catalogue catalogue = Catalogue.read(lake, conf);
        String runId = BatchCommitter.newRunId();
        String now = Instant.now().toString();
        List<GenericRecord> rows = new ArrayList<>();
        for (long id : done) {
            GenericRecord r = new GenericData.Record(LakeTable.PIPELINE.schema());
            r.put("ms_id", id);
            r.put("conversion", catalogue.get(id).conversion());
            r.put("role", calibratorOf.containsKey(id) ? "calibrator" : "target");
            r.put("calibrator", calibratorOf.get(id));
            r.put("gain_tables", String.join(",", K, G, B));
            r.put("verdict", verdictOf.get(id));
            r.put("run_id", runId);
            r.put("finished_utc", now);
            rows.add(r);
        }
        try {
            new ResultTables(lake, conf, runId).append(LakeTable.PIPELINE, rows);
        } finally {
            lake.fs().delete(lake.layout().stagingDir(runId), true);
        }
        return rows.size();
    }

    private static Set<Long> ofCalibrator(Map<Long, String> calibratorOf, String name) {
        return calibratorOf.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A --where selecting these MS. */
    static String in(Set<Long> ids) {
        return "ms_id IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The MS that failed a stage ("URI: reason" from the jobs), and which are still going. */
    private static final class Failures {
        private final List<String> messages = new ArrayList<>();
        private final Set<Long> failed = new TreeSet<>();
        private Map<String, Long> idOfUri = Map.of();

        void catalogue(Catalogue c) {
            Map<String, Long> m = new TreeMap<>();
            c.current().forEach((id, e) -> m.put(e.uri(), id));
            idOfUri = m;
        }

        void add(String stage, String failure) {
            for (Map.Entry<String, Long> e : idOfUri.entrySet()) {
                if (failure.startsWith(e.getKey() + ": ")) {
                    failed.add(e.getValue());
                }
            }
            messages.add(stage + ": " + failure);
        }

        void addUnmapped(String stage, String failure) {
            messages.add(stage + ": " + failure);
        }

        void addAll(String stage, List<String> failures) {
            failures.forEach(f -> add(stage, f));
        }

        Set<Long> alive(Set<Long> ids) {
            Predicate<Long> ok = id -> !failed.contains(id);
            return ids.stream().filter(ok).collect(Collectors.toCollection(TreeSet::new));
        }

        List<String> list() {
            return List.copyOf(messages);
        }

        int count() {
            return messages.size();
        }
    }

    /**
     * The wall time of one stage at a time, into the summary's stage times, and the listener told as it starts and
     * ends; a stage run in parts (rephase+predict, predict: per calibrator) is paused and resumed between them.
     */
    private static final class StageTimer {
        private final StageListener listener;
        private final Failures failures;
        private final Map<String, Double> times;
        private String name;
        private int failedBefore;
        private long startedNanos;

        StageTimer(StageListener listener, Failures failures, Map<String, Double> times) {
            this.listener = listener;
            this.failures = failures;
            this.times = times;
        }

        StageTimer start(String stage) throws IOException {
            open(stage);
            resume();
            return this;
        }

        /** Starts {@code stage} paused: its time counts from the next {@link #resume}. */
        StageTimer open(String stage) throws IOException {
            name = stage;
            failedBefore = failures.count();
            times.put(stage, 0.0);
            startedNanos = 0;
            listener.started(stage);
            return this;
        }

        void resume() {
            startedNanos = System.nanoTime();
        }

        void pause() {
            times.merge(name, seconds(startedNanos), Double::sum);
            startedNanos = 0;
        }

        void end(int ms) throws IOException {
            if (startedNanos != 0) {
                pause();
            }
            listener.ended(name, ms, failures.count() - failedBefore, times.get(name));
        }
    }
}
