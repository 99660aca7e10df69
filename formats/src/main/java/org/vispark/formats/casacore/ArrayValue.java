package org.vispark.formats.casacore;

import java.util.Arrays;

/**
 * An n-dimensional array value (a keyword value or one table cell).
 *
 * @param type   element type
 * @param shape  casacore shape, first axis varying fastest (an MS DATA cell is [npol, nchan];
 *               numpy shows the same cell as (nchan, npol))
 * @param values flat primitive array in casacore (column-major) order, as {@link DataType#newArray}
 */
public record ArrayValue(DataType type, int[] shape, Object values) {

    /** Number of values (product of the shape). */
    public long size() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
