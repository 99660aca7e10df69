package org.vispark.jobs.predict;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisibilityRewriter;

/**
 * Runs one {@link PredictTask} in a Spark task: rewrites the MS's visibility files ({@link VisibilityRewriter})
 * with MODEL_DATA predicted by {@link ModelRows} for each row's own phase centre (its field's PHASE_DIR), so a model
 * is never stale after rephasing.
 */
final class MsPredictor {
    /**
     * The cell columns predict does not read: it needs a row's UVW and metadata only, and sets MODEL_DATA on every row.
     */
    private static final Set<String> UNREAD = Set.of("data", "flag", "weight_spectrum", "model_data",
            "corrected_data");

    private MsPredictor() {}

    /** Staged files and rows, or the reason the MS failed. */
    record Result(String error, long rows, List<StagedFile> files, double seconds) implements NewVersions.Result {

        @Override
        public Result join(NewVersions.Result next) {
            Result n = (Result) next;
            return new Result(null, rows + n.rows, StagedFile.concat(files, n.files), seconds + n.seconds);
        }
    }

    static Result run(PredictTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        try {
            ModelRows rows = new ModelRows(t.model(), t.phaseCentres_rad(), t.chanFreqs_hz());
            List<StagedFile> staged = VisibilityRewriter.rewriteColumns(t.layout(), t.msId(), t.newConversion(),
                    t.files(), List.of("model_data"), UNREAD, new Path(t.layout().stagingDir(t.runId()), attemptDir),
                    t.codec(), conf, rows::apply);
            return new Result(null, staged.stream().mapToLong(StagedFile::rows).sum(), staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), 0, List.of(), seconds(t0));
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
