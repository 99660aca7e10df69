package org.vispark.jobs.lake;

import org.apache.avro.Schema;

/**
 * Positions of the fields of the visibilities schema ({@link LakeTable#VISIBILITIES}), for
 * {@code GenericRecord.get(int)} and {@code put(int, Object)} on its records: access by name looks the field up in
 * the schema's map for every value. Only for records of that schema itself, as {@link VisibilityRewriter} gives
 * them (a reader with a projected schema numbers its fields otherwise).
 */
public final class VisFields {
    private static final Schema SCHEMA = LakeTable.VISIBILITIES.schema();

    public static final int ANTENNA1 = of("antenna1");
    public static final int ANTENNA2 = of("antenna2");
    public static final int TIME = of("time");
    public static final int FIELD_ID = of("field_id");
    public static final int SPW = of("spw");
    public static final int NUM_CHAN = of("num_chan");
    public static final int POL_ID = of("pol_id");
    public static final int NUM_POL = of("num_pol");
    public static final int UVW = of("uvw");
    public static final int DATA = of("data");
    public static final int FLAG = of("flag");
    public static final int MODEL_DATA = of("model_data");
    public static final int CORRECTED_DATA = of("corrected_data");
    public static final int CONVERSION = of("conversion");

    private VisFields() {}

    /** The position of field {@code name}; a name the schema lacks is an {@link IllegalArgumentException}. */
    public static int of(String name) {
        Schema.Field f = SCHEMA.getField(name);
        if (f == null) {
            throw new IllegalArgumentException("the visibilities schema has no field " + name);
        }
        return f.pos();
    }
}
