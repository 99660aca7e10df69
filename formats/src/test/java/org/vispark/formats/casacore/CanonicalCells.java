package org.vispark.formats.casacore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical byte form of table cells that {@code dump_reference.py} hashes (its docstring is the
 * definition): per row a defined marker (1/0), then int32 ndim, the shape in casacore order and the
 * values in casacore order, all little-endian; Bool as one byte 0/1, Complex as re,im float32, String
 * as int32 byte length + UTF-8; Record cells as the kind-tagged canonical record.
 */
final class CanonicalCells {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Clears the buffer for the next row. */
    void reset() {
        out.reset();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** An undefined cell. */
    void undefined() {
        out.write(0);
    }

    /**
     * A defined cell of {@code type} with casacore shape {@code shape} (length 0 for a scalar) whose
     * values start at value {@code firstValue} of the flat array {@code values} (as
     * {@link DataType#newArray} makes it).
     */
    void cell(DataType type, int[] shape, Object values, int firstValue) {
        out.write(1);
        int32(shape.length);
        long n = 1;
        for (int s : shape) {
            int32(s);
            n *= s;
        }
        values(type, values, firstValue, (int) n);
    }

    private void values(DataType type, Object values, int first, int n) {
        switch (type) {
            case BOOL -> {
                boolean[] v = (boolean[]) values;
                for (int i = 0; i < n; i++) {
                    out.write(v[first + i] ? 1 : 0);
                }
            }
            case CHAR, UCHAR -> out.write((byte[]) values, first, n);
            case SHORT, USHORT -> {
                short[] v = (short[]) values;
                for (int i = 0; i < n; i++) {
                    int16(v[first + i]);
                }
            }
            case INT, UINT -> {
                int[] v = (int[]) values;
                for (int i = 0; i < n; i++) {
                    int32(v[first + i]);
                }
            }
            case INT64 -> {
                long[] v = (long[]) values;
                for (int i = 0; i < n; i++) {
                    int64(v[first + i]);
                }
            }
            case FLOAT, COMPLEX -> {
                float[] v = (float[]) values;
                int k = type.elementsPerValue();
                for (int i = 0; i < n * k; i++) {
                    int32(Float.floatToRawIntBits(v[first * k + i]));
                }
            }
            case DOUBLE, DCOMPLEX -> {
                double[] v = (double[]) values;
                int k = type.elementsPerValue();
                for (int i = 0; i < n * k; i++) {
                    int64(Double.doubleToRawLongBits(v[first * k + i]));
                }
            }
            case STRING -> {
                String[] v = (String[]) values;
                for (int i = 0; i < n; i++) {
                    string(v[first + i]);
                }
            }
            case RECORD -> {
                TableRecord[] v = (TableRecord[]) values;
                for (int i = 0; i < n; i++) {
                    record(v[first + i]);
                }
            }
            default -> throw new IllegalArgumentException("no canonical form for " + type);
        }
    }

    /** A record by value kinds, as python-casacore hands record cells out (scalars widened). */
    private void record(TableRecord r) {
        int32(r.size());
        for (Map.Entry<String, TableRecord.Field> e : r.fields().entrySet()) {
            string(e.getKey());
            TableRecord.Field f = e.getValue();
            Object v = f.value();
            if (v instanceof TableRecord sub) {
                out.write('r');
                record(sub);
            } else if (v instanceof ArrayValue a) {
                out.write('a');
                char kind = kind(a.type());
                out.write(kind);
                int32(a.shape().length);
                for (int s : a.shape()) {
                    int32(s);
                }
                for (int i = 0; i < a.size(); i++) {
                    kindValue(kind, a.type(), java.lang.reflect.Array.get(a.values(),
                            a.type().elementsPerValue() * i), a.values(), i);
                }
            } else {
                char kind = kind(f.type());
                out.write(kind);
                kindValue(kind, f.type(), v, null, 0);
            }
        }
    }

    private static char kind(DataType t) {
        return switch (t) {
            case BOOL -> 'b';
            case CHAR, UCHAR, SHORT, USHORT, INT, UINT, INT64 -> 'i';
            case FLOAT, DOUBLE -> 'f';
            case COMPLEX, DCOMPLEX -> 'c';
            case STRING -> 's';
            default -> throw new IllegalArgumentException("no canonical record kind for " + t);
        };
    }

    /** One value by kind; {@code array}/{@code index} locate a complex value inside an array. */
    private void kindValue(char kind, DataType type, Object v, Object array, int index) {
        switch (kind) {
            case 'b' -> out.write((Boolean) v ? 1 : 0);
            case 'i' -> int64(integer(type, v));
            case 'f' -> int64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
            case 'c' -> {
                double re;
                double im;
                if (array instanceof float[] f) {
                    re = f[2 * index];
                    im = f[2 * index + 1];
                } else if (array instanceof double[] d) {
                    re = d[2 * index];
                    im = d[2 * index + 1];
                } else if (v instanceof float[] f) {
                    re = f[0];
                    im = f[1];
                } else {
                    double[] d = (double[]) v;
                    re = d[0];
                    im = d[1];
                }
                int64(Double.doubleToRawLongBits(re));
                int64(Double.doubleToRawLongBits(im));
            }
            default -> string((String) v);
        }
    }

    /** An integer value of a casacore integer type, unsigned types as their unsigned value. */
    static long integer(DataType type, Object v) {
        return switch (type) {
            case UCHAR -> ((Byte) v) & 0xffL;
            case USHORT -> ((Short) v) & 0xffffL;
            case UINT -> Integer.toUnsignedLong((Integer) v);
            default -> ((Number) v).longValue();
        };
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int32(b.length);
        out.write(b, 0, b.length);
    }

    private void int16(int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    private void int32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private void int64(long v) {
        int32((int) v);
        int32((int) (v >>> 32));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 16 hex characters of the SHA-256 of {@code b}, as dump_reference.py's rowDigests. */
    static String rowDigest(byte[] b) {
        return HexFormat.of().formatHex(sha256().digest(b)).substring(0, 16);
    }
}
