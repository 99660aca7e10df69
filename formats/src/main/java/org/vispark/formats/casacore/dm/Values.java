package org.vispark.formats.casacore.dm;

import java.nio.ByteBuffer;
import org.vispark.formats.casacore.DataType;

/** Decodes fixed-size values from storage-manager bytes into the primitive arrays of {@link DataType}. */
public final class Values {
    private Values() {}

    /**
     * Decodes {@code nValues} values of {@code type} (any fixed-size type but Bool) from {@code src}
     * (its byte order applies, its position advances) into {@code out} at element {@code outOffset}.
     */
    public static void decode(DataType type, ByteBuffer src, int nValues, Object out, int outOffset) {
        int n = nValues * type.elementsPerValue();
        switch (type) {
            case CHAR, UCHAR -> src.get((byte[]) out, outOffset, n);
            case SHORT, USHORT -> {
                src.asShortBuffer().get((short[]) out, outOffset, n);
                src.position(src.position() + 2 * n);
            }
            case INT, UINT -> {
                src.asIntBuffer().get((int[]) out, outOffset, n);
                src.position(src.position() + 4 * n);
            }
            case INT64 -> {
                src.asLongBuffer().get((long[]) out, outOffset, n);
                src.position(src.position() + 8 * n);
            }
            case FLOAT, COMPLEX -> {
                src.asFloatBuffer().get((float[]) out, outOffset, n);
                src.position(src.position() + 4 * n);
            }
            case DOUBLE, DCOMPLEX -> {
                src.asDoubleBuffer().get((double[]) out, outOffset, n);
                src.position(src.position() + 8 * n);
            }
            default -> throw new IllegalArgumentException("not a fixed-size numeric type: " + type);
        }
    }

    /**
     * Unpacks {@code n} Bools stored one bit each (casacore's packing: bit {@code k % 8} of byte
     * {@code k / 8}, least significant bit first) starting at bit {@code firstBit} of {@code src}.
     */
    public static void unpackBits(byte[] src, long firstBit, boolean[] out, int outOffset, int n) {
        int i = 0;
        // leading bits up to a byte boundary
        for (; i < n && ((firstBit + i) & 7) != 0; i++) {
            long bit = firstBit + i;
            out[outOffset + i] = (src[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
        }
        // whole bytes, eight values at a time
        int b = (int) ((firstBit + i) >>> 3);
        int o = outOffset + i;
        for (; i + 8 <= n; i += 8, b++, o += 8) {
            int v = src[b];
            out[o] = (v & 1) != 0;
            out[o + 1] = (v & 2) != 0;
            out[o + 2] = (v & 4) != 0;
            out[o + 3] = (v & 8) != 0;
            out[o + 4] = (v & 16) != 0;
            out[o + 5] = (v & 32) != 0;
            out[o + 6] = (v & 64) != 0;
            out[o + 7] = (v & 128) != 0;
        }
        // trailing bits
        for (; i < n; i++) {
            long bit = firstBit + i;
            out[outOffset + i] = (src[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
        }
    }
}
