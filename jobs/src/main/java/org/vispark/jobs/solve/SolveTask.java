package org.vispark.jobs.solve;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.udfs.solve.SolveOptions;

/**
 * The solve of one MS version of the lake.
 *
 * @param files           the visibility files of the version, relative to the lake root
 * @param chanFreqs_hz    channel frequencies of each spectral window
 * @param corrTypes       the correlations (casacore Stokes codes) of each POLARIZATION row, for the model of rows
 *                        without MODEL_DATA
 * @param numAnt          antennas (rows of the ANTENNA table)
 * @param timeStart_mjdSec first TIME of the MS (start of duration solution intervals)
 * @param combine         the axes solved together (CASA combine)
 * @param pre             earlier tables to pre-apply, in order ({@link ShippedTables})
 * @param memoryBudget_bytes the solve groups held at once; more intervals than fit take further passes over the data
 */
record SolveTask(long msId, String uri, long conversion, List<String> files, Map<Integer, double[]> chanFreqs_hz,
        Map<Integer, int[]> corrTypes, int numAnt, double timeStart_mjdSec, Solint solint, Combine combine,
        SolveOptions options, List<ShippedTables.Shipped> pre, String interp, long memoryBudget_bytes, LakeLayout layout)
        implements Serializable {}
