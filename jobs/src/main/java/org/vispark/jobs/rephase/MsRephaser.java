package org.vispark.jobs.rephase;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisFields;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.jobs.lake.VisibilityRewriter;
import org.vispark.jobs.predict.ModelRows;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.rephase.Rephaser;
import org.vispark.udfs.rephase.UvwRotation;

/**
 * Runs one {@link RephaseTask} in a Spark task: rewrites the MS's visibility files ({@link VisibilityRewriter})
 * with UVW rotated and the selected packed columns multiplied by the phase factor of {@link Rephaser} (computed
 * from the row's old UVW); with a model ({@link RephaseTask#model()}), MODEL_DATA is then predicted at the target
 * from the new UVW ({@link ModelRows}), in the same pass.
 */
final class MsRephaser {
    /** The cell columns rephasing neither reads nor changes (a phase factor changes no flag and no weight). */
    private static final Set<String> UNREAD = Set.of("flag", "weight_spectrum");
    /** ... and MODEL_DATA, when a model is predicted (on every row) instead. */
    private static final Set<String> UNREAD_WITH_MODEL = Set.of("flag", "weight_spectrum", "model_data");

    private MsRephaser() {}

    static RephaseResult run(RephaseTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        try {
            Rows rephase = new Rows(t);
            List<String> changed = new ArrayList<>(List.of("uvw"));
            changed.addAll(t.columns());
            VisibilityRewriter.RowChange change = rephase::apply;
            if (t.model() != null) {
                changed.add("model_data");
                ModelRows model = new ModelRows(t.model(), atTarget(t), t.chanFreqs_hz());
                change = r -> {
                    rephase.apply(r);
                    model.apply(r);
                };
            }
            List<StagedFile> staged = VisibilityRewriter.rewriteColumns(t.layout(), t.msId(), t.newConversion(),
                    t.files(), changed, t.model() == null ? UNREAD : UNREAD_WITH_MODEL,
                    new Path(t.layout().stagingDir(t.runId()), attemptDir), t.codec(), conf, change);
            long rows = staged.stream().mapToLong(StagedFile::rows).sum();
            return new RephaseResult(t.msId(), null, rows, staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new RephaseResult(t.msId(), e.getMessage() == null ? e.toString() : e.getMessage(), 0, List.of(),
                    seconds(t0));
        }
    }

    /** The target as the phase centre of every field the task rephases. */
    private static Map<Integer, double[]> atTarget(RephaseTask t) {
        Map<Integer, double[]> out = new HashMap<>();
        t.fieldCentres_rad().keySet().forEach(f -> out.put(f, t.target_rad()));
        return out;
    }

    /**
     * The per-row work, with the rotations of each field and the phasors of each (spw, polarizations). The cells are
     * rephased in the record's own arrays ({@link VisRecords#cell(GenericRecord, int)}) and UVW in its own list.
     */
    private static final class Rows {
        private final RephaseTask task;
        private final Map<Integer, UvwRotation> rotations = new HashMap<>();
        private final Map<Long, Rephaser> rephasers = new HashMap<>();
        private final int[] columns;
        private final byte[][] cells;
        private final double[] uvw = new double[3];

        Rows(RephaseTask task) {
            this.task = task;
            RaDec target = RaDec.j2000(task.target_rad()[0], task.target_rad()[1]);
            task.fieldCentres_rad().forEach((field, c) ->
                    rotations.put(field, UvwRotation.between(RaDec.j2000(c[0], c[1]), target)));
            this.columns = task.columns().stream().mapToInt(VisFields::of).toArray();
            this.cells = new byte[columns.length][];
        }

        void apply(GenericRecord r) {
            int field = VisRecords.integer(r, VisFields.FIELD_ID);
            UvwRotation rotation = rotations.get(field);
            if (rotation == null) {
                throw new IllegalArgumentException("row " + r.get("row") + " has FIELD_ID " + field
                        + ", which the MS's FIELD table does not hold");
            }
            VisRecords.uvwAt(r, uvw);
            int numPol = VisRecords.integer(r, VisFields.NUM_POL);
            if (numPol > 0) {
                for (int i = 0; i < columns.length; i++) {
                    cells[i] = VisRecords.cell(r, columns[i]);
                }
                rephaser(VisRecords.integer(r, VisFields.SPW), numPol).rephasePackedInPlace(cells, uvw, 0, rotation);
                for (int i = 0; i < columns.length; i++) {
                    if (cells[i] != null) {
                        r.put(columns[i], ByteBuffer.wrap(cells[i]));
                    }
                }
            }
            rotation.apply(uvw, 0, uvw, 0);
            VisRecords.setUvw(r, uvw);
        }

        private Rephaser rephaser(int spw, int numPol) {
            return rephasers.computeIfAbsent(((long) spw << 32) | numPol, k -> {
                double[] freqs = MsVersions.frequencies(task.chanFreqs_hz(), spw);
                return new Rephaser(freqs, numPol);
            });
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
