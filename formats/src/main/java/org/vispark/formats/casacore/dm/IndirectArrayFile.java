package org.vispark.formats.casacore.dm;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableFormatException;

/**
 * Reads casacore's indirect-array file ({@code StManArrayFile}, file {@code table.f<seq>i}), where
 * StandardStMan and IncrementalStMan keep the cells of variable-shape (indirect) array columns.
 *
 * <p>Layout, all values in the table's byte order: the file starts with a uInt version and an Int64
 * logical file length. Each array is written at an 8-byte aligned offset that the storage manager
 * keeps per cell: a uInt reference count (version 1 and higher only), a uInt dimensionality, one
 * Int per axis (casacore order, first axis fastest), then the values. Values are fixed-size in
 * casacore's canonical sizes (Bool one bit each, least significant bit first; Complex and DComplex
 * as interleaved real, imaginary); a String array holds one uInt file offset per element, each
 * pointing at a uInt byte count followed by the bytes (offset 0 is an empty string).
 *
 * <p>Small reads go through a window of {@value #WINDOW_BYTES} bytes, so the arrays of adjacent
 * cells (written one after the other) cost one file read; larger arrays are read with one positioned
 * read each. Not thread-safe.
 */
public final class IndirectArrayFile implements Closeable {
    /** Bytes of the file header: uInt version, Int64 length. */
    private static final int HEADER_BYTES = 12;
    private static final int WINDOW_BYTES = 64 * 1024;
    /** A dimensionality above this is taken as garbage. */
    private static final int MAX_NDIM = 64;

    private final DataFile file;
    private final int version;
    private final ByteBuffer window;
    private long windowStart;
    private int windowLength;

    private IndirectArrayFile(DataFile file) throws IOException {
        this.file = file;
        this.window = ByteBuffer.allocate(WINDOW_BYTES).order(file.order());
        this.windowStart = 0;
        this.windowLength = 0;
        ByteBuffer header = bytes(0, HEADER_BYTES);
        this.version = header.getInt();
        if (version < 0 || version > 1) {
            throw new TableFormatException(file.path(), "indirect array file version " + version
                    + " is not 0 or 1: garbled or written in another byte order");
        }
    }

