package org.vispark.jobs.solve;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsTasks;
import org.vispark.jobs.lake.TimeLeft;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.ResultTables;
import org.vispark.jobs.lake.SelectedMs;
import org.vispark.udfs.solve.ReferenceAntenna;
import org.vispark.udfs.solve.Solution;
import org.vispark.udfs.solve.SolveOptions;

/**
 * {@code vispark solve}: antenna gains of every selected MS in one Spark job, one task per MS ({@link MsSolver});
 * each MS's groups are (spectral window, scan, field, solution interval) as CASA forms them, solved with earlier
 * tables of the same MS pre-applied. Solutions go to the lake's {@code gains} table under the table name (one file
 * per batch of MS, {@link ResultTables}); a solution below minsnr or with too few baselines is written flagged. An
 * MS that cannot be solved (no MODEL_DATA, a pre-applied table without its solutions, ...) is reported with the
 * reason; the others go on.
 */
public final class SolveJob {
    private SolveJob() {}

    /**
     * @param refant       reference antenna: a name, an index or "auto"
     * @param pre          gains tables to pre-apply, in order
     * @param memoryBudget_bytes solve groups one task holds at once
     * @param plots        directory for PNG plots of the solutions, or null
     */
    public record Options(String lake, String tableName, SolveOptions solve, String refant, Solint solint,
            Combine combine, List<String> pre, String interp, String where,
            long memoryBudget_bytes, Path plots) {}

    /**
     * The outcome.
     *
     * @param keptFraction unflagged / all solutions of each MS solved, by MS URI
     * @param taskSeconds  summed over the tasks: reading and accumulating the data, and solving
     */
    public record Summary(int selected, int solved, List<String> failures, long solutions, long kept,
            Map<String, Double> keptFraction, double seconds, double[] taskSeconds) {}

    public static Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        SelectedMs ms = SelectedMs.select(spark, o.lake(), o.where(), false);
        Map<Long, List<PreTable>> pre = GainRecords.read(ms.lake(), ms.catalogue(), ms.conf(), o.pre());
        console.printf(Locale.ROOT, "solve: %d MS selected; table %s: gaintype %s calmode %s solint %s combine %s"
                + " refant %s minsnr %s%s%n", ms.ids().size(), o.tableName(), o.solve().gainType(), calMode(o),
                o.solint(), o.combine(), o.refant(), o.solve().minSnr(), o.pre().isEmpty() ? "" : "; pre-applied " + o.pre());
        SelectedMs.Current current = ms.current();
        List<String> failures = new ArrayList<>();
        List<SolveTask> tasks = new ArrayList<>();
        Map<Long, Map<Integer, String>> antennaNames = new HashMap<>();
        ShippedTables shipped = new ShippedTables(spark);
        for (long id : ms.ids()) {
            CatalogueEntry e = ms.catalogue().get(id);
            Map<LakeTable, List<GenericRecord>> tables = current.subtables(id);
            List<GenericRecord> antennas = tables.getOrDefault(LakeTable.ANTENNAS, List.of());
            String[] names = new String[antennas.size()];
            Map<Integer, String> byId = new HashMap<>();
            for (GenericRecord a : antennas) {
                int ant = (Integer) a.get("antenna_id");
                byId.put(ant, String.valueOf(a.get("name")));
                if (ant < names.length) {
                    names[ant] = String.valueOf(a.get("name"));
                }
            }
            antennaNames.put(id, byId);
            List<PreTable> mine = pre.getOrDefault(id, List.of());
            try {
                if (mine.size() != o.pre().size()) {
                    throw new IllegalArgumentException("pre-applied tables " + o.pre() + ": only "
                            + mine.stream().map(PreTable::name).toList() + " have solutions for this MS");
                }
                SolveOptions so = o.solve().withRefant(ReferenceAntenna.parse(o.refant(), names));
                tasks.add(new SolveTask(id, e.uri(), e.conversion(), current.files(id),
                        MsVersions.frequencies(tables.get(LakeTable.SPECTRAL_WINDOWS)),
                        MsVersions.corrTypes(tables.get(LakeTable.POLARIZATIONS)), names.length,
                        e.timeStart() == null ? 0 : e.timeStart(), o.solint(), o.combine(), so,
                        mine.stream().map(pt -> shipped.ship(pt.name() + " of MS " + id, () -> pt)).toList(), o.interp(),
                        o.memoryBudget_bytes(), ms.lake().layout()));
            } catch (IllegalArgumentException x) {
                failures.add(e.uri() + ": " + x.getMessage());
            }
        }

