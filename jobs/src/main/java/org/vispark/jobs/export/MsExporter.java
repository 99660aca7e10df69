package org.vispark.jobs.export;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetReader;
import org.vispark.formats.ms.write.MeasurementSetWriter;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.LakeTable;

/**
 * Runs one {@link ExportTask} in a Spark task: reads the MS's visibility files into a {@link RowSpill} (row order),
 * then writes the MS with {@link MeasurementSetWriter} in blocks of about {@value #BLOCK_BYTES} bytes of cells. The
 * writer builds the MS under a hidden temporary name and renames it when complete, so a failure or a killed task
 * never leaves a directory of the final name that looks like a complete MS.
 */
final class MsExporter {
    private static final long BLOCK_BYTES = 32L << 20;

    private MsExporter() {}

    /** The written MS, or the reason it failed. */
    record Result(String error, long rows, long bytes, double seconds) implements Serializable {}

    static Result run(ExportTask t, Configuration conf) {
        long t0 = System.nanoTime();
        try {
            return new Result(null, t.rows(), export(t, conf), (System.nanoTime() - t0) / 1e9);
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), 0, 0,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static long export(ExportTask t, Configuration conf) throws IOException {
        Path target = Path.of(t.target());
        Path scratch = target.toAbsolutePath().getParent();
        int[] shape = null;
        boolean weightSpectrum = false;
        boolean model = false;
        boolean corrected = false;
        int maxState = -1;
        try (RowSpill spill = new RowSpill(scratch, t.rows())) {
            for (String relative : t.files()) {
                try (ParquetReader<GenericRecord> in = LakeParquet.reader(
                        new org.apache.hadoop.fs.Path(t.layout().root(), relative), LakeTable.VISIBILITIES.schema(),
                        conf)) {
                    for (GenericRecord r = in.read(); r != null; r = in.read()) {
                        SpilledRow row = SpilledRow.of(r);
                        if (shape == null && row.data() != null) {
                            shape = new int[] {row.numPol(), row.numChan()};
                        }
                        weightSpectrum |= row.weightSpectrum() != null;
                        model |= row.model() != null;
                        corrected |= row.corrected() != null;
                        maxState = Math.max(maxState, row.stateId());
                        spill.put((Long) r.get("row"), row.encode());
                    }
                } catch (RuntimeException e) {
                    throw new IOException(relative + ": " + e.getMessage(), e);
                }
            }
            long missing = spill.firstMissing();
            if (missing >= 0) {
                throw new IOException("row " + missing + " of " + t.rows() + " is not in the lake's visibility files");
            }
            if (shape == null) {
                throw new IOException("no row has DATA; an MS needs DATA");
            }
            MeasurementSetWriter.DataColumns optional = new MeasurementSetWriter.DataColumns(
                    wanted(t, "MODEL_DATA", model), wanted(t, "CORRECTED_DATA", corrected), weightSpectrum);
            BlockAssembler assembler = new BlockAssembler(shape[0], shape[1], optional);
            long rowBytes = 8L * shape[0] * shape[1] * (1 + (optional.model() ? 1 : 0) + (optional.corrected() ? 1 : 0));
            int block = (int) Math.max(1, Math.min(1 << 20, BLOCK_BYTES / Math.max(1, rowBytes)));
            try (MeasurementSetWriter w = MeasurementSetWriter.create(target,
                    LakeMetadata.withStates(t.metadata(), maxState + 1), optional, t.overwrite(), t.rows())) {
                for (long first = 0; first < t.rows(); first += block) {
                    int n = (int) Math.min(block, t.rows() - first);
                    SpilledRow[] rows = new SpilledRow[n];
                    for (int i = 0; i < n; i++) {
                        rows[i] = SpilledRow.decode(spill.read(first + i));
                    }
                    w.append(assembler.block(rows, first));
                }
                w.commit();
            }
        }
        return sizeOf(target);
    }

    /** Whether to write {@code column}: asked for (an error when the lake has none), or by default when present. */
    private static boolean wanted(ExportTask t, String column, boolean present) throws IOException {
        if (t.columns() == null) {
            return present;
        }
        boolean asked = t.columns().contains(column);
        if (asked && !present) {
            throw new IOException(column + " was asked for but the lake has none for this MS");
        }
        return asked;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
