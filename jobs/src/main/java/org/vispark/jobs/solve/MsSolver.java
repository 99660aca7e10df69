package org.vispark.jobs.solve;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.MsRows;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.udfs.solve.GainCorrector;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.Interpolation;
import org.vispark.udfs.solve.Solution;
import org.vispark.udfs.solve.SolveGroup;
import org.vispark.udfs.solve.SolveGroupBuilder;
import org.vispark.udfs.solve.Solver;
import org.vispark.udfs.sky.PhaseCentrePoint;
import org.vispark.udfs.vis.ParallelHands;

/**
 * Runs one {@link SolveTask} in a Spark task: groups the MS's unflagged cross-correlation rows by (spectral window,
 * scan unless combined, field unless combined, solution interval), accumulates each group with its pre-applied
 * tables ({@link SolveGroupBuilder}) and solves it ({@link Solver}); with combine spw, the groups of one interval in
 * all windows are accumulated in the same pass and solved as one ({@link SolveGroup#windowsCombined}). A first pass reads only the grouping columns;
 * the groups are then accumulated in as many passes over the data as the memory budget needs
 * ({@link SolveGroupBuilder#bytes} per group; G's groups keep only sums over channels, so all its solution intervals
 * usually fit in one pass), each reading only the columns a solve uses. A row without MODEL_DATA is solved against
 * a 1 Jy unpolarized point at the phase centre ({@link PhaseCentrePoint}), as CASA's gaincal does; the result counts
 * those rows. The solvers see the parallel hands of each cell ({@link ParallelHands}): the gains are per antenna and
 * feed (polarization p of the gains = the p-th parallel hand, X/Y or R/L), and cross hands (XY YX, RL LR) are left
 * out of the solve. An MS with a spectral window of fewer than 3 antennas with unflagged cross-correlations is
 * refused, naming the window: its one baseline cannot give antenna gains.
 */
final class MsSolver {
    private MsSolver() {}

    /** The solutions of one group. */
    record SolvedGroup(int fieldId, double interval_s, List<Solution> solutions) implements Serializable {}

    /**
     * The groups solved, or the reason the MS failed.
     *
     * @param rowsWithoutModel rows solved against the 1 Jy point at the phase centre for want of MODEL_DATA
     * @param seconds      the whole task
     * @param solveSeconds of which in the solver (the rest reads and accumulates the data)
     */
    record Result(String error, List<SolvedGroup> groups, long rows, long rowsWithoutModel, double seconds,
            double solveSeconds)
            implements Serializable {}

