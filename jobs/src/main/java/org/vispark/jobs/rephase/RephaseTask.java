package org.vispark.jobs.rephase;

import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.predict.ModelSpec;

/**
 * The rephasing of one MS of the lake: its current visibility files, rewritten as a new conversion.
 *
 * @param files the visibility files of the current conversion, relative to the lake root
 * @param fieldCentres_rad J2000 (ra, dec) of the phase centre of each FIELD_ID its rows use
 * @param chanFreqs_hz channel frequencies of each spectral window
 * @param target_rad the new phase centre, J2000 (ra, dec)
 * @param columns the packed complex columns to rephase (lake names: data, model_data, corrected_data)
 * @param model the sky model to predict into MODEL_DATA at the target after rephasing (model_data then not among
 *              {@code columns}), or null
 */
record RephaseTask(long msId, String uri, long conversion, long newConversion, List<String> files,
        Map<Integer, double[]> fieldCentres_rad, Map<Integer, double[]> chanFreqs_hz, double[] target_rad,
        List<String> columns, String runId, LakeLayout layout, String codec, ModelSpec model)
        implements NewVersions.Task {

    @Override
    public RephaseTask onFiles(List<String> part) {
        return new RephaseTask(msId, uri, conversion, newConversion, part, fieldCentres_rad, chanFreqs_hz, target_rad,
                columns, runId, layout, codec, model);
    }
}
