package org.vispark.formats.casacore.write;

import java.util.Arrays;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableRecord;

/**
 * A column to write: its name, value type, cell shape, where it is stored, and its keywords.
 *
 * <p>Shapes are in casacore order (first axis varying fastest): an MS DATA cell is {@code [npol, nchan]}.
 * A scalar column has an empty shape. Only fixed-shape array columns are written.
 *
 * @param name     column name
 * @param type     value type (Bool, Int, Float, Double, Complex or String; also uChar, Short, uInt, Int64, DComplex)
 * @param shape    fixed cell shape, casacore order; empty for a scalar column
 * @param storage  the storage manager that holds the column
 * @param comment  free-text comment
 * @param keywords column keywords (e.g. QuantumUnits, MEASINFO)
 */
public record ColumnSpec(String name, DataType type, int[] shape, Storage storage, String comment,
        TableRecord keywords) {

    /** Where a column's values are stored. */
    public enum Storage {
        /** casacore's StandardStMan, shared by all such columns of a table: scalars and small arrays. */
        STANDARD,
        /** A TiledColumnStMan of its own (fixed-shape arrays only): large arrays such as DATA and FLAG. */
        TILED
    }

    public ColumnSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a column needs a name");
        }
        if (type == DataType.TABLE || type == DataType.RECORD || type == DataType.CHAR) {
            throw new IllegalArgumentException("column " + name + ": type " + type + " cannot be written");
        }
        shape = shape == null ? new int[0] : shape.clone();
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("column " + name + ": cell shape " + Arrays.toString(shape)
                        + " has an axis shorter than 1");
            }
        }
        if (storage == Storage.TILED && (shape.length == 0 || type == DataType.STRING)) {
            throw new IllegalArgumentException("column " + name + ": only fixed-shape non-String arrays can be tiled");
        }
        comment = comment == null ? "" : comment;
        keywords = keywords == null ? new TableRecord() : keywords;
    }

    /** A scalar column in the StandardStMan. */
    public static ColumnSpec scalar(String name, DataType type, TableRecord keywords) {
        return new ColumnSpec(name, type, new int[0], Storage.STANDARD, "", keywords);
    }

    /** A fixed-shape array column in the StandardStMan (cells stored directly in its buckets). */
    public static ColumnSpec array(String name, DataType type, int[] shape, TableRecord keywords) {
        return new ColumnSpec(name, type, shape, Storage.STANDARD, "", keywords);
    }

    /** A fixed-shape array column in a TiledColumnStMan of its own. */
    public static ColumnSpec tiled(String name, DataType type, int[] shape, TableRecord keywords) {
        return new ColumnSpec(name, type, shape, Storage.TILED, "", keywords);
    }

    public boolean isArray() {
        return shape.length > 0;
    }

    /** Values per cell (1 for a scalar). */
    public int cellValues() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("column " + name + ": cells of " + n + " values are too large");
        }
        return (int) n;
    }

    /** Java array elements per cell ({@link DataType#elementsPerValue()} per value). */
    public int cellElements() {
        return cellValues() * type.elementsPerValue();
    }

    @Override
    public String toString() {
        return name + ":" + type + (isArray() ? Arrays.toString(shape) : "") + "@" + storage;
    }
}