    private record Key(int spw, int scan, int field, long interval) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Integer.compare(spw, o.spw);
            c = c != 0 ? c : Integer.compare(scan, o.scan);
            c = c != 0 ? c : Integer.compare(field, o.field);
            return c != 0 ? c : Long.compare(interval, o.interval);
        }
    }

    /** What the first pass learns of a group. */
    private static final class Extent {
        int numPol;
        int field;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        double integration;

        /** The extent of several groups solved together (combine spw): a field of theirs, their time span. */
        static Extent union(List<Extent> parts) {
            Extent u = new Extent();
            for (Extent e : parts) {
                u.field = e.field;
                u.first = Math.min(u.first, e.first);
                u.last = Math.max(u.last, e.last);
                u.integration = Math.max(u.integration, e.integration);
            }
            return u;
        }
    }

    /** The columns the accumulating passes read. */
    private static final List<String> SOLVE_COLUMNS = List.of("row", "time", "antenna1", "antenna2", "field_id", "spw",
            "scan_number", "pol_id", "num_pol", "flag_row", "data", "model_data", "flag", "weight");

    /** The columns the first pass reads. */
    private static final List<String> GROUPING_COLUMNS = List.of("row", "time", "interval", "antenna1", "antenna2",
            "field_id", "spw", "scan_number", "pol_id", "num_pol", "flag_row");

    static Result run(SolveTask t, Configuration conf) {
        long t0 = System.nanoTime();
        try {
            Map<Key, Extent> extents = new TreeMap<>();
            Map<Integer, Set<Integer>> antennas = new TreeMap<>(); // by spw
            long[] rows = {0};
            MsRows.forEach(t.layout(), t.files(), conf, GROUPING_COLUMNS, r -> {
                if (!usable(r)) {
                    return;
                }
                Set<Integer> a = antennas.computeIfAbsent(VisRecords.integer(r, "spw"), spw -> new TreeSet<>());
                a.add(VisRecords.integer(r, "antenna1"));
                a.add(VisRecords.integer(r, "antenna2"));
                Extent e = extents.computeIfAbsent(key(t, r), k -> new Extent());
                double time = VisRecords.time(r);
                e.numPol = hands(t, VisRecords.integer(r, "pol_id")).feeds();
                e.field = VisRecords.integer(r, "field_id");
                e.first = Math.min(e.first, time);
                e.last = Math.max(e.last, time);
                Object interval = r.get("interval");
                e.integration = interval == null ? 0 : (Double) interval;
                rows[0]++;
            });
            if (extents.isEmpty()) {
                throw new IllegalArgumentException("no unflagged cross-correlation rows with DATA");
            }
            requireThreeAntennas(antennas);
            List<SolvedGroup> out = new ArrayList<>();
            long solving = 0;
            long withoutModel = 0;
            Map<Key, List<Key>> bySolve = new TreeMap<>(); // the groups of one solve (several windows with combine spw)
            for (Key k : extents.keySet()) {
                bySolve.computeIfAbsent(solveKey(t, k), x -> new ArrayList<>()).add(k);
            }
            List<List<Key>> pending = new ArrayList<>(bySolve.values());
            List<PreTable> pre = ShippedTables.values(t.pre());
            while (!pending.isEmpty()) {
                List<List<Key>> solves = new ArrayList<>();
                long bytes = 0;
                while (!pending.isEmpty()) {
                    long b = 0;
                    for (Key k : pending.get(0)) {
                        double[] freqs = MsVersions.frequencies(t.chanFreqs_hz(), k.spw());
                        b += combinesChannels(t) ? SolveGroupBuilder.bytesCombined(t.numAnt(), extents.get(k).numPol)
                                : SolveGroupBuilder.bytes(t.numAnt(), freqs.length, extents.get(k).numPol);
                    }
                    if (!solves.isEmpty() && bytes + b > t.memoryBudget_bytes()) {
                        break;
                    }
                    solves.add(pending.remove(0));
                    bytes += b;
                }
                Map<Key, SolveGroupBuilder> pass = new LinkedHashMap<>();
                solves.forEach(keys -> keys.forEach(k -> pass.put(k, null)));
                withoutModel += accumulate(t, pre, conf, pass, extents);
                long s0 = System.nanoTime();
                for (List<Key> keys : solves) {
                    List<SolveGroup> groups = keys.stream().map(k -> pass.get(k).build()).toList();
                    SolveGroup g = t.combine().spw() ? SolveGroup.windowsCombined(groups) : groups.get(0);
                    Extent x = Extent.union(keys.stream().map(extents::get).toList());
                    out.add(new SolvedGroup(x.field, t.solint().length_s(x.last - x.first + x.integration),
                            Solver.solve(g, t.options())));
                }
                solving += System.nanoTime() - s0;
            }
            return new Result(null, out, rows[0], withoutModel, seconds(t0), solving / 1e9);
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), List.of(), 0, 0, seconds(t0), 0);
        }
    }

    /**
     * One pass over the data, adding the rows of the groups of {@code pass} to new builders; returns the rows added
     * without MODEL_DATA.
     */
    private static long accumulate(SolveTask t, List<PreTable> pre, Configuration conf,
            Map<Key, SolveGroupBuilder> pass, Map<Key, Extent> extents) throws IOException {
        Map<Integer, GainCorrector> correctors = new HashMap<>();
        for (Key k : pass.keySet()) {
            int numPol = extents.get(k).numPol;
            GainCorrector c = pre.isEmpty() ? null : correctors.computeIfAbsent(k.spw(), spw -> Correctors
                    .forWindow(pre, spw, t.numAnt(), numPol, t.chanFreqs_hz(), Interpolation.parse(t.interp())));
            double[] freqs = MsVersions.frequencies(t.chanFreqs_hz(), k.spw());
            pass.put(k, combinesChannels(t) ? SolveGroupBuilder.channelsCombined(k.spw(), t.numAnt(), freqs, numPol, c)
                    : new SolveGroupBuilder(k.spw(), t.numAnt(), freqs, numPol, c));
        }
        Map<List<Integer>, byte[]> defaultModels = new HashMap<>(); // by (pol_id, spw)
        long[] withoutModel = {0};
        MsRows.forEach(t.layout(), t.files(), conf, SOLVE_COLUMNS, r -> {
            if (!usable(r)) {
                return;
            }
            SolveGroupBuilder b = pass.get(key(t, r));
            if (b != null) {
                int polId = VisRecords.integer(r, "pol_id");
                int spw = VisRecords.integer(r, "spw");
                byte[] model = VisRecords.cell(r, "model_data");
                if (model == null) {
                    model = defaultModels.computeIfAbsent(List.of(polId, spw), k -> phaseCentrePoint(t, polId, spw));
                    withoutModel[0]++;
                }
                byte[] data = VisRecords.cell(r, "data");
                byte[] flags = VisRecords.cell(r, "flag");
                float[] weight = VisRecords.floats(r, "weight");
                ParallelHands hands = hands(t, polId);
                if (!hands.isWholeCell()) {
                    int numChan = MsVersions.frequencies(t.chanFreqs_hz(), spw).length;
                    data = hands.complexCell(data, numChan);
                    model = hands.complexCell(model, numChan);
                    flags = flags == null ? null : hands.flagCell(flags, numChan);
                    weight = hands.perCorrelation(weight);
                }
                b.addPackedRow(VisRecords.integer(r, "antenna1"), VisRecords.integer(r, "antenna2"), VisRecords.time(r),
                        data, model, flags, weight);
            }
        });
        return withoutModel[0];
    }

    /** The 1 Jy point at the phase centre as a cell of polarization setup {@code polId} and window {@code spw}. */
    private static byte[] phaseCentrePoint(SolveTask t, int polId, int spw) {
        return PhaseCentrePoint.packedCell(MsVersions.frequencies(t.chanFreqs_hz(), spw).length, corrTypes(t, polId));
    }

    private static ParallelHands hands(SolveTask t, int polId) {
        return ParallelHands.of(corrTypes(t, polId));
    }

    private static int[] corrTypes(SolveTask t, int polId) {
        int[] corrTypes = t.corrTypes().get(polId);
        if (corrTypes == null) {
            throw new IllegalArgumentException("polarization setup " + polId + " is not in the MS's POLARIZATION table");
        }
        return corrTypes;
    }

    /**
     * Antenna gains need closed triangles: with 2 antennas, one baseline determines only the product
     * {@code g_1 conj(g_2)}.
     */
    private static void requireThreeAntennas(Map<Integer, Set<Integer>> antennasBySpw) {
        for (Map.Entry<Integer, Set<Integer>> e : antennasBySpw.entrySet()) {
            if (e.getValue().size() < 3) {
                throw new IllegalArgumentException("spectral window " + e.getKey() + " has " + e.getValue().size()
                        + " antennas with unflagged cross-correlations " + e.getValue()
                        + ": one baseline cannot be solved (gains need 3 antennas)");
            }
        }
    }

    /** G solves one gain for all channels, so its groups keep only the sums over channels. */
    private static boolean combinesChannels(SolveTask t) {
        return t.options().gainType() == GainType.G;
    }

    private static boolean usable(GenericRecord r) {
        return VisRecords.integer(r, "antenna1") != VisRecords.integer(r, "antenna2")
                && VisRecords.integer(r, "num_pol") > 0 && !VisRecords.rowFlagged(r);
    }

    /** The solve a group is part of: itself, or with combine spw, the same interval of every window. */
    private static Key solveKey(SolveTask t, Key k) {
        return t.combine().spw() ? new Key(-1, k.scan(), k.field(), k.interval()) : k;
    }

    private static Key key(SolveTask t, GenericRecord r) {
        Object scan = r.get("scan_number");
        return new Key(VisRecords.integer(r, "spw"), t.combine().scan() || scan == null ? -1 : (Integer) scan,
                t.combine().field() ? -1 : VisRecords.integer(r, "field_id"),
                t.solint().index(VisRecords.time(r), t.timeStart_mjdSec()));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
