package org.vispark.udfs.vis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The packed binary form in which the visibility lake stores [channel, polarization] cells.
 *
 * <p>Cell order is casacore's: polarization varies fastest, so value {@code k = chan * numPol + pol}
 * (numpy shows the same MS cell as {@code (nchan, npol)}).
 * <ul>
 *   <li>Complex cells (DATA, MODEL_DATA, CORRECTED_DATA): little-endian IEEE float32 pairs
 *       {@code re, im}; value k at bytes {@code [8k, 8k + 8)}; {@code numChan = bytes / (8 numPol)}.</li>
 *   <li>Float cells (WEIGHT_SPECTRUM): little-endian float32; value k at bytes {@code [4k, 4k + 4)}.</li>
 *   <li>Flag cells (FLAG): one bit per value, LSB first: value k is bit {@code k % 8} of byte
 *       {@code k / 8}; {@code ceil(numChan numPol / 8)} bytes, unused high bits zero.</li>
 * </ul>
 */
public final class PackedCells {
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    private PackedCells() {}

    /** Bytes of a packed complex cell of {@code values} complex values. */
    public static int complexBytes(int values) {
        return values * 8;
    }

    /** Bytes of a packed flag cell of {@code values} flags. */
    public static int flagBytes(int values) {
        return (values + 7) >>> 3;
    }

    /**
     * Appends {@code count} floats of {@code src} from {@code offset} to {@code dst} as little-endian
     * float32 (a complex cell passes its interleaved re,im floats); advances {@code dst}'s position.
     */
    public static void putFloats(float[] src, int offset, int count, ByteBuffer dst) {
        ByteBuffer le = dst.order() == ByteOrder.LITTLE_ENDIAN ? dst : dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.asFloatBuffer().put(src, offset, count);
        dst.position(dst.position() + count * 4);
    }

    /** Appends {@code count} flags of {@code src} from {@code offset} to {@code dst}, packed 8 per byte, LSB first. */
    public static void putFlags(boolean[] src, int offset, int count, ByteBuffer dst) {
        if (dst.hasArray()) {
            // straight into the heap buffer's array: a put per byte costs more than the packing
            int bytes = flagBytes(count);
            if (dst.remaining() < bytes) {
                throw new java.nio.BufferOverflowException();
            }
            int at = dst.arrayOffset() + dst.position();
            dst.position(dst.position() + bytes);
            packFlags(src, offset, count, dst.array(), at);
            return;
        }
        byte[] out = new byte[flagBytes(count)];
        packFlags(src, offset, count, out, 0);
        dst.put(out);
    }

    private static void packFlags(boolean[] src, int offset, int count, byte[] out, int at) {
        int full = count >>> 3;
        int p = offset;
        for (int i = 0; i < full; i++, p += 8) {
            out[at++] = (byte) ((src[p] ? 1 : 0) | (src[p + 1] ? 2 : 0) | (src[p + 2] ? 4 : 0) | (src[p + 3] ? 8 : 0)
                    | (src[p + 4] ? 16 : 0) | (src[p + 5] ? 32 : 0) | (src[p + 6] ? 64 : 0) | (src[p + 7] ? 128 : 0));
        }
        int rest = count & 7;
        if (rest != 0) {
            int b = 0;
            for (int i = 0; i < rest; i++) {
                b |= (src[p + i] ? 1 : 0) << i;
            }
            out[at] = (byte) b;
        }
    }

    /** Packs floats (a complex cell: interleaved re,im) into a new little-endian array. */
    public static byte[] packFloats(float[] src, int offset, int count) {
        byte[] out = new byte[count * 4];
        putFloats(src, offset, count, ByteBuffer.wrap(out));
        return out;
    }

    /** Packs flags into a new array, 8 per byte, LSB first. */
    public static byte[] packFlags(boolean[] src, int offset, int count) {
        byte[] out = new byte[flagBytes(count)];
        packFlags(src, offset, count, out, 0);
        return out;
    }

    /** Float {@code index} of a packed float or complex cell (a complex value k is floats 2k, 2k+1). */
    public static float floatAt(byte[] cell, int index) {
        return (float) FLOAT_LE.get(cell, index * 4);
    }

    /** All floats of a packed float or complex cell. */
    public static float[] unpackFloats(byte[] cell) {
        if ((cell.length & 3) != 0) {
            throw new IllegalArgumentException("a packed float cell has a multiple of 4 bytes, not " + cell.length);
        }
        float[] out = new float[cell.length / 4];
        unpackFloats(cell, out);
        return out;
    }

    /** All floats of a packed float or complex cell into {@code dst}, which must hold exactly that many. */
    public static void unpackFloats(byte[] cell, float[] dst) {
        if (cell.length != 4L * dst.length) {
            throw new IllegalArgumentException("a packed cell of " + cell.length + " bytes does not hold " + dst.length
                    + " floats");
        }
        ByteBuffer.wrap(cell).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst);
    }

    /** Flag {@code index} of a packed flag cell. */
    public static boolean flagAt(byte[] flags, int index) {
        return (flags[index >>> 3] & (1 << (index & 7))) != 0;
    }

    /** The first {@code count} flags of a packed flag cell. */
    public static boolean[] unpackFlags(byte[] flags, int count) {
        boolean[] out = new boolean[count];
        unpackFlags(flags, count, out);
        return out;
    }

    /** The first {@code count} flags of a packed flag cell into {@code dst[0, count)}. */
    public static void unpackFlags(byte[] flags, int count, boolean[] dst) {
        if (flagBytes(count) > flags.length) {
            throw new IllegalArgumentException(count + " flags need " + flagBytes(count) + " bytes, the cell has "
                    + flags.length);
        }
        int full = count >>> 3;
        for (int i = 0, p = 0; i < full; i++, p += 8) {
            int b = flags[i];
            if (b == 0) { // most cells of real data: no flag in these eight values
                Arrays.fill(dst, p, p + 8, false);
            } else {
                for (int bit = 0; bit < 8; bit++) {
                    dst[p + bit] = (b & (1 << bit)) != 0;
                }
            }
        }
        for (int i = full << 3; i < count; i++) {
            dst[i] = flagAt(flags, i);
        }
    }
}
