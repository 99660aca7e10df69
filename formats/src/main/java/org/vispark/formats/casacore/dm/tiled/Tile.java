package org.vispark.formats.casacore.dm.tiled;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.vispark.formats.casacore.DataType;

/**
 * One data column's pixels of one tile, in tile order (first tile axis fastest), decoded on copy.
 * Numeric pixels are read through a typed view of the buffer in the table's byte order; Bool pixels
 * are bits (pixel k at bit {@code k % 8}, least significant first, of byte {@code k / 8}).
 */
final class Tile {
    /** The 8 Bools of each byte value: entries [8 * b, 8 * b + 8) hold the bits of b, least significant first. */
    private static final boolean[] BYTE_BITS = new boolean[256 * 8];

    static {
        for (int b = 0; b < 256; b++) {
            for (int j = 0; j < 8; j++) {
                BYTE_BITS[8 * b + j] = (b & (1 << j)) != 0;
            }
        }
    }

    private final DataType type;
    private final ByteBuffer buffer;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final ShortBuffer shorts;
    private final IntBuffer ints;
    private final LongBuffer longs;
    private final byte[] bytes;

    Tile(DataType type, ByteBuffer buffer) {
        this.type = type;
        this.buffer = buffer;
        this.floats = type == DataType.FLOAT || type == DataType.COMPLEX ? buffer.asFloatBuffer() : null;
        this.doubles = type == DataType.DOUBLE || type == DataType.DCOMPLEX ? buffer.asDoubleBuffer() : null;
        this.shorts = type == DataType.SHORT || type == DataType.USHORT ? buffer.asShortBuffer() : null;
        this.ints = type == DataType.INT || type == DataType.UINT ? buffer.asIntBuffer() : null;
        this.longs = type == DataType.INT64 ? buffer.asLongBuffer() : null;
        if (type == DataType.BOOL) {
            bytes = new byte[buffer.remaining()];
            buffer.get(0, bytes);
        } else {
            bytes = null;
        }
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Copies {@code n} pixels starting at tile pixel {@code pixel} into {@code out} (an array as
     * {@link DataType#newArray} makes) from value number {@code outValue}.
     */
    void copy(int pixel, Object out, int outValue, int n) {
        switch (type) {
            case FLOAT -> floats.get(pixel, (float[]) out, outValue, n);
            case COMPLEX -> floats.get(2 * pixel, (float[]) out, 2 * outValue, 2 * n);
            case DOUBLE -> doubles.get(pixel, (double[]) out, outValue, n);
            case DCOMPLEX -> doubles.get(2 * pixel, (double[]) out, 2 * outValue, 2 * n);
            case SHORT, USHORT -> shorts.get(pixel, (short[]) out, outValue, n);
            case INT, UINT -> ints.get(pixel, (int[]) out, outValue, n);
            case INT64 -> longs.get(pixel, (long[]) out, outValue, n);
            case CHAR, UCHAR -> buffer.get(pixel, (byte[]) out, outValue, n);
            case BOOL -> unpackBits(bytes, pixel, (boolean[]) out, outValue, n);
            default -> throw new IllegalStateException("no tiled form for " + type);
        }
    }

    /** Unpacks {@code n} bits from bit {@code bit} of {@code src}, least significant bit first. */
    static void unpackBits(byte[] src, int bit, boolean[] out, int off, int n) {
        int i = 0;
        while (i < n && (bit & 7) != 0) {
            out[off + i++] = (src[bit >>> 3] & (1 << (bit & 7))) != 0;
            bit++;
        }
        int b = bit >>> 3;
        int o = off + i;
        int full = (n - i) >>> 3;
        for (int k = 0; k < full; k++) {
            System.arraycopy(BYTE_BITS, (src[b++] & 0xff) << 3, out, o, 8);
            o += 8;
        }
        i += full << 3;
        bit += full << 3;
        while (i < n) {
            out[off + i++] = (src[bit >>> 3] & (1 << (bit & 7))) != 0;
            bit++;
        }
    }
}
