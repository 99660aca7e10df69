package org.vispark.jobs.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.vispark.formats.ms.DataDescription;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.formats.ms.Observation;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.StagedFile;

/**
 * Converts the rows of one {@link ConvertTask} into visibility files in the lake's staging directory,
 * one per (obs_date, bl_bucket) partition.
 *
 * <p>Rows are read in chunks of about {@link #CHUNK_BYTES} and packed into a {@link SortBuffer}; when
 * it holds half of {@link #runBytes()} (or the rows end) the run is written sorted by (partition, baseline,
 * time) while the next fills the other half ({@link RunWriter}), so each file is one sorted run per
 * buffer-full: a task whose rows fit one buffer writes fully sorted files. Heap use is bounded by a chunk,
 * the two buffers and the writers' row groups. Reading errors make the MS fail ({@link TaskResult#error()});
 * writing errors are thrown.
 */
final class RangeConverter {
    static final long CHUNK_BYTES = 16L << 20;
    private static final long MIN_RUN_BYTES = 32L << 20;
    private static final long MAX_RUN_BYTES = 1L << 30;

    private RangeConverter() {}

    /** Reading from the MS, whose failures make the MS fail rather than the task. */
    @FunctionalInterface
    interface Reading<T> {
        T get() throws IOException;
    }

    /**
     * Java system property: bytes of a task's sort buffers (both together), instead of a quarter of the heap per
     * core; smaller buffers mean more sorted runs per file (tests use it to write many).
     */
    static final String RUN_BYTES_PROPERTY = "vispark.convert.runBytes";

    /**
     * Sort buffers of a task (both together, see {@link RunWriter}): {@link #RUN_BYTES_PROPERTY} if set, else a
     * quarter of the heap per core, within [32 MB, 1 GB].
     */
    static long runBytes() {
        String set = System.getProperty(RUN_BYTES_PROPERTY);
        if (set != null) {
            long bytes;
            try {
                bytes = Long.parseLong(set.trim());
            } catch (NumberFormatException e) {
                bytes = 0;
            }
            if (bytes < 2) {
                throw new IllegalArgumentException(RUN_BYTES_PROPERTY + " = '" + set + "': not a number of bytes >= 2");
            }
            return bytes;
        }
        Runtime rt = Runtime.getRuntime();
        long perCore = rt.maxMemory() / (4L * rt.availableProcessors());
        return Math.max(MIN_RUN_BYTES, Math.min(MAX_RUN_BYTES, perCore));
    }

    static <T> T reading(String what, Reading<T> r) throws UnreadableMsException {
        try {
            return r.get();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableMsException(what, e);
        }
    }

    /**
     * Runs one task.
     *
     * @param scratch local directory for the copy of a remote MS
     * @param attemptDir directory below the run's staging directory for this task attempt's files
     */
    static TaskResult run(ConvertTask task, Configuration conf, java.nio.file.Path scratch, String attemptDir)
            throws IOException {
        long t0 = System.nanoTime();
        try {
            return convert(task, conf, scratch, attemptDir, t0);
        } catch (UnreadableMsException e) {
            return TaskResult.failed(task, Errors.describe(e), seconds(t0));
        }
    }

    private static TaskResult convert(ConvertTask task, Configuration conf, java.nio.file.Path scratch,
            String attemptDir, long t0) throws IOException, UnreadableMsException {
        if (SourceFormat.of(task.uri()) != SourceFormat.MS) {
            return Uvh5Converter.convert(task, conf, scratch, attemptDir, t0);
        }
        try (LocalMs local = reading("copying the MS to local scratch", () -> LocalMs.of(task.uri(), scratch, conf));
                MeasurementSet ms = reading("opening the MS", () -> MeasurementSet.open(local.dir()));
                PartitionWriters writers = new PartitionWriters(task, conf, attemptDir)) {
            long msRows = ms.main().rowCount();
            long first = task.rowCount() < 0 ? 0 : task.firstRow();
            long count = task.rowCount() < 0 ? msRows : task.rowCount();
            if (first + count > msRows) {
                throw new UnreadableMsException("the MS has " + msRows + " rows, not the " + (first + count)
                        + " it had when scanned", null);
            }
            List<DataDescription> dds = reading("reading DATA_DESCRIPTION", ms::dataDescriptions);
            MainColumns m = reading("opening the main-table columns", () -> new MainColumns(ms.main()));
            Map<String, byte[]> subtables = new HashMap<>();
            String telescope = null;
            if (task.withSubtables()) {
                Map<LakeTable, List<GenericRecord>> recs = reading("reading the subtables",
                        () -> SubtableRecords.read(ms, task.msId(), task.conversion()));
                recs.forEach((t, r) -> subtables.put(t.dirName(), SubtableRecords.encode(t.schema(), r)));
                telescope = telescope(ms);
            }
            double[] timeRange = convertRows(task, m, dds, first, count, writers);
            List<StagedFile> files = writers.finish();
            String checksum = null;
            if (task.withChecksum()) {
                checksum = reading("checksumming the MS files",
                        () -> MsFiles.list(task.uri(), conf).checksum(local.dir()));
            }
            String after = reading("listing the MS files", () -> MsFiles.list(task.uri(), conf).fingerprint());
            if (!after.equals(task.fingerprint())) {
                throw new UnreadableMsException("the MS changed while it was being converted", null);
            }
            return new TaskResult(task.msIndex(), task.range(), null, count, files,
                    count == 0 ? null : timeRange[0], count == 0 ? null : timeRange[1], msRows, telescope, checksum,
                    subtables, null, seconds(t0));
        }
    }

