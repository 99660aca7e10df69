package org.vispark.jobs.rephase;

import java.util.List;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;

/**
 * What {@code vispark rephase} does.
 *
 * @param target the new phase centre (J2000)
 * @param targetLabel how the target was given, for the console and the lake's history
 * @param where a Spark SQL predicate over the {@code ms} view selecting the MS, or null for all
 * @param columns lake columns to rephase: any of data, model_data, corrected_data
 * @param toleranceArcmin MS whose rows' phase centres all lie within this of the target are left as they are
 * @param model           a sky model to predict into MODEL_DATA of the MS rephased, in the same pass (one new version,
 *                        not two: the pipeline's rephase and predict of a calibrator observation), or null; MODEL_DATA
 *                        is then predicted at the target instead of rephased
 */
public record RephaseOptions(String lake, RaDec target, String targetLabel, String where, List<String> columns,
        double toleranceArcmin, String codec, Model model) {
    /** The lake's packed complex columns, which rephasing changes. */
    public static final List<String> COMPLEX_COLUMNS = List.of("data", "model_data", "corrected_data");
    public static final double DEFAULT_TOLERANCE_ARCMIN = 0.001;

    /** The sky model predicted with a rephase: its components, the primary beam attenuating them (or null), a label. */
    public record Model(List<SkyComponent> components, PrimaryBeam beam, String label) {}

    /** Rephasing alone, no model predicted. */
    public RephaseOptions(String lake, RaDec target, String targetLabel, String where, List<String> columns,
            double toleranceArcmin, String codec) {
        this(lake, target, targetLabel, where, columns, toleranceArcmin, codec, null);
    }

    public RephaseOptions {
        if (!(toleranceArcmin >= 0)) {
            throw new IllegalArgumentException("tolerance must be a non-negative number of arcmin, not " + toleranceArcmin);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to rephase");
        }
        for (String c : columns) {
            if (!COMPLEX_COLUMNS.contains(c)) {
                throw new IllegalArgumentException("column '" + c + "' cannot be rephased; choose from DATA, MODEL_DATA,"
                        + " CORRECTED_DATA");
            }
        }
    }
}
