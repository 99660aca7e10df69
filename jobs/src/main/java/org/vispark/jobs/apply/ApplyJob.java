package org.vispark.jobs.apply;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.SelectedMs;
import org.vispark.jobs.solve.GainRecords;
import org.vispark.jobs.solve.PreTable;
import org.vispark.jobs.solve.ShippedTables;
import org.vispark.udfs.solve.Interpolation;
import org.vispark.udfs.solve.Solution;

/**
 * {@code vispark apply}: CORRECTED_DATA of the selected MS from gains tables, each MS a new version committed
 * atomically ({@link BatchCommitter}; {@link MsApplier} per task).
 *
 * <p>Which solutions an MS gets, per table: its own, when the table was solved on it; otherwise those of the MS
 * solved on whose solutions lie nearest in time before and after the MS's middle (or the nearest one on one side),
 * evaluated at each row's time by {@code --interp} (nearest or linear; before the first and after the last solution,
 * that solution). So a table solved on the calibrator observations of a night applies to its targets. A table solved
 * with combine spw corrects every window with its one window's solutions (CASA's {@code spwmap=[n, n, ...]}); the
 * map is printed.
 */
public final class ApplyJob {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApplyJob() {}

    public record Options(String lake, List<String> tables, String interp, String where, String codec) {
        public Options {
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("--tables needs at least one gains table");
            }
            Interpolation.parse(interp);
        }
    }

    /** MS selected, MS corrected, failures with reasons, rows written, values newly flagged by flagged solutions. */
    public record Summary(int selected, int applied, List<String> failures, long rows, long newlyFlagged,
            double seconds) {}

    public static Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        SelectedMs ms = SelectedMs.select(spark, o.lake(), o.where(), false);
        Map<Long, List<PreTable>> solved = GainRecords.read(ms.lake(), ms.catalogue(), ms.conf(), o.tables());
        console.printf(Locale.ROOT, "apply: %d MS selected; tables %s, interp %s%n", ms.ids().size(), o.tables(),
                o.interp());
        SelectedMs.Current current = ms.current();
        List<String> failures = new ArrayList<>();
        List<ApplyTask> tasks = new ArrayList<>();
        Set<String> mapped = new HashSet<>(); // the choices whose spwmap was printed
        ShippedTables shipped = new ShippedTables(spark);
        for (long id : ms.ids()) {
            CatalogueEntry e = ms.catalogue().get(id);
            Map<LakeTable, List<GenericRecord>> tables = current.subtables(id);
            try {
                Map<Integer, double[]> windows = MsVersions.frequencies(tables.get(LakeTable.SPECTRAL_WINDOWS));
                List<ShippedTables.Shipped> chosen = new ArrayList<>();
                for (String name : o.tables()) {
                    Choice c = choose(name, id, mid(e), solved);
                    if (c.first().spwCombined() && mapped.add(c.key())) {
                        console.printf(Locale.ROOT, "apply: %s was solved with combine spw; spwmap (window: solutions"
                                + " of window) %s%n", c.key(), c.first().spwMap(windows.keySet()));
                    }
                    chosen.add(shipped.ship(c.key(), c::table));
                }
                tasks.add(new ApplyTask(id, e.uri(), e.conversion(), RANDOM.nextLong() & Long.MAX_VALUE,
                        current.files(id), chosen, windows,
                        MsVersions.corrTypes(tables.get(LakeTable.POLARIZATIONS)),
                        tables.getOrDefault(LakeTable.ANTENNAS, List.of()).size(), o.interp(), current.runId(),
                        ms.lake().layout(), o.codec()));
            } catch (IllegalArgumentException x) {
                failures.add(e.uri() + ": " + x.getMessage());
            }
        }

        List<MsApplier.Result> done;
        try {
            done = NewVersions.run(spark, current.newVersions(ConvertJob.VERSION), tasks, MsApplier::run,
                    t -> (table, row) -> { }, failures, "apply", console);
        } finally {
            shipped.close();
        }
        return new Summary(ms.ids().size(), done.size(), failures,
                done.stream().mapToLong(MsApplier.Result::rows).sum(),
                done.stream().mapToLong(MsApplier.Result::newlyFlagged).sum(), (System.nanoTime() - t0) / 1e9);
    }

    private static double mid(CatalogueEntry e) {
        double a = e.timeStart() == null ? 0 : e.timeStart();
        double b = e.timeEnd() == null ? a : e.timeEnd();
        return (a + b) / 2;
    }

    /**
     * The solutions chosen for an MS: one MS's table, or two MS's merged; {@code key} names them (the MS of the
     * same choice share one table).
     */
    record Choice(String key, PreTable first, PreTable second) {
        PreTable table() {
            if (second == null) {
                return first;
            }
            List<Solution> both = new ArrayList<>(first.solutions());
            both.addAll(second.solutions());
            both.sort(Comparator.comparingDouble(Solution::time_mjdSec));
            if (first.spwCombined() != second.spwCombined()) {
                throw new IllegalArgumentException("gains table " + first.name() + " was solved with combine spw on"
                        + " one of the MS " + key + " and per window on the other");
            }
            return new PreTable(first.name(), first.type(), both, first.spwCombined());
        }
    }

    /** The solutions of table {@code name} for MS {@code id} (see the class comment). */
    static Choice choose(String name, long id, double mid_mjdSec, Map<Long, List<PreTable>> solved) {
        PreTable own = find(solved.get(id), name);
        if (own != null) {
            return new Choice(name + " of MS " + id, own, null);
        }
        PreTable before = null;
        long beforeMs = -1;
        double beforeTime = Double.NEGATIVE_INFINITY;
        PreTable after = null;
        long afterMs = -1;
        double afterTime = Double.POSITIVE_INFINITY;
        for (Map.Entry<Long, List<PreTable>> ms : solved.entrySet()) {
            PreTable t = find(ms.getValue(), name);
            if (t == null || t.solutions().isEmpty()) {
                continue;
            }
            double time = t.solutions().stream().mapToDouble(Solution::time_mjdSec).average().orElseThrow();
            if (time <= mid_mjdSec && time > beforeTime) {
                before = t;
                beforeMs = ms.getKey();
                beforeTime = time;
            } else if (time > mid_mjdSec && time < afterTime) {
                after = t;
                afterMs = ms.getKey();
                afterTime = time;
            }
        }
        if (before == null && after == null) {
            throw new IllegalArgumentException("gains table " + name + " has no solutions to apply");
        }
        if (before == null || after == null) {
            return before != null ? new Choice(name + " of MS " + beforeMs, before, null)
                    : new Choice(name + " of MS " + afterMs, after, null);
        }
        return new Choice(name + " of MS " + beforeMs + " and " + afterMs, before, after);
    }

    private static PreTable find(List<PreTable> tables, String name) {
        if (tables == null) {
            return null;
        }
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
