package org.vispark.jobs.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisFields;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.jobs.lake.VisibilityRewriter;
import org.vispark.jobs.solve.Correctors;
import org.vispark.jobs.solve.PreTable;
import org.vispark.jobs.solve.ShippedTables;
import org.vispark.udfs.solve.FeedGainCorrector;
import org.vispark.udfs.solve.GainCorrector;
import org.vispark.udfs.solve.Interpolation;
import org.vispark.udfs.solve.RowCorrector;
import org.vispark.udfs.vis.ParallelHands;
import org.vispark.udfs.vis.PackedCells;

/**
 * Runs one {@link ApplyTask} in a Spark task: rewrites the MS's visibility files with
 * {@code CORRECTED_DATA = DATA / (g_i conj(g_j))} of the tables ({@link GainCorrector}; with cross hands, correlation
 * pq takes {@code g_ip conj(g_jq)}, {@link FeedGainCorrector}), and FLAG set where a
 * solution used is flagged (CASA applycal's default {@code applymode='calflag'}). Autocorrelations are corrected
 * too; rows without DATA keep their FLAG and get no CORRECTED_DATA (null).
 */
final class MsApplier {
    /**
     * Columns apply does not read: MODEL_DATA (of a calibrator observation: as large as DATA) and WEIGHT_SPECTRUM, which
     * it does not need, and CORRECTED_DATA, which it sets (null on rows without DATA).
     */
    private static final Set<String> UNREAD = Set.of("model_data", "weight_spectrum", "corrected_data");

    private MsApplier() {}

    /** Staged files and rows, or the reason the MS failed. */
    record Result(String error, long rows, long newlyFlagged, List<StagedFile> files, double seconds)
            implements NewVersions.Result {

        @Override
        public Result join(NewVersions.Result next) {
            Result n = (Result) next;
            return new Result(null, rows + n.rows, newlyFlagged + n.newlyFlagged, StagedFile.concat(files, n.files),
                    seconds + n.seconds);
        }
    }

    /**
     * The corrector of one (spectral window, polarizations) and its row scratch: the unpacked values and flags, and
     * the buffers of the packed CORRECTED_DATA and FLAG cells, reused from row to row (the writer copies a row's
     * cells as it writes the row).
     */
    private record Window(RowCorrector corrector, float[] vis, boolean[] flags, ByteBuffer correctedCell,
            ByteBuffer flagCell) {
        Window(RowCorrector corrector, int values) {
            this(corrector, new float[2 * values], new boolean[values],
                    ByteBuffer.allocate(PackedCells.complexBytes(values)).order(ByteOrder.LITTLE_ENDIAN),
                    ByteBuffer.allocate(PackedCells.flagBytes(values)));
        }
    }

    private record WindowKey(int spw, int polId) {}

    static Result run(ApplyTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        try {
            List<PreTable> tables = ShippedTables.values(t.tables());
            Map<WindowKey, Window> windows = new HashMap<>();
            long[] flagged = {0};
            List<StagedFile> staged = VisibilityRewriter.rewriteColumns(t.layout(), t.msId(), t.newConversion(),
                    t.files(), List.of("corrected_data", "flag"), UNREAD, new Path(t.layout().stagingDir(t.runId()), attemptDir),
                    t.codec(), conf, r -> {
                        byte[] dataCell = VisRecords.cell(r, VisFields.DATA);
                        if (dataCell == null) {
                            return;
                        }
                        int spw = VisRecords.integer(r, VisFields.SPW);
                        int numPol = VisRecords.integer(r, VisFields.NUM_POL);
                        int values = VisRecords.integer(r, VisFields.NUM_CHAN) * numPol;
                        int polId = VisRecords.integer(r, VisFields.POL_ID);
                        Window w = windows.computeIfAbsent(new WindowKey(spw, polId), k -> new Window(
                                corrector(t, tables, spw, polId, numPol), values));
                        PackedCells.unpackFloats(dataCell, w.vis());
                        int ant1 = VisRecords.integer(r, VisFields.ANTENNA1);
                        int ant2 = VisRecords.integer(r, VisFields.ANTENNA2);
                        double time_mjdSec = VisRecords.timeAt(r);
                        byte[] flagCell = VisRecords.cell(r, VisFields.FLAG);
                        // FLAG changes only where a solution used is flagged; elsewhere its cell is kept as read
                        boolean flagging = flagCell == null || w.corrector().flags(ant1, ant2, time_mjdSec);
                        if (flagCell == null) {
                            Arrays.fill(w.flags(), false);
                        } else if (flagging) {
                            PackedCells.unpackFlags(flagCell, values, w.flags());
                        }
                        flagged[0] += w.corrector().correct(ant1, ant2, time_mjdSec, w.vis(), w.flags());
                        PackedCells.putFloats(w.vis(), 0, w.vis().length, w.correctedCell().clear());
                        r.put(VisFields.CORRECTED_DATA, w.correctedCell().flip());
                        if (flagging) {
                            PackedCells.putFlags(w.flags(), 0, values, w.flagCell().clear());
                            r.put(VisFields.FLAG, w.flagCell().flip());
                        }
                    });
            return new Result(null, staged.stream().mapToLong(StagedFile::rows).sum(), flagged[0], staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), 0, 0, List.of(), seconds(t0));
        }
    }

    /**
     * Cells of parallel hands only take each polarization's gains ({@link GainCorrector}); cells with cross hands the
     * gains of each correlation's two feeds ({@link FeedGainCorrector}), the tables' polarizations being the feeds.
     */
    private static RowCorrector corrector(ApplyTask t, List<PreTable> tables, int spw, int polId, int numPol) {
        int[] corrTypes = t.corrTypes().get(polId);
        if (corrTypes == null || corrTypes.length != numPol) {
            throw new IllegalArgumentException("polarization setup " + polId + " is not in the MS's POLARIZATION table"
                    + " with " + numPol + " correlations");
        }
        ParallelHands hands = ParallelHands.of(corrTypes);
        Interpolation interp = Interpolation.parse(t.interp());
        return hands.isWholeCell() ? Correctors.forWindow(tables, spw, t.numAnt(), numPol, t.chanFreqs_hz(), interp)
                : Correctors.forFeeds(tables, spw, t.numAnt(), hands, t.chanFreqs_hz(), interp);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
