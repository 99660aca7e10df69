package org.vispark.formats.casacore;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a keyword record read by the Java reader with the field list dump_reference.py wrote
 * (its docstring defines the JSON form): names and order, casacore types (or python's value kinds
 * where casacore's types were not available), array shapes and every value exactly (floating point by
 * bits, NaN equal to NaN, -0.0 differing from 0.0).
 */
final class KeywordComparison {
    private final Path tableDir;
    private final List<String> differences = new ArrayList<>();

    private KeywordComparison(Path tableDir) {
        this.tableDir = tableDir;
    }

    /**
     * The differences between {@code actual} and the reference {@code expected}, each naming the
     * field by its path; empty when they agree.
     *
     * @param tableDir the directory of the table holding the keywords (table references are relative to it)
     */
    static List<String> compare(String where, JsonNode expected, TableRecord actual, Path tableDir) {
        KeywordComparison c = new KeywordComparison(tableDir.toAbsolutePath().normalize());
        c.record(where, expected, actual);
        return c.differences;
    }

    private void record(String where, JsonNode expected, TableRecord actual) {
        List<String> expectedNames = new ArrayList<>();
        expected.forEach(f -> expectedNames.add(f.get("name").asText()));
        List<String> actualNames = new ArrayList<>(actual.names());
        if (!expectedNames.equals(actualNames)) {
            differences.add(where + ": field names " + actualNames + ", expected " + expectedNames);
        }
        for (JsonNode f : expected) {
            String name = f.get("name").asText();
            TableRecord.Field field = actual.fields().get(name);
            if (field != null) {
                field(where + "." + name, f, field);
            }
        }
    }

    private void field(String where, JsonNode f, TableRecord.Field actual) {
        String type = f.get("type").asText();
        String actualType = typeName(actual);
        if (type.startsWith("py:") ? !type.equals(pythonKind(actual)) : !type.equals(actualType)) {
            differences.add(where + ": type " + actualType + (actual.isArray() ? " array" : "") + ", expected "
                    + type);
            return;
        }
        if (type.equals("Record")) {
            if (actual.value() instanceof TableRecord r) {
                record(where, f.get("value"), r);
            } else {
                differences.add(where + ": a Record field holds " + actual.value());
            }
            return;
        }
        if (type.equals("Table")) {
            table(where, f, actual.value());
            return;
        }
        boolean isArray = f.path("array").asBoolean(false);
        if (isArray != actual.isArray() || isArray != (actual.value() instanceof ArrayValue)) {
            differences.add(where + ": array " + actual.isArray() + " (value " + actual.value() + "), expected "
                    + isArray);
            return;
        }
        if (isArray) {
            ArrayValue a = (ArrayValue) actual.value();
            int[] shape = ints(f.get("shape"));
            if (!Arrays.equals(shape, a.shape())) {
                differences.add(where + ": shape " + Arrays.toString(a.shape()) + ", expected "
                        + Arrays.toString(shape));
                return;
            }
            JsonNode values = f.get("value");
            for (int i = 0; i < values.size(); i++) {
                String d = value(a.type(), values.get(i), element(a, i));
                if (d != null) {
                    differences.add(where + "[" + i + "]: " + d);
                    return;
                }
            }
            return;
        }
        String d = value(actual.type(), f.get("value"), actual.value());
        if (d != null) {
            differences.add(where + ": " + d);
        }
    }

    private void table(String where, JsonNode f, Object value) {
        if (!(value instanceof TableReference ref)) {
            differences.add(where + ": a Table field holds " + value);
            return;
        }
        Path resolved = ref.resolve(tableDir).toAbsolutePath().normalize();
        String relative = tableDir.relativize(resolved).toString();
        if (!relative.equals(f.get("value").asText())) {
            differences.add(where + ": table " + ref.name() + " resolves to " + relative + ", expected "
                    + f.get("value").asText());
        }
    }

    /** Element i of an array value in the boxed form of a scalar field (Complex as float[2]). */
    private static Object element(ArrayValue a, int i) {
        Object v = a.values();
        if (a.type() == DataType.COMPLEX) {
            float[] f = (float[]) v;
            return new float[] {f[2 * i], f[2 * i + 1]};
        }
        if (a.type() == DataType.DCOMPLEX) {
            double[] d = (double[]) v;
            return new double[] {d[2 * i], d[2 * i + 1]};
        }
        return Array.get(v, i);
    }

    /** Null when {@code actual} (a boxed scalar of {@code type}) equals the JSON value, else what differs. */
    private static String value(DataType type, JsonNode expected, Object actual) {
        boolean same = switch (type) {
            case BOOL -> expected.isBoolean() && expected.asBoolean() == (Boolean) actual;
            case CHAR, UCHAR, SHORT, USHORT, INT, UINT, INT64 ->
                    expected.isIntegralNumber() && expected.asLong() == CanonicalCells.integer(type, actual);
            case FLOAT, DOUBLE -> sameDouble(expected, ((Number) actual).doubleValue());
            case COMPLEX -> sameDouble(expected.get(0), ((float[]) actual)[0])
                    && sameDouble(expected.get(1), ((float[]) actual)[1]);
            case DCOMPLEX -> sameDouble(expected.get(0), ((double[]) actual)[0])
                    && sameDouble(expected.get(1), ((double[]) actual)[1]);
            case STRING -> expected.isTextual() && expected.asText().equals(actual);
            default -> false;
        };
        return same ? null : "value " + show(actual) + ", expected " + expected;
    }

    private static boolean sameDouble(JsonNode expected, double actual) {
        if (expected == null || !expected.isTextual()) {
            return false;
        }
        return Double.compare(parsePythonFloat(expected.asText()), actual) == 0;
    }

    /** A python repr() of a float. */
    static double parsePythonFloat(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String show(Object v) {
        if (v instanceof float[] f) {
            return Arrays.toString(f);
        }
        if (v instanceof double[] d) {
            return Arrays.toString(d);
        }
        return String.valueOf(v);
    }

    /** casacore's name of a field's type: Bool, uChar, ..., String, Table, Record. */
    static String typeName(TableRecord.Field f) {
        return switch (f.type()) {
            case BOOL -> "Bool";
            case CHAR -> "Char";
            case UCHAR -> "uChar";
            case SHORT -> "Short";
            case USHORT -> "uShort";
            case INT -> "Int";
            case UINT -> "uInt";
            case INT64 -> "Int64";
            case FLOAT -> "Float";
            case DOUBLE -> "Double";
            case COMPLEX -> "Complex";
            case DCOMPLEX -> "DComplex";
            case STRING -> "String";
            case TABLE -> "Table";
            case RECORD -> "Record";
        };
    }

    /** The kind python-casacore hands a field's values out as (py:int, py:float, ...), Table and Record as such. */
    private static String pythonKind(TableRecord.Field f) {
        return switch (f.type()) {
            case BOOL -> "py:bool";
            case CHAR, UCHAR, SHORT, USHORT, INT, UINT, INT64 -> "py:int";
            case FLOAT, DOUBLE -> "py:float";
            case COMPLEX, DCOMPLEX -> "py:complex";
            case STRING -> "py:string";
            case TABLE -> "Table";
            case RECORD -> "Record";
        };
    }

    static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }
}
