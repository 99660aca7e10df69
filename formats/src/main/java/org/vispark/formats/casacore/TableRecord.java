package org.vispark.formats.casacore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A casacore keyword record: ordered, named fields, possibly nested.
 *
 * <p>Field values are: {@link Boolean}, {@link Byte} (uChar, unsigned), {@link Short},
 * {@link Integer} (Int and uInt), {@link Long} (Int64), {@link Float}, {@link Double},
 * {@code float[2]} (Complex: re, im), {@code double[2]} (DComplex), {@link String},
 * {@link ArrayValue} (array fields), {@link TableRecord} (sub-records) and {@link TableReference}
 * (a keyword that names a subtable).
 */
public final class TableRecord {
    /** One field: its casacore type, value and comment. */
    public record Field(String name, DataType type, boolean isArray, Object value, String comment) {}

    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** Adds (or replaces) a field; returns this record. */
    public TableRecord put(Field field) {
        fields.put(field.name(), field);
        return this;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    public Map<String, Field> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public int size() {
        return fields.size();
    }

    /** The value of a field, or null when there is none. */
    public Object get(String name) {
        Field f = fields.get(name);
        return f == null ? null : f.value();
    }

    /** A nested record, or null. */
    public TableRecord getRecord(String name) {
        return get(name) instanceof TableRecord r ? r : null;
    }

    /** A string field, or null. */
    public String getString(String name) {
        return get(name) instanceof String s ? s : null;
    }

    /** A string array field as Java strings (a scalar string gives one element), or null. */
    public String[] getStrings(String name) {
        Object v = get(name);
        if (v instanceof String s) {
            return new String[] {s};
        }
        if (v instanceof ArrayValue a && a.type() == DataType.STRING) {
            return (String[]) a.values();
        }
        return null;
    }

    @Override
    public String toString() {
        return fields.keySet().toString();
    }
}
