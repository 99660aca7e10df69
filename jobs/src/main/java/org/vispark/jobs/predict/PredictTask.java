package org.vispark.jobs.predict;

import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.NewVersions;

/**
 * The prediction of MODEL_DATA for one MS of the lake, written as a new conversion of it.
 *
 * @param files             the visibility files of the current conversion, relative to the lake root
 * @param phaseCentres_rad  J2000 (ra, dec) of the phase centre of each FIELD_ID
 * @param chanFreqs_hz      channel frequencies of each spectral window
 * @param model             the sky model and what its prediction needs of the MS's subtables
 */
record PredictTask(long msId, String uri, long conversion, long newConversion, List<String> files,
        Map<Integer, double[]> phaseCentres_rad, Map<Integer, double[]> chanFreqs_hz, ModelSpec model, String runId,
        LakeLayout layout, String codec) implements NewVersions.Task {

    @Override
    public PredictTask onFiles(List<String> part) {
        return new PredictTask(msId, uri, conversion, newConversion, part, phaseCentres_rad, chanFreqs_hz, model, runId,
                layout, codec);
    }
}
