package org.vispark.jobs.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.jobs.lake.VisibilityRewriter;
import org.vispark.jobs.solve.Correctors;
import org.vispark.udfs.solve.GainCorrector;
import org.vispark.udfs.solve.Interpolation;
import org.vispark.udfs.vis.PackedCells;

/**
 * Runs one {@link ApplyTask} in a Spark task: rewrites the MS's visibility files with
 * {@code CORRECTED_DATA = DATA / (g_i conj(g_j))} of the tables ({@link GainCorrector}), and FLAG set where a
 * solution used is flagged (CASA applycal's default {@code applymode='calflag'}). Autocorrelations are corrected
 * too; rows without DATA are left as they are.
 */
final class MsApplier {
    private MsApplier() {}

    /** Staged files and rows, or the reason the MS failed. */
    record Result(String error, long rows, long newlyFlagged, List<StagedFile> files, double seconds)
            implements NewVersions.Result {}

    static Result run(ApplyTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        try {
            Map<String, GainCorrector> correctors = new HashMap<>();
            long[] flagged = {0};
            List<StagedFile> staged = VisibilityRewriter.rewrite(t.layout(), t.msId(), t.newConversion(), t.files(),
                    new Path(t.layout().stagingDir(t.runId()), attemptDir), t.codec(), conf, r -> {
                        byte[] dataCell = VisRecords.cell(r, "data");
                        if (dataCell == null) {
                            return;
                        }
                        int spw = VisRecords.integer(r, "spw");
                        int numPol = VisRecords.integer(r, "num_pol");
                        int values = VisRecords.integer(r, "num_chan") * numPol;
                        GainCorrector c = correctors.computeIfAbsent(spw + "/" + numPol, k -> Correctors.forWindow(
                                t.tables(), spw, t.numAnt(), numPol, t.chanFreqs_hz(), Interpolation.parse(t.interp())));
                        float[] vis = PackedCells.unpackFloats(dataCell);
                        byte[] flagCell = VisRecords.cell(r, "flag");
                        boolean[] flags = flagCell == null ? new boolean[values] : PackedCells.unpackFlags(flagCell, values);
                        int before = count(flags);
                        c.correct(VisRecords.integer(r, "antenna1"), VisRecords.integer(r, "antenna2"),
                                VisRecords.time(r), vis, flags);
                        flagged[0] += count(flags) - before;
                        r.put("corrected_data", ByteBuffer.wrap(PackedCells.packFloats(vis, 0, vis.length)));
                        r.put("flag", ByteBuffer.wrap(PackedCells.packFlags(flags, 0, values)));
                    });
            return new Result(null, staged.stream().mapToLong(StagedFile::rows).sum(), flagged[0], staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), 0, 0, List.of(), seconds(t0));
        }
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
