package org.vispark.formats.casacore.dm.ism;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.vispark.formats.casacore.TableFormatException;

/**
 * One bucket of an IncrementalStMan, parsed.
 *
 * <p>Layout (table byte order): uInt {@code w} whose low 28 bits give the offset of the bucket
 * index and whose high 4 bits are 0 when the index holds 32-bit row numbers (non-zero: 64-bit);
 * the value data from byte 4 up to that offset; then per column (in data manager column order)
 * uInt {@code n}, {@code n} row numbers relative to the bucket's first row (ascending, the first
 * one 0: every bucket repeats the value each column has at its first row) and {@code n} uInt
 * offsets of the values, counted from byte 4. A column's value at relative row {@code r} is the one
 * of the last entry whose row number is {@code <= r}.
 */
final class IsmBucket {
    private static final int UINT_SIZE = 4;

    private final Path file;
    private final int bucketNr;
    private final byte[] bytes;
    private final ByteBuffer buffer;
    private final int dataEnd;
    private final long[][] rows;
    private final int[][] valuePositions;

    private IsmBucket(Path file, int bucketNr, byte[] bytes, ByteBuffer buffer, int dataEnd, long[][] rows,
            int[][] valuePositions) {
        this.file = file;
        this.bucketNr = bucketNr;
        this.bytes = bytes;
        this.buffer = buffer;
        this.dataEnd = dataEnd;
        this.rows = rows;
        this.valuePositions = valuePositions;
    }

    /**
     * Parses a bucket from {@code buffer} (wrapping the whole bucket, in the table's byte order) for
     * a data manager of {@code columnCount} columns.
     */
    static IsmBucket parse(Path file, int bucketNr, ByteBuffer buffer, int columnCount) throws TableFormatException {
        int size = buffer.capacity();
        int word = buffer.getInt(0);
        boolean rows64 = (word >>> 28) != 0;
        int indexStart = word & 0x0fffffff;
        if (indexStart < UINT_SIZE || indexStart > size) {
            throw error(file, bucketNr, "index offset " + indexStart + " is outside the bucket of " + size + " bytes");
        }
        int rowBytes = rows64 ? 8 : 4;
        long[][] rows = new long[columnCount][];
        int[][] positions = new int[columnCount][];
        int at = indexStart;
        for (int c = 0; c < columnCount; c++) {
            if (at + UINT_SIZE > size) {
                throw error(file, bucketNr, "index of column " + c + " runs past the bucket end");
            }
            long n = Integer.toUnsignedLong(buffer.getInt(at));
            at += UINT_SIZE;
            if (n < 1 || n * (rowBytes + UINT_SIZE) > size - at) {
                throw error(file, bucketNr, "column " + c + " has " + n + " index entries, which do not fit");
            }
            long[] r = new long[(int) n];
            int[] p = new int[(int) n];
            for (int i = 0; i < n; i++, at += rowBytes) {
                r[i] = rows64 ? buffer.getLong(at) : Integer.toUnsignedLong(buffer.getInt(at));
                if (i == 0 ? r[0] != 0 : r[i] <= r[i - 1]) {
                    throw error(file, bucketNr, "row numbers of column " + c + " do not ascend from 0");
                }
            }
            for (int i = 0; i < n; i++, at += UINT_SIZE) {
                long pos = UINT_SIZE + Integer.toUnsignedLong(buffer.getInt(at));
                if (pos > indexStart) {
                    throw error(file, bucketNr, "value offset of column " + c + " lies past the data area");
                }
                p[i] = (int) pos;
            }
            rows[c] = r;
            positions[c] = p;
        }
        return new IsmBucket(file, bucketNr, buffer.array(), buffer, indexStart, rows, positions);
    }

    /** Row numbers (relative to the bucket's first row) at which {@code column} gets a new value. */
    long[] rows(int column) {
        return rows[column];
    }

    /** Byte positions in this bucket of the values {@link #rows(int)} start. */
    int[] valuePositions(int column) {
        return valuePositions[column];
    }

    /** The whole bucket. */
    byte[] bytes() {
        return bytes;
    }

    /** The whole bucket in the table's byte order (position and limit free for callers to set). */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Checks that {@code length} bytes from {@code position} lie in the value data.
     *
     * @throws TableFormatException naming the file and bucket when they do not
     */
    void checkValue(int position, long length) throws TableFormatException {
        if (length < 0 || position + length > dataEnd) {
            throw error(file, bucketNr, "a value of " + length + " bytes at byte " + position
                    + " runs past the data area (" + dataEnd + " bytes)");
        }
    }

    private static TableFormatException error(Path file, int bucketNr, String problem) {
        return new TableFormatException(file, "bucket " + bucketNr + ": " + problem + ": garbled");
    }

    TableFormatException error(String problem) {
        return error(file, bucketNr, problem);
    }
}
