package org.vispark.formats.casacore.write;

import java.nio.ByteBuffer;
import org.vispark.formats.casacore.DataType;

/**
 * Copies values from their Java array form ({@link DataType#newArray}) into storage-manager bytes, in the
 * buffer's byte order, with bulk buffer views. Bool values are packed as bits, least significant bit first, as
 * casacore stores them in StandardStMan buckets and tiles.
 */
final class ValueCodec {
    private ValueCodec() {}

    /**
     * Puts {@code count} values of fixed-size {@code type} from element {@code from * elementsPerValue} of
     * {@code values} at {@code buf}'s absolute byte position {@code at}.
     */
    static void put(DataType type, Object values, int from, int count, ByteBuffer buf, int at) {
        int e = type.elementsPerValue();
        ByteBuffer b = buf.duplicate().order(buf.order());
        b.position(at);
        switch (type) {
            case UCHAR -> b.put((byte[]) values, from, count);
            case SHORT, USHORT -> b.asShortBuffer().put((short[]) values, from, count);
            case INT, UINT -> b.asIntBuffer().put((int[]) values, from, count);
            case INT64 -> b.asLongBuffer().put((long[]) values, from, count);
            case FLOAT, COMPLEX -> b.asFloatBuffer().put((float[]) values, from * e, count * e);
            case DOUBLE, DCOMPLEX -> b.asDoubleBuffer().put((double[]) values, from * e, count * e);
            default -> throw new IllegalArgumentException("no fixed-size byte form for " + type);
        }
    }

    /** Sets bits {@code [bit, bit + count)} of {@code bytes} (from byte {@code base}) to {@code values[from..]}. */
    static void putBits(boolean[] values, int from, int count, byte[] bytes, int base, long bit) {
        int i = 0;
        // Leading bits up to a byte boundary, whole bytes, then the trailing bits.
        while (i < count && ((bit + i) & 7) != 0) {
            setBit(bytes, base, bit + i, values[from + i]);
            i++;
        }
        int at = base + (int) ((bit + i) >>> 3);
        while (count - i >= 8) {
            int v = 0;
            for (int k = 0; k < 8; k++) {
                if (values[from + i + k]) {
                    v |= 1 << k;
                }
            }
            bytes[at++] = (byte) v;
            i += 8;
        }
        while (i < count) {
            setBit(bytes, base, bit + i, values[from + i]);
            i++;
        }
    }

    private static void setBit(byte[] bytes, int base, long bit, boolean v) {
        int at = base + (int) (bit >>> 3);
        int mask = 1 << (int) (bit & 7);
        bytes[at] = (byte) (v ? bytes[at] | mask : bytes[at] & ~mask);
    }

    /** Checks that {@code values} is {@code type}'s Java array form holding at least {@code elements} elements. */
    static void check(String column, DataType type, Object values, long elements) {
        int length;
        boolean ok = switch (type) {
            case BOOL -> values instanceof boolean[];
            case UCHAR -> values instanceof byte[];
            case SHORT, USHORT -> values instanceof short[];
            case INT, UINT -> values instanceof int[];
            case INT64 -> values instanceof long[];
            case FLOAT, COMPLEX -> values instanceof float[];
            case DOUBLE, DCOMPLEX -> values instanceof double[];
            case STRING -> values instanceof String[];
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("column " + column + " of type " + type + " needs its values as "
                    + type.newArray(0).getClass().getSimpleName() + ", got "
                    + (values == null ? "null" : values.getClass().getSimpleName()));
        }
        length = java.lang.reflect.Array.getLength(values);
        if (length != elements) {
            throw new IllegalArgumentException("column " + column + ": " + length + " array elements given where the"
                    + " rows need " + elements);
        }
    }
}
