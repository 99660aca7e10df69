package org.vispark.formats.uvh5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Rows of an unfiltered contiguous dataset decoded straight from the file's bytes (the layout h5py
 * writes by default, and the DSA-110 correlator's files): a blt range is one byte range, so it is read
 * without jhdf's per-element slicing; a chunked dataset's rows are first assembled into such bytes by
 * {@link ChunkedRows}. Numbers are HDF5 floating point of 4 or 8 bytes, or integers of 1, 2, 4 or 8
 * bytes, in the byte order their datatype states; booleans (h5py's enum) nonzero bytes.
 */
final class RawElements {
    private RawElements() {}

    /**
     * The bytes of rows [first, first + count) of {@code d} ({@code rowBytes} each), or null if {@code d}
     * is not an unfiltered contiguous dataset (or the rows end beyond 2 GiB into it).
     */
    static ByteBuffer rows(Dataset d, long first, int count, long rowBytes) {
        if (!(d instanceof ContiguousDataset c) || !d.getFilters().isEmpty()) {
            return null;
        }
        ByteBuffer all = c.getBuffer();
        long from = first * rowBytes;
        long to = from + count * rowBytes;
        if (to > Integer.MAX_VALUE) {
            return null;
        }
        if (to > all.capacity()) {
            throw new IllegalStateException(d.getPath() + ": rows up to byte " + to + " beyond the dataset's "
                    + all.capacity());
        }
        return all.duplicate().position((int) from).limit((int) to).slice();
    }

    /**
     * Decodes {@code n} numbers of type {@code t}, {@code stride} bytes apart from byte {@code offset},
     * into {@code dst[at + k * step]}.
     */
    static void floats(ByteBuffer src, DataType t, int offset, int stride, int n, float[] dst, int at, int step) {
        ByteBuffer b = src.duplicate().order(order(t));
        int size = t.getSize();
        if (t instanceof FloatingPoint) {
            if (size == 4 && stride == 4 && step == 1) {
                // packed float32: one bulk copy (byte-swapped if need be), not a call per number
                b.position(offset).asFloatBuffer().get(dst, at, n);
            } else if (size == 4) {
                for (int k = 0; k < n; k++) {
                    dst[at + k * step] = b.getFloat(offset + k * stride);
                }
            } else if (size == 8) {
                for (int k = 0; k < n; k++) {
                    dst[at + k * step] = (float) b.getDouble(offset + k * stride);
                }
            } else {
                throw new IllegalArgumentException("floating point of " + size + " bytes");
            }
            return;
        }
        boolean signed = !(t instanceof FixedPoint f) || f.isSigned();
        for (int k = 0; k < n; k++) {
            int p = offset + k * stride;
            dst[at + k * step] = switch (size) {
                case 1 -> signed ? b.get(p) : b.get(p) & 0xff;
                case 2 -> signed ? b.getShort(p) : b.getShort(p) & 0xffff;
                case 4 -> signed ? b.getInt(p) : b.getInt(p) & 0xffffffffL;
                case 8 -> b.getLong(p);
                default -> throw new IllegalArgumentException("integer of " + size + " bytes");
            };
        }
    }

    /**
     * Decodes {@code n} complex numbers of compound type {@code c} (members {@code r}, {@code i}) into
     * {@code dst} as interleaved (real, imaginary) float32 pairs.
     */
    static void complexes(ByteBuffer src, CompoundDataType c, int n, float[] dst) {
        List<CompoundDataType.CompoundDataMember> m = c.getMembers();
        DataType r = m.get(0).getDataType();
        DataType i = m.get(1).getDataType();
        boolean packed = c.getSize() == 8 && r instanceof FloatingPoint && i instanceof FloatingPoint
                && r.getSize() == 4 && i.getSize() == 4 && order(r) == order(i)
                && m.get(0).getName().equals("r") && m.get(0).getOffset() == 0 && m.get(1).getOffset() == 4;
        if (packed) {
            // complex64 as h5py writes it: already interleaved float32 pairs
            floats(src, r, 0, 4, 2 * n, dst, 0, 1);
            return;
        }
        for (var member : m) {
            int part = member.getName().equals("r") ? 0 : 1;
            floats(src, member.getDataType(), member.getOffset(), c.getSize(), n, dst, part, 2);
        }
    }

    /** Decodes {@code n} booleans (nonzero elements of type {@code t}). */
    static void booleans(ByteBuffer src, DataType t, int n, boolean[] dst) {
        int size = t.getSize();
        if (size == 1) {
            // h5py's booleans: one bulk copy, then a test per byte on the heap
            byte[] bytes = new byte[n];
            src.get(0, bytes);
            for (int k = 0; k < n; k++) {
                dst[k] = bytes[k] != 0;
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            boolean set = false;
            for (int j = 0; j < size; j++) {
                set |= src.get(k * size + j) != 0;
            }
            dst[k] = set;
        }
    }

    private static ByteOrder order(DataType t) {
        if (t instanceof FloatingPoint f) {
            return f.getByteOrder();
        }
        if (t instanceof FixedPoint f) {
            return f.getByteOrder();
        }
        if (t instanceof EnumDataType) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw new IllegalArgumentException("datatype " + t.getClass().getSimpleName() + " is not numeric");
    }
}