    /** Opens the indirect-array file {@code path}, whose values are in {@code order}. */
    public static IndirectArrayFile open(Path path, ByteOrder order) throws IOException {
        DataFile f = DataFile.open(path, order);
        try {
            return new IndirectArrayFile(f);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    public Path path() {
        return file.path();
    }

    /** The file version: 0 (no reference counts; StandardStMan) or 1 (IncrementalStMan). */
    public int version() {
        return version;
    }

    /** The shape (casacore order) of the array stored at {@code offset}. */
    public int[] shape(long offset) throws IOException {
        return readShape(offset, null);
    }

    /**
     * Reads all values of the array stored at {@code offset} into {@code out} (an array as
     * {@link DataType#newArray} makes for {@code type}) from element {@code outOffset}; returns the
     * number of values read (the product of its shape).
     */
    public int read(long offset, DataType type, Object out, int outOffset) throws IOException {
        long[] dataStart = new long[1];
        int[] shape = readShape(offset, dataStart);
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        long bytes = switch (type) {
            case BOOL -> (n + 7) / 8;
            case STRING -> n * 4;
            default -> {
                if (type.byteSize() <= 0) {
                    throw new IllegalArgumentException("an indirect array file holds no values of type " + type);
                }
                yield n * type.byteSize();
            }
        };
        if (bytes > Integer.MAX_VALUE - 16 || dataStart[0] + bytes > file.size()) {
            throw new TableFormatException(file.path(), "array of shape " + Arrays.toString(shape)
                    + " at offset " + offset + " runs past the end of the file (" + file.size()
                    + " bytes): truncated");
        }
        int count = (int) n;
        int room = Array.getLength(out) - outOffset;
        if ((long) count * type.elementsPerValue() > room) {
            throw new TableFormatException(file.path(), "array at offset " + offset + " has shape "
                    + Arrays.toString(shape) + ", more values than the cells being read have room for ("
                    + room / type.elementsPerValue() + "): garbled shape or index");
        }
        ByteBuffer data = bytes(dataStart[0], (int) bytes);
        switch (type) {
            case BOOL -> {
                byte[] packed = new byte[(int) bytes];
                data.get(packed);
                Values.unpackBits(packed, 0, (boolean[]) out, outOffset, count);
            }
            case STRING -> readStrings(data, count, (String[]) out, outOffset);
            default -> Values.decode(type, data, count, out, outOffset);
        }
        return count;
    }

    private void readStrings(ByteBuffer offsets, int count, String[] out, int outOffset) throws IOException {
        int[] at = new int[count];
        offsets.asIntBuffer().get(at);
        for (int i = 0; i < count; i++) {
            long pos = Integer.toUnsignedLong(at[i]);
            if (pos == 0) {
                out[outOffset + i] = "";
                continue;
            }
            long length = Integer.toUnsignedLong(bytes(pos, 4).getInt());
            if (pos + 4 + length > file.size()) {
                throw new TableFormatException(file.path(), "string of " + length + " bytes at offset " + pos
                        + " runs past the end of the file (" + file.size() + " bytes): truncated or garbled");
            }
            ByteBuffer b = bytes(pos + 4, (int) length);
            out[outOffset + i] = new String(b.array(), b.arrayOffset() + b.position(), (int) length,
                    StandardCharsets.UTF_8);
        }
    }

    /** Reads the shape at {@code offset}; stores where the values start in {@code dataStart[0]}. */
    private int[] readShape(long offset, long[] dataStart) throws IOException {
        if (offset < HEADER_BYTES || offset >= file.size()) {
            throw new TableFormatException(file.path(), "array offset " + offset + " outside the file's "
                    + file.size() + " bytes: garbled index");
        }
        long pos = version > 0 ? offset + 4 : offset;
        int ndim = bytes(pos, 4).getInt();
        if (ndim < 0 || ndim > MAX_NDIM) {
            throw new TableFormatException(file.path(), "array at offset " + offset + " claims " + ndim
                    + " dimensions: garbled");
        }
        ByteBuffer axes = bytes(pos + 4, 4 * ndim);
        int[] shape = new int[ndim];
        long n = 1;
        for (int i = 0; i < ndim; i++) {
            shape[i] = axes.getInt();
            if (shape[i] < 0) {
                throw new TableFormatException(file.path(), "array at offset " + offset + " has negative length "
                        + shape[i] + " on axis " + i + ": garbled");
            }
            n *= shape[i];
            if (n > Integer.MAX_VALUE / 16) {
                throw new TableFormatException(file.path(), "array at offset " + offset + " has shape "
                        + Arrays.toString(shape) + ", too large: garbled");
            }
        }
        if (dataStart != null) {
            dataStart[0] = pos + 4 + 4L * ndim;
        }
        return shape;
    }

    /**
     * {@code length} bytes at {@code position}, positioned at their start in the returned buffer
     * (a view of the window, valid until the next call, or a new buffer for large reads).
     */
    private ByteBuffer bytes(long position, int length) throws IOException {
        if (position < 0 || position + length > file.size()) {
            throw new TableFormatException(file.path(), "needs bytes [" + position + ", " + (position + length)
                    + ") but the file has " + file.size() + " bytes: truncated");
        }
        if (length > WINDOW_BYTES) {
            return file.read(position, length);
        }
        if (position < windowStart || position + length > windowStart + windowLength) {
            window.clear();
            window.limit((int) Math.min(WINDOW_BYTES, file.size() - position));
            file.read(position, window);
            windowStart = position;
            windowLength = window.limit();
        }
        int from = (int) (position - windowStart);
        return window.duplicate().order(file.order()).limit(from + length).position(from);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