    /** Reads, sorts and writes the rows; returns their time range. */
    private static double[] convertRows(ConvertTask task, MainColumns m, List<DataDescription> dds, long first,
            long count, PartitionWriters writers) throws IOException, UnreadableMsException {
        RowRecords records = new RowRecords(m);
        try (RunWriter runs = new RunWriter(records.present(), task, writers, runBytes())) {
            return convertRows(task, m, dds, first, count, records, runs);
        }
    }

    private static double[] convertRows(ConvertTask task, MainColumns m, List<DataDescription> dds, long first,
            long count, RowRecords records, RunWriter runs) throws IOException, UnreadableMsException {
        long rowBytes = reading("reading cell shapes", m::rowBytesEstimate);
        int chunk = (int) Math.max(1, Math.min(1 << 16, CHUNK_BYTES / Math.max(1, rowBytes)));
        LakeLayout layout = task.layout();
        CellColumn[] shapeSources = m.cellColumns();
        double tmin = Double.POSITIVE_INFINITY;
        double tmax = Double.NEGATIVE_INFINITY;
        for (long r0 = first; r0 < first + count; r0 += chunk) {
            int n = (int) Math.min(chunk, first + count - r0);
            long at = r0;
            reading("reading rows " + r0 + ".." + (r0 + n - 1), () -> {
                m.read(at, n);
                return null;
            });
            for (int i = 0; i < n; i++) {
                long row = r0 + i;
                int a1 = m.antenna1Values[i];
                int a2 = m.antenna2Values[i];
                if (a1 < 0 || a2 < 0 || a1 > LakeLayout.MAX_ANTENNA || a2 > LakeLayout.MAX_ANTENNA) {
                    throw new UnreadableMsException("row " + row + ": antennas " + a1 + ", " + a2
                            + " are outside 0.." + LakeLayout.MAX_ANTENNA, null);
                }
                int dd = m.dataDescValues[i];
                if (dd < 0 || dd >= dds.size()) {
                    throw new UnreadableMsException("row " + row + ": DATA_DESC_ID " + dd + " is not a row of"
                            + " DATA_DESCRIPTION (" + dds.size() + " rows)", null);
                }
                if (m.uvw.length(i) != 3) {
                    throw new UnreadableMsException("row " + row + ": UVW has " + m.uvw.length(i) + " values", null);
                }
                int[] shape = null;
                for (CellColumn c : shapeSources) {
                    if (c.shape(i) != null) {
                        shape = c.shape(i);
                        break;
                    }
                }
                int numPol = shape == null ? 0 : shape[0];
                int numChan = shape == null ? 0 : shape[1];
                double time = m.timeValues[i];
                tmin = Math.min(tmin, time);
                tmax = Math.max(tmax, time);
                int size = records.size(i);
                if (!runs.buffer().fits(size)) {
                    runs.flush();
                }
                SortBuffer buffer = runs.buffer();
                long offset = buffer.reserve(size);
                ByteBuffer dst = buffer.writer();
                int before = dst.position();
                records.write(i, row, dds.get(dd).spectralWindowId(), dds.get(dd).polarizationId(), numChan, numPol,
                        dst);
                if (dst.position() - before != size) {
                    throw new IllegalStateException("row " + row + " took " + (dst.position() - before)
                            + " bytes, not " + size);
                }
                long partition = RunIndex.partitionKey(LakeLayout.mjdDay(time), layout.bucket(a1, a2));
                runs.index().add(partition, LakeLayout.baseline(a1, a2), time, row, offset, size);
            }
        }
        runs.finish();
        return new double[] {tmin, tmax};
    }

    /** OBSERVATION.TELESCOPE_NAME of the first row; null when the MS has no readable OBSERVATION. */
    private static String telescope(MeasurementSet ms) {
        try {
            List<Observation> obs = ms.observations();
            return obs.isEmpty() ? null : obs.get(0).telescope();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
