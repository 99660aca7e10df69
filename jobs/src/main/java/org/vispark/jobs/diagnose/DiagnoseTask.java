package org.vispark.jobs.diagnose;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.udfs.diagnostics.Thresholds;
import org.vispark.udfs.sky.PrimaryBeam;

/**
 * The diagnosis of one MS version of the lake.
 *
 * @param files        the visibility files of the version, relative to the lake root
 * @param fields       the fields, by FIELD_ID
 * @param chanFreqs_hz channel frequencies of each spectral window
 * @param corrTypes    the correlations (casacore Stokes codes, CORR_TYPE) of each POLARIZATION row
 * @param antennaNames antenna names by id (may miss some)
 * @param coarseBaselineLimit_m the longest baseline of the coarse data-peak map
 *                     ({@link org.vispark.udfs.diagnostics.DataPeakSearch#coarseBaselineLimit_m})
 */
public record DiagnoseTask(long msId, String uri, long conversion, List<String> files, Map<Integer, FieldTarget> fields,
        Map<Integer, double[]> chanFreqs_hz, Map<Integer, int[]> corrTypes, Map<Integer, String> antennaNames,
        double coarseBaselineLimit_m, Thresholds thresholds, PrimaryBeam beam, DiagnoseSettings settings,
        LakeLayout layout) implements Serializable {

    /**
     * One field: its recorded phase centre and the calibrator it is judged against.
     *
     * @param phaseCentreRa_rad  J2000 PHASE_DIR of the FIELD table (NaN if not J2000)
     * @param calibrator         catalogue name, or null when no calibrator applies
     * @param calibratorRa_rad   J2000 position of the calibrator (NaN without one)
     */
    public record FieldTarget(int fieldId, String name, double phaseCentreRa_rad, double phaseCentreDec_rad, String calibrator,
            double calibratorRa_rad, double calibratorDec_rad) implements Serializable {}
}
