package org.vispark.formats.uvh5;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One HDF5 group of a UVH5 file, its datasets read as Java values: the only class of the header
 * reader that sees jhdf's api types. Integers of any width come back as {@code int} or {@code long},
 * HDF5 booleans (h5py's enum of int8) as {@code boolean}, byte strings as {@code String}.
 */
final class Hdf5Group {
    private final Path file;
    private final Group group;

    Hdf5Group(Path file, Group group) {
        this.file = file;
        this.group = group;
    }

    boolean has(String name) {
        return group.getChildren().containsKey(name);
    }

    Hdf5Group subgroup(String name) throws Uvh5FormatException {
        Node n = node(name);
        if (!(n instanceof Group g)) {
            throw new Uvh5FormatException(file, n.getPath() + " is not a group");
        }
        return new Hdf5Group(file, g);
    }

    /** Member names in the file's order. */
    Iterable<String> names() {
        return group.getChildren().keySet();
    }

    long scalarLong(String name) throws Uvh5FormatException {
        Object v = value(name);
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return n.longValue();
        }
        throw wrongType(name, "an integer scalar", v);
    }

    int scalarInt(String name) throws Uvh5FormatException {
        return Math.toIntExact(scalarLong(name));
    }

    double scalarDouble(String name) throws Uvh5FormatException {
        Object v = value(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(name, "a numeric scalar", v);
    }

    String string(String name) throws Uvh5FormatException {
        Object v = value(name);
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(name, "a string", v);
    }

    String[] strings(String name) throws Uvh5FormatException {
        Object v = value(name);
        if (v instanceof String[] s) {
            return s;
        }
        throw wrongType(name, "a string array", v);
    }

    /** A 1-d integer dataset of any width, or a scalar as one element. */
    int[] ints(String name) throws Uvh5FormatException {
        Object v = value(name);
        if (v instanceof int[] a) {
            return a;
        }
        if (v instanceof long[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = Math.toIntExact(a[i]);
            }
            return out;
        }
        if (v instanceof short[] || v instanceof byte[] || v instanceof Number) {
            double[] d = numbers(name, v);
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (int) d[i];
            }
            return out;
        }
        throw wrongType(name, "an integer array", v);
    }

    /** A numeric dataset of any shape and type, flattened in C order; a scalar as one element. */
    double[] doubles(String name) throws Uvh5FormatException {
        return numbers(name, value(name));
    }

    /**
     * A 2-d numeric dataset of shape (n, {@code width}) flattened in C order (row i at [width·i, width·(i + 1))),
     * read flat: no Java array per row (a DSA-110 file's {@code uvw_array} has 146,520 rows).
     */
    double[] rows(String name, int width) throws Uvh5FormatException {
        Dataset d = dataset(name);
        int[] dims = d.getDimensions();
        if (dims.length != 2 || dims[1] != width) {
            throw new Uvh5FormatException(file, d.getPath() + " has shape " + Arrays.toString(dims)
                    + ", not (n, " + width + ")");
        }
        return numbers(name, read(d, Dataset::getDataFlat));
    }

    /** A 2-d numeric dataset as rows (its declared shape, e.g. (Nants, 3)). */
    double[][] doubles2d(String name) throws Uvh5FormatException {
        Object v = value(name);
        if (v instanceof double[][] a) {
            return a;
        }
        if (v != null && v.getClass().isArray() && Array.getLength(v) > 0 && Array.get(v, 0).getClass().isArray()) {
            double[][] out = new double[Array.getLength(v)][];
            for (int i = 0; i < out.length; i++) {
                out[i] = numbers(name, Array.get(v, i));
            }
            return out;
        }
        throw wrongType(name, "a 2-d numeric array", v);
    }

    int[] dimensions(String name) throws Uvh5FormatException {
        return dataset(name).getDimensions();
    }

    /**
     * Every dataset of this group as a Java value (scalars as String, Long, Double or Boolean; arrays
     * as jhdf returns them), for free-form groups such as {@code extra_keywords}.
     */
    Map<String, Object> values() throws Uvh5FormatException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names()) {
            if (node(name) instanceof Dataset) {
                out.put(name, value(name));
            }
        }
        return out;
    }

    Dataset dataset(String name) throws Uvh5FormatException {
        Node n = node(name);
        if (!(n instanceof Dataset d)) {
            throw new Uvh5FormatException(file, n.getPath() + " is not a dataset");
        }
        return d;
    }

    private Node node(String name) throws Uvh5FormatException {
        Node n = group.getChildren().get(name);
        if (n == null) {
            throw new Uvh5FormatException(file, "missing dataset " + group.getPath() + name);
        }
        return n;
    }

    private Object value(String name) throws Uvh5FormatException {
        Dataset d = dataset(name);
        Object v = read(d, Dataset::getData);
        return d.getDataType() instanceof io.jhdf.object.datatype.EnumDataType ? booleans(name, v) : v;
    }

    /** {@code d}'s data as {@code how} reads it; jhdf's failure as one naming the file and dataset. */
    private Object read(Dataset d, Function<Dataset, Object> how) throws Uvh5FormatException {
        try {
            return how.apply(d);
        } catch (RuntimeException e) {
            throw new Uvh5FormatException(file, "cannot read " + d.getPath() + ": " + e.getMessage(), e);
        }
    }

    /** h5py writes numpy booleans as an HDF5 enum FALSE = 0, TRUE = 1. */
    private Object booleans(String name, Object v) throws Uvh5FormatException {
        if (v instanceof String s) {
            return bool(name, s);
        }
        if (v instanceof String[] a) {
            boolean[] out = new boolean[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = bool(name, a[i]);
            }
            return out;
        }
        throw wrongType(name, "a boolean", v);
    }

    private boolean bool(String name, String s) throws Uvh5FormatException {
        return switch (s) {
            case "TRUE" -> true;
            case "FALSE" -> false;
            default -> throw new Uvh5FormatException(file, group.getPath() + name + ": enum value " + s
                    + " is not an h5py boolean");
        };
    }

    private double[] numbers(String name, Object v) throws Uvh5FormatException {
        if (v instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (v instanceof double[] a) {
            return a;
        }
        if (v == null || !v.getClass().isArray()) {
            throw wrongType(name, "a numeric array", v);
        }
        int n = Array.getLength(v);
        if (n > 0 && Array.get(v, 0).getClass().isArray()) {
            double[][] parts = new double[n][];
            int total = 0;
            for (int i = 0; i < n; i++) {
                parts[i] = numbers(name, Array.get(v, i));
                total += parts[i].length;
            }
            double[] out = new double[total];
            int at = 0;
            for (double[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object e = Array.get(v, i);
            if (!(e instanceof Number num)) {
                throw wrongType(name, "a numeric array", v);
            }
            out[i] = num.doubleValue();
        }
        return out;
    }

    private Uvh5FormatException wrongType(String name, String expected, Object v) {
        String got = v == null ? "nothing" : v.getClass().getSimpleName();
        return new Uvh5FormatException(file, group.getPath() + name + " is not " + expected + " (read " + got + ")");
    }
}
