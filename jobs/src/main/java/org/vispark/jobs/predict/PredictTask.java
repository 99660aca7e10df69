package org.vispark.jobs.predict;

import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;

/**
 * The prediction of MODEL_DATA for one MS of the lake, written as a new conversion of it.
 *
 * @param files             the visibility files of the current conversion, relative to the lake root
 * @param phaseCentres_rad  J2000 (ra, dec) of the phase centre of each FIELD_ID
 * @param pointings_rad     J2000 (ra, dec) the dishes point at for each FIELD_ID (REFERENCE_DIR), for the beam
 * @param chanFreqs_hz      channel frequencies of each spectral window
 * @param corrTypes         the correlations (casacore Stokes codes, CORR_TYPE) of each POLARIZATION row
 * @param beam              the primary beam, or null for none
 */
record PredictTask(long msId, String uri, long conversion, long newConversion, List<String> files,
        Map<Integer, double[]> phaseCentres_rad, Map<Integer, double[]> pointings_rad, Map<Integer, double[]> chanFreqs_hz,
        Map<Integer, int[]> corrTypes, List<SkyComponent> components, PrimaryBeam beam, String runId, LakeLayout layout, String codec)
        implements NewVersions.Task {

    @Override
    public PredictTask onFiles(List<String> part) {
        return new PredictTask(msId, uri, conversion, newConversion, part, phaseCentres_rad, pointings_rad, chanFreqs_hz,
                corrTypes, components, beam, runId, layout, codec);
    }
}
