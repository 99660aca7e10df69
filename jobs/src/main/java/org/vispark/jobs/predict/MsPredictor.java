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
import org.vispark.jobs.lake.VisFields;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.jobs.lake.VisibilityRewriter;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.ModelPredictor;

/**
 * Runs one {@link PredictTask} in a Spark task: rewrites the MS's visibility files ({@link VisibilityRewriter})
 * with MODEL_DATA predicted by {@link ModelPredictor} for each row's own phase centre (its field's PHASE_DIR), so
 * a model is never stale after rephasing, and for its own correlations (its POLARIZATION row's CORR_TYPE: I on
 * the parallel hands, 0 on the cross hands). Rows without cells (DATA undefined) keep MODEL_DATA null.
 */
final class MsPredictor {
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
            Rows rows = new Rows(t);
            List<StagedFile> staged = VisibilityRewriter.rewriteColumns(t.layout(), t.msId(), t.newConversion(),
                    t.files(), List.of("model_data"), new Path(t.layout().stagingDir(t.runId()), attemptDir), t.codec(),
                    conf, rows::apply);
            return new Result(null, staged.stream().mapToLong(StagedFile::rows).sum(), staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), 0, List.of(), seconds(t0));
        }
    }

    /**
     * The per-row work, with one predictor per (field, spectral window, polarization setup) and its model cell, reused
     * from row to row (the writer copies a row's cells as it writes the row).
     */
    private static final class Rows {
        private final PredictTask task;
        private final Map<Key, Predictor> predictors = new HashMap<>();
        private final double[] uvw = new double[3];

        /** A predictor and the buffer of its packed model cell. */
        private record Predictor(ModelPredictor model, ByteBuffer cell) {}

        private record Key(int field, int spw, int polId) {}

        Rows(PredictTask task) {
            this.task = task;
        }

        void apply(GenericRecord r) {
            int numPol = VisRecords.integer(r, VisFields.NUM_POL);
            if (numPol == 0) {
                return;
            }
            int field = VisRecords.integer(r, VisFields.FIELD_ID);
            double[] centre = task.phaseCentres_rad().get(field);
            if (centre == null) {
                throw new IllegalArgumentException("row " + r.get("row") + " has FIELD_ID " + field
                        + ", which has no J2000 phase centre in the MS's FIELD table");
            }
            VisRecords.uvwAt(r, uvw);
            Predictor p = predictor(field, VisRecords.integer(r, VisFields.SPW), VisRecords.integer(r, VisFields.POL_ID));
            if (p.model().polarizations() != numPol) {
                throw new IllegalArgumentException("row " + r.get("row") + " has " + numPol + " correlations, but its"
                        + " POLARIZATION row " + VisRecords.integer(r, VisFields.POL_ID) + " lists "
                        + p.model().polarizations());
            }
            p.model().predictPacked(uvw, 0, centre[0], centre[1], p.cell().array());
            r.put(VisFields.MODEL_DATA, p.cell().clear());
        }

        private Predictor predictor(int field, int spw, int polId) {
            return predictors.computeIfAbsent(new Key(field, spw, polId), k -> {
                int[] corrTypes = task.corrTypes().get(polId);
                if (corrTypes == null) {
                    throw new IllegalArgumentException("polarization setup " + polId
                            + " is not in the MS's POLARIZATION table");
                }
                double[] freqs = MsVersions.frequencies(task.chanFreqs_hz(), spw);
                double[] p = task.pointings_rad().get(field);
                RaDec pointing = task.beam() == null || p == null ? null : RaDec.j2000(p[0], p[1]);
                ModelPredictor m = new ModelPredictor(task.components(), freqs, corrTypes, task.beam(), pointing);
                return new Predictor(m, ByteBuffer.allocate(m.packedBytes()));
            });
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
