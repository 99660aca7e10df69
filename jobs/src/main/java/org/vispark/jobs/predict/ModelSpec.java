package org.vispark.jobs.predict;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;

/**
 * The sky model to predict into one MS's MODEL_DATA, with what its rows' predictions need besides their phase
 * centres and frequencies.
 *
 * @param components    the sky model's components
 * @param beam          the primary beam attenuating them, or null for none
 * @param pointings_rad J2000 (ra, dec) the dishes point at for each FIELD_ID (REFERENCE_DIR), for the beam
 * @param corrTypes     the correlations (casacore Stokes codes, CORR_TYPE) of each POLARIZATION row
 */
public record ModelSpec(List<SkyComponent> components, PrimaryBeam beam, Map<Integer, double[]> pointings_rad,
        Map<Integer, int[]> corrTypes) implements Serializable {

    /** The spec of {@code components} for an MS of these subtable rows (its fields' pointings, its polarizations). */
    public static ModelSpec forMs(List<SkyComponent> components, PrimaryBeam beam,
            Map<LakeTable, List<GenericRecord>> subtables) {
        return new ModelSpec(List.copyOf(components), beam,
                j2000Directions(subtables.getOrDefault(LakeTable.FIELDS, List.of()), "reference_dir"),
                MsVersions.corrTypes(subtables.get(LakeTable.POLARIZATIONS)));
    }

    /**
     * (ra, dec) of each field's direction {@code column} (fields rows' {@code phase_dir} or {@code reference_dir}),
     * radians, for the fields whose direction is J2000 (or ICRS).
     */
    static Map<Integer, double[]> j2000Directions(List<GenericRecord> fields, String column) {
        Map<Integer, double[]> out = new HashMap<>();
        for (GenericRecord f : fields) {
            if (isJ2000(f.get(column + "_frame"))) {
                out.put((Integer) f.get("field_id"), new double[] {(Double) f.get(column + "_lon_rad"),
                        (Double) f.get(column + "_lat_rad")});
            }
        }
        return out;
    }

    private static boolean isJ2000(Object frame) {
        return frame != null && (frame.toString().equals("J2000") || frame.toString().equals("ICRS"));
    }
}