        ResultTables results = new ResultTables(ms.lake(), ms.conf(), current.runId());
        String now = Instant.now().toString();
        Map<String, Double> kept = new LinkedHashMap<>();
        List<GenericRecord> plotted = new ArrayList<>();
        long[] counts = {0, 0}; // solutions, unflagged
        double[] taskSeconds = new double[2];
        try {
            long started = System.nanoTime();
            MsTasks.run(spark, tasks, (t, c, attempt) -> MsSolver.run(t, c), (part, rs, done) -> {
                List<GenericRecord> rows = new ArrayList<>();
                for (int i = 0; i < part.size(); i++) {
                    SolveTask t = part.get(i);
                    MsSolver.Result r = rs.get(i);
                    if (r.error() != null) {
                        failures.add(t.uri() + ": " + r.error());
                        continue;
                    }
                    GainRecords.Source src = new GainRecords.Source(t.msId(), t.conversion(), current.runId(),
                            o.tableName(), o.solve().gainType(), calMode(o), o.combine().spw(), now);
                    long all = 0;
                    long good = 0;
                    for (MsSolver.SolvedGroup g : r.groups()) {
                        for (Solution s : g.solutions()) {
                            rows.add(GainRecords.record(src, s, g.fieldId(), g.interval_s(),
                                    antennaNames.get(t.msId()).get(s.antenna())));
                            all++;
                            good += s.flagged() ? 0 : 1;
                        }
                    }
                    kept.put(t.uri(), all == 0 ? 0 : good / (double) all);
                    if (r.rowsWithoutModel() > 0) {
                        console.printf(Locale.ROOT, "solve: %s: %d of %d rows have no MODEL_DATA; solved against a 1 Jy"
                                + " point source at the phase centre, as CASA's gaincal does%n", t.uri(),
                                r.rowsWithoutModel(), r.rows());
                    }
                    taskSeconds[0] += r.seconds() - r.solveSeconds();
                    taskSeconds[1] += r.solveSeconds();
                    counts[0] += all;
                    counts[1] += good;
                }
                results.append(LakeTable.GAINS, rows);
                if (o.plots() != null && plotted.size() < SolvePlots.MAX_ROWS) {
                    plotted.addAll(rows.subList(0, Math.min(rows.size(), SolvePlots.MAX_ROWS - plotted.size())));
                }
                console.printf(Locale.ROOT, "solve: %d/%d MS done, %d failed, %d solutions (%.1f%% kept)%s%n", done,
                        tasks.size(), failures.size(), counts[0], counts[0] == 0 ? 0 : 100.0 * counts[1] / counts[0],
                        TimeLeft.of(done, tasks.size(), started));
            });
        } finally {
            shipped.close();
            ms.lake().fs().delete(ms.lake().layout().stagingDir(current.runId()), true);
        }
        if (o.plots() != null) {
            SolvePlots.write(o.plots(), o.tableName(), o.solve().gainType(), plotted, kept);
            console.println("solve: plots in " + o.plots());
        }
        return new Summary(ms.ids().size(), kept.size(), failures, counts[0], counts[1], kept,
                (System.nanoTime() - t0) / 1e9, taskSeconds);
    }

    private static String calMode(Options o) {
        return o.solve().calMode().name().toLowerCase(Locale.ROOT);
    }
}
