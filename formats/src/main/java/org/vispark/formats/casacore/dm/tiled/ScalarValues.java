package org.vispark.formats.casacore.dm.tiled;

import org.vispark.formats.casacore.DataType;

/**
 * Stores single values from their boxed form (as {@link org.vispark.formats.casacore.TableRecord} holds them) into the flat
 * arrays of {@link DataType#newArray}. Only used for the few values of id and coordinate columns.
 */
final class ScalarValues {
    private ScalarValues() {}

    /** Stores boxed {@code value} of {@code type} as value number {@code index} of {@code array}. */
    static void put(DataType type, Object value, Object array, int index) {
        switch (type) {
            case BOOL -> ((boolean[]) array)[index] = (Boolean) value;
            case CHAR, UCHAR -> ((byte[]) array)[index] = (Byte) value;
            case SHORT, USHORT -> ((short[]) array)[index] = (Short) value;
            case INT, UINT -> ((int[]) array)[index] = (Integer) value;
            case INT64 -> ((long[]) array)[index] = (Long) value;
            case FLOAT -> ((float[]) array)[index] = (Float) value;
            case DOUBLE -> ((double[]) array)[index] = (Double) value;
            case COMPLEX -> System.arraycopy((float[]) value, 0, array, 2 * index, 2);
            case DCOMPLEX -> System.arraycopy((double[]) value, 0, array, 2 * index, 2);
            case STRING -> ((String[]) array)[index] = (String) value;
            default -> throw new IllegalArgumentException("no scalar form for " + type);
        }
    }
}
