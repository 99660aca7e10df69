package org.vispark.jobs.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.vispark.formats.uvh5.Uvh5File;
import org.vispark.formats.uvh5.Uvh5Group;
import org.vispark.formats.uvh5.Uvh5Source;
import org.vispark.formats.uvh5.Uvh5Header;
import org.vispark.formats.uvh5.Uvh5MsModel;
import org.vispark.formats.uvh5.Uvh5Rows;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.StagedFile;

/**
 * {@link RangeConverter} for a UVH5 file or a DSA-110 subband group (read as one, channels ascending): the task's blts [firstRow, firstRow + rowCount) read a chunk
 * at a time ({@link Uvh5File}, pure Java), encoded by {@link Uvh5RowRecords} and written through the
 * same sort buffer and partition writers as an MS's rows; the subtables from {@link Uvh5MsModel}.
 */
final class Uvh5Converter {
    private Uvh5Converter() {}

    static TaskResult convert(ConvertTask task, Configuration conf, java.nio.file.Path scratch, String attemptDir,
            long t0) throws IOException, UnreadableMsException {
        if (task.members() != null) {
            try (Uvh5Source group = RangeConverter.reading("opening the subband group",
                    () -> Uvh5Group.open(MsScan.group(task.members()), task.flagMissing()))) {
                java.nio.file.Path dir = group.paths().get(0).getParent();
                return convert(task, conf, group, dir, attemptDir, t0);
            }
        }
        try (LocalMs local = RangeConverter.reading("copying the file to local scratch",
                        () -> LocalMs.of(task.uri(), scratch, conf));
                Uvh5File file = RangeConverter.reading("opening the UVH5 file", () -> Uvh5File.open(local.dir()))) {
            return convert(task, conf, file, local.dir(), attemptDir, t0);
        }
    }

    /**
     * Converts the task's blts of {@code file}, a UVH5 file or subband group whose files' local copies
     * {@code localFiles} holds (the file itself, or the group's directory), for the content checksum.
     */
    private static TaskResult convert(ConvertTask task, Configuration conf, Uvh5Source file,
            java.nio.file.Path localFiles, String attemptDir, long t0) throws IOException, UnreadableMsException {
        try (PartitionWriters writers = new PartitionWriters(task, conf, attemptDir)) {
            Uvh5Header h = file.header();
            Uvh5Phasing phasing = RangeConverter.reading("choosing the phase centre of the drift scan",
                    () -> Uvh5Phasing.of(h, task.phaseCentre()));
            Uvh5MsModel model = phasing.model();
            String choice = phasing.choice() == null ? null : phasing.choice().reason();
            Map<String, byte[]> subtables = new HashMap<>();
            if (task.withSubtables()) {
                Map<LakeTable, List<GenericRecord>> recs = RangeConverter.reading("describing the UVH5 header",
                        () -> SubtableRecords.of(model, choice, task.msId(), task.conversion()));
                recs.forEach((t, r) -> subtables.put(t.dirName(), SubtableRecords.encode(t.schema(), r)));
            }
            int nblts = h.nblts();
            long first = task.rowCount() < 0 ? 0 : task.firstRow();
            long count = task.rowCount() < 0 ? nblts : task.rowCount();
            if (first + count > nblts) {
                throw new UnreadableMsException("the file has " + nblts + " blts, not the " + (first + count)
                        + " it had when scanned", null);
            }
            Uvh5RowRecords records = new Uvh5RowRecords(h, model, phasing.phaser());
            double[] timeRange;
            try (RunWriter runs = new RunWriter(Uvh5RowRecords.PRESENT, task, writers, RangeConverter.runBytes())) {
                timeRange = convertRows(task, file, model, records, (int) first, (int) count, runs);
            }
            List<StagedFile> files = writers.finish();
            String checksum = null;
            if (task.withChecksum()) {
                checksum = RangeConverter.reading("checksumming the file",
                        () -> MsFiles.of(task.uri(), task.members(), conf).checksum(localFiles));
            }
            String after = RangeConverter.reading("listing the files",
                    () -> MsFiles.of(task.uri(), task.members(), conf).fingerprint());
            if (!after.equals(task.fingerprint())) {
                throw new UnreadableMsException("the file changed while it was being converted", null);
            }
            int perBlt = records.spwCount();
            return new TaskResult(task.msIndex(), task.range(), null, count * perBlt, files,
                    count == 0 ? null : timeRange[0], count == 0 ? null : timeRange[1], (long) nblts * perBlt,
                    h.telescopeName(), checksum, subtables, task.range() == 0 ? choice : null,
                    RangeConverter.seconds(t0));
        }
    }

    private static double[] convertRows(ConvertTask task, Uvh5Source file, Uvh5MsModel model, Uvh5RowRecords records,
            int first, int count, RunWriter runs) throws IOException, UnreadableMsException {
        Uvh5Header h = file.header();
        long bltBytes = 16L * h.nfreqs() * h.npols() + 200;
        int chunk = (int) Math.max(1, Math.min(1 << 16, RangeConverter.CHUNK_BYTES / bltBytes));
        LakeLayout layout = task.layout();
        double tmin = Double.POSITIVE_INFINITY;
        double tmax = Double.NEGATIVE_INFINITY;
        Uvh5Rows rows = null;
        for (int b0 = first; b0 < first + count; b0 += chunk) {
            int n = Math.min(chunk, first + count - b0);
            int at = b0;
            Uvh5Rows last = rows;
            rows = RangeConverter.reading("reading blts " + b0 + ".." + (b0 + n - 1),
                    () -> file.read(at, n, last));
            for (int b = 0; b < n; b++) {
                int blt = b0 + b;
                int a1 = model.antennaId(h.ant1()[blt]);
                int a2 = model.antennaId(h.ant2()[blt]);
                if (a1 < 0 || a2 < 0 || a1 > LakeLayout.MAX_ANTENNA || a2 > LakeLayout.MAX_ANTENNA) {
                    throw new UnreadableMsException("blt " + blt + ": antenna numbers " + h.ant1()[blt] + ", "
                            + h.ant2()[blt] + " are not both in antenna_numbers", null);
                }
                double time = records.timeMjdSec(blt);
                tmin = Math.min(tmin, time);
                tmax = Math.max(tmax, time);
                for (int spw = 0; spw < records.spwCount(); spw++) {
                    int size = records.size(spw);
                    if (!runs.buffer().fits(size)) {
                        runs.flush();
                    }
                    SortBuffer buffer = runs.buffer();
                    long offset = buffer.reserve(size);
                    ByteBuffer dst = buffer.writer();
                    int before = dst.position();
                    records.write(rows, b, spw, dst);
                    if (dst.position() - before != size) {
                        throw new IllegalStateException("blt " + blt + " took " + (dst.position() - before)
                                + " bytes, not " + size);
                    }
                    long partition = RunIndex.partitionKey(LakeLayout.mjdDay(time), layout.bucket(a1, a2));
                    runs.index().add(partition, LakeLayout.baseline(a1, a2), time, (long) blt * records.spwCount() + spw,
                            offset, size);
                }
            }
        }
        runs.finish();
        return new double[] {tmin, tmax};
    }
}
