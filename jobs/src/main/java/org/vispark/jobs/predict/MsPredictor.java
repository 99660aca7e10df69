package org.vispark.jobs.predict;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisibilityRewriter;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.ModelPredictor;

/**
 * Runs one {@link PredictTask} in a Spark task: rewrites the MS's visibility files ({@link VisibilityRewriter})
 * with MODEL_DATA predicted by {@link ModelPredictor} for each row's own phase centre (its field's PHASE_DIR), so
 * a model is never stale after rephasing. Rows without cells (DATA undefined) keep MODEL_DATA null.
 */
final class MsPredictor {
    private MsPredictor() {}

    /** Staged files and rows, or the reason the MS failed. */
    record Result(String error, long rows, List<StagedFile> files, double seconds) implements NewVersions.Result {}

    static Result run(PredictTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        try {
            Rows rows = new Rows(t);
            List<StagedFile> staged = VisibilityRewriter.rewrite(t.layout(), t.msId(), t.newConversion(), t.files(),
                    new Path(t.layout().stagingDir(t.runId()), attemptDir), t.codec(), conf, rows::apply);
            return new Result(null, staged.stream().mapToLong(StagedFile::rows).sum(), staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), 0, List.of(), seconds(t0));
        }
    }

    /** The per-row work, with one predictor per (field, spectral window, polarizations). */
    private static final class Rows {
        private final PredictTask task;
        private final Map<String, ModelPredictor> predictors = new HashMap<>();
        private final double[] uvw = new double[3];

        Rows(PredictTask task) {
            this.task = task;
        }

        @SuppressWarnings("unchecked")
        void apply(GenericRecord r) {
            int numPol = (Integer) r.get("num_pol");
            if (numPol == 0) {
                return;
            }
            if (numPol > 2) {
                throw new IllegalArgumentException("row " + r.get("row") + " has " + numPol + " correlations; predict"
                        + " models unpolarized sources for 1 or 2 parallel-hand correlations (XX, YY or RR, LL) only");
            }
            int field = (Integer) r.get("field_id");
            double[] centre = task.phaseCentres_rad().get(field);
            if (centre == null) {
                throw new IllegalArgumentException("row " + r.get("row") + " has FIELD_ID " + field
                        + ", which has no J2000 phase centre in the MS's FIELD table");
            }
            List<Double> u = (List<Double>) r.get("uvw");
            for (int i = 0; i < 3; i++) {
                uvw[i] = u.get(i);
            }
            byte[] model = predictor(field, (Integer) r.get("spw"), numPol).predictPacked(uvw, 0, centre[0], centre[1]);
            r.put("model_data", ByteBuffer.wrap(model));
        }

        private ModelPredictor predictor(int field, int spw, int numPol) {
            return predictors.computeIfAbsent(field + "/" + spw + "/" + numPol, k -> {
                double[] freqs = MsVersions.frequencies(task.chanFreqs_hz(), spw);
                double[] p = task.pointings_rad().get(field);
                RaDec pointing = task.beam() == null || p == null ? null : RaDec.j2000(p[0], p[1]);
                return new ModelPredictor(task.components(), freqs, numPol, task.beam(), pointing);
            });
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
