package org.vispark.jobs.rephase;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.rephase.Rephaser;
import org.vispark.udfs.rephase.UvwRotation;

/**
 * Runs one {@link RephaseTask} in a Spark task: streams each visibility file of the MS, rotates UVW and
 * multiplies the selected packed columns by the phase factor of {@link Rephaser} (computed from the
 * row's old UVW), and writes the rows, now of the new conversion, into staging beside the same
 * partition path. Memory: one record at a time plus the writer's row group.
 */
final class MsRephaser {
    private MsRephaser() {}

    static RephaseResult run(RephaseTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        List<StagedFile> staged = new ArrayList<>();
        long rows = 0;
        try {
            Rows rephase = new Rows(t);
            Path root = t.layout().root();
            Path staging = new Path(t.layout().stagingDir(t.runId()), attemptDir);
            for (String relative : t.files()) {
                String outRelative = renamed(relative, t.msId(), t.newConversion());
                Path out = new Path(staging, outRelative);
                long fileRows = 0;
                try (ParquetReader<GenericRecord> in = LakeParquet.reader(new Path(root, relative),
                        LakeTable.VISIBILITIES.schema(), conf);
                        ParquetWriter<GenericRecord> w = LakeParquet.visibilityWriter(LakeParquet.outputFile(out, conf),
                                LakeParquet.codec(t.codec()))) {
                    for (GenericRecord r = in.read(); r != null; r = in.read()) {
                        rephase.apply(r);
                        w.write(r);
                        fileRows++;
                    }
                } catch (RuntimeException e) {
                    throw new IOException(relative + ": " + e.getMessage(), e);
                }
                rows += fileRows;
                staged.add(new StagedFile(out.toString(), outRelative, fileRows,
                        out.getFileSystem(conf).getFileStatus(out).getLen()));
            }
            return new RephaseResult(t.msId(), null, rows, staged, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new RephaseResult(t.msId(), e.getMessage() == null ? e.toString() : e.getMessage(), rows, List.of(),
                    seconds(t0));
        }
    }

    /** The relative path of a visibility file of {@code msId} written by conversion {@code conversion}. */
    static String renamed(String relative, long msId, long conversion) {
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        String prefix = LakeLayout.hex(msId) + "-";
        int range = name.indexOf("-r", prefix.length());
        if (!name.startsWith(prefix) || range < 0) {
            throw new IllegalArgumentException("not a visibility file of MS " + LakeLayout.hex(msId) + ": " + relative);
        }
        return relative.substring(0, slash + 1) + prefix + LakeLayout.hex(conversion) + name.substring(range);
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
            r.put("conversion", task.newConversion());
        }

        private Rephaser rephaser(int spw, int numPol) {
            return rephasers.computeIfAbsent(((long) spw << 32) | numPol, k -> {
                double[] freqs = task.chanFreqs_hz().get(spw);
                if (freqs == null) {
                    throw new IllegalArgumentException("spectral window " + spw + " is not in the MS's SPECTRAL_WINDOW table");
                }
                return new Rephaser(freqs, numPol);
            });
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
