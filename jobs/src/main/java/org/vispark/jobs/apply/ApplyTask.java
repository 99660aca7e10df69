package org.vispark.jobs.apply;

import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.solve.ShippedTables;

/**
 * Writing CORRECTED_DATA of one MS as a new version.
 *
 * @param tables       the tables to apply, in order, with the solutions chosen for this MS ({@link ShippedTables})
 * @param chanFreqs_hz channel frequencies of each spectral window
 * @param corrTypes    the correlations (casacore Stokes codes) of each POLARIZATION row
 * @param numAnt       antennas of the MS
 */
record ApplyTask(long msId, String uri, long conversion, long newConversion, List<String> files,
        List<ShippedTables.Shipped> tables, Map<Integer, double[]> chanFreqs_hz,
        Map<Integer, int[]> corrTypes, int numAnt, String interp, String runId,
        LakeLayout layout, String codec)
        implements NewVersions.Task {

    @Override
    public ApplyTask onFiles(List<String> part) {
        return new ApplyTask(msId, uri, conversion, newConversion, part, tables, chanFreqs_hz, corrTypes, numAnt, interp,
                runId, layout, codec);
    }
}
