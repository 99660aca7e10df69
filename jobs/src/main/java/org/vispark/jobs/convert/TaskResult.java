package org.vispark.jobs.convert;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.StagedFile;

/**
 * What one {@link ConvertTask} did: the files it wrote to staging, or why the MS could not be read.
 *
 * @param error null when the rows were converted
 * @param subtables Avro binary records (see {@link SubtableRecords#encode}) by lake table directory
 *     name; empty unless the task had {@code withSubtables}
 * @param msRows rows of the MS main table
 * @param timeMin earliest TIME of the task's rows (MJD s), null when it had none
 * @param phaseCentre for drift-scan UVH5 data phased on conversion, the centre chosen and why (range 0 only); null
 *     otherwise
 */
record TaskResult(int msIndex, int range, String error, long rows, List<StagedFile> files, Double timeMin,
        Double timeMax, long msRows, String telescope, String checksum, Map<String, byte[]> subtables,
        String phaseCentre, double seconds) implements Serializable {

    static TaskResult failed(ConvertTask t, String error, double seconds) {
        return new TaskResult(t.msIndex(), t.range(), error, 0, List.of(), null, null, 0, null, null, Map.of(),
                null, seconds);
    }

    boolean ok() {
        return error == null;
    }
}
