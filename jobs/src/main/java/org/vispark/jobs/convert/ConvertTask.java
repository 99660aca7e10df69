package org.vispark.jobs.convert;

import java.io.Serializable;
import java.util.List;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.udfs.phasing.PhaseCentreRequest;

/**
 * One Spark task of a convert run: rows [firstRow, firstRow + rowCount) of one MS.
 *
 * @param msIndex index of the MS in the run's plan
 * @param members the files of a subband group ({@link SourceInput}); null for an MS or a single UVH5 file
 * @param flagMissing whether an incomplete group is converted with its missing subbands' channels flagged
 * @param rowCount rows to convert; -1 for all (a remote MS, whose row count is known once copied)
 * @param phaseCentre where drift-scan UVH5 data are phased (MS and sidereal data keep their centre)
 * @param withSubtables whether this task also reads the subtables, the telescope and the checksum
 *     (range 0 of each MS)
 */
record ConvertTask(int msIndex, String uri, List<String> members, boolean flagMissing, long msId, long conversion, int range, long firstRow, long rowCount,
        String fingerprint, boolean withSubtables, boolean withChecksum, String runId, LakeLayout layout,
        String codec, PhaseCentreRequest phaseCentre) implements Serializable {}
