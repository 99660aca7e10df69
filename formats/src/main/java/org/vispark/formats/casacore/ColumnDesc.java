package org.vispark.formats.casacore;

import java.util.Arrays;

/**
 * A column's description as {@code table.dat} holds it.
 *
 * @param name             column name
 * @param comment          free text
 * @param dataType         element type
 * @param isArray          false for scalar columns
 * @param ndim             array dimensionality; -1 (or 0) when not fixed
 * @param shape            fixed cell shape (casacore order, first axis fastest), empty when not fixed
 * @param options          casacore option bits: {@link #OPTION_DIRECT} (1), {@link #OPTION_UNDEFINED}
 *                         (2), {@link #OPTION_FIXED_SHAPE} (4)
 * @param maxLength        maximum string length (0: unlimited)
 * @param dataManagerType  data manager type named in the description (the one actually bound may differ)
 * @param dataManagerGroup data manager group
 * @param keywords         column keywords (e.g. QuantumUnits, MEASINFO)
 */
public record ColumnDesc(String name, String comment, DataType dataType, boolean isArray, int ndim, int[] shape,
        int options, int maxLength, String dataManagerType, String dataManagerGroup, TableRecord keywords) {
    public static final int OPTION_DIRECT = 1;
    public static final int OPTION_UNDEFINED = 2;
    public static final int OPTION_FIXED_SHAPE = 4;

    /** Whether every cell has the same, fixed shape. */
    public boolean isFixedShape() {
        return isArray && shape.length > 0 && (options & OPTION_FIXED_SHAPE) != 0;
    }

    @Override
    public String toString() {
        return name + ":" + dataType + (isArray ? (shape.length > 0 ? Arrays.toString(shape) : "[ndim=" + ndim + "]") : "");
    }
}
