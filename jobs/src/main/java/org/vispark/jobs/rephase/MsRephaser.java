package org.vispark.jobs.rephase;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisibilityRewriter;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.rephase.Rephaser;
import org.vispark.udfs.rephase.UvwRotation;

/**
 * Runs one {@link RephaseTask} in a Spark task: rewrites the MS's visibility files ({@link VisibilityRewriter})
 * with UVW rotated and the selected packed columns multiplied by the phase factor of {@link Rephaser} (computed
 * from the row's old UVW).
 */
final class MsRephaser {
    private MsRephaser() {}

    static RephaseResult run(RephaseTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        try {
            Rows rephase = new Rows(t);
            List<StagedFile> staged = VisibilityRewriter.rewrite(t.layout(), t.msId(), t.newConversion(), t.files(),
                    new Path(t.layout().stagingDir(t.runId()), attemptDir), t.codec(), conf, rephase::apply);
            long rows = staged.stream().mapToLong(StagedFile::rows).sum();
            return new RephaseResult(t.msId(), null, rows, staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new RephaseResult(t.msId(), e.getMessage() == null ? e.toString() : e.getMessage(), 0, List.of(),
                    seconds(t0));
        }
    }

    /** The per-row work, with the rotations of each field and the phasors of each (spw, polarizations). */
    private static final class Rows {
        private final RephaseTask task;
        private final Map<Integer, UvwRotation> rotations = new HashMap<>();
        private final Map<Long, Rephaser> rephasers = new HashMap<>();
        private final double[] uvw = new double[3];

        Rows(RephaseTask task) {
            this.task = task;
            RaDec target = RaDec.j2000(task.target_rad()[0], task.target_rad()[1]);
            task.fieldCentres_rad().forEach((field, c) ->
                    rotations.put(field, UvwRotation.between(RaDec.j2000(c[0], c[1]), target)));
        }

        @SuppressWarnings("unchecked")
        void apply(GenericRecord r) {
            int field = (Integer) r.get("field_id");
            UvwRotation rotation = rotations.get(field);
            if (rotation == null) {
                throw new IllegalArgumentException("row " + r.get("row") + " has FIELD_ID " + field
                        + ", which the MS's FIELD table does not hold");
            }
            List<Double> old = (List<Double>) r.get("uvw");
            for (int i = 0; i < 3; i++) {
                uvw[i] = old.get(i);
            }
            int numPol = (Integer) r.get("num_pol");
            if (numPol > 0) {
                Rephaser rephaser = rephaser((Integer) r.get("spw"), numPol);
                for (String column : task.columns()) {
                    ByteBuffer cell = (ByteBuffer) r.get(column);
                    if (cell != null) {
                        byte[] bytes = new byte[cell.remaining()];
                        cell.duplicate().get(bytes);
                        rephaser.rephasePackedInPlace(bytes, uvw, 0, rotation);
                        r.put(column, ByteBuffer.wrap(bytes));
                    }
                }
            }
            rotation.apply(uvw, 0, uvw, 0);
            GenericData.Array<Double> rotated = new GenericData.Array<>(3, LakeTable.VISIBILITIES.schema()
                    .getField("uvw").schema());
            for (double x : uvw) {
                rotated.add(x);
            }
            r.put("uvw", rotated);
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
