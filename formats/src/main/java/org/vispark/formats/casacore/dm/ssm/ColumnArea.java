package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vispark.formats.casacore.TableFormatException;

/**
 * The part of each bucket that holds one column: its rows' values one after the other from the
 * column's offset in the bucket, {@code bitsPerRow} bits per row (whole bytes for every type but
 * Bool, whose values are bits, least significant first). A part is read with one positioned read
 * and kept in a small least-recently-used cache, so a row range reads only the buckets it touches,
 * and only this column's bytes of them.
 */
final class ColumnArea {
    /** A run of consecutive rows stored in one bucket. */
    @FunctionalInterface
    interface RunVisitor {
        /**
         * Called for rows [{@code bucketRow}, {@code bucketRow + rows}) of {@code area} (numbered
         * from the bucket's first row); {@code done} rows of the request precede them.
         */
        void visit(ByteBuffer area, int bucketRow, int rows, int done) throws IOException;
    }

    /** Cache at most this many bytes per column, and at most {@link #MAX_PARTS} parts. */
    private static final long CACHE_BYTES = 8L << 20;
    private static final int MAX_PARTS = 4;

    private final SsmFile file;
    private final SsmIndex index;
    private final String column;
    private final int offset;
    private final long bitsPerRow;
    private final int partBytes;
    private final int maxParts;
    private final LinkedHashMap<Integer, ByteBuffer> parts = new LinkedHashMap<>(8, 0.75f, true);
    private final Deque<ByteBuffer> spare = new ArrayDeque<>();

    ColumnArea(SsmFile file, SsmIndex index, String column, int offset, long bitsPerRow) throws TableFormatException {
        this.file = file;
        this.index = index;
        this.column = column;
        this.offset = offset;
        this.bitsPerRow = bitsPerRow;
        long bytes = (index.rowsPerBucket() * bitsPerRow + 7) / 8;
        if (bitsPerRow < 1 || offset + bytes > file.header().bucketSize()) {
            throw new TableFormatException(file.path(), "column " + column + ": " + index.rowsPerBucket()
                    + " rows of " + bitsPerRow + " bits from bucket offset " + offset
                    + " do not fit in a bucket of " + file.header().bucketSize()
                    + " bytes: garbled, or the column's shape in table.dat differs from the one it was written with");
        }
        this.partBytes = (int) bytes;
        this.maxParts = (int) Math.max(1, Math.min(MAX_PARTS, CACHE_BYTES / Math.max(1, partBytes)));
    }

    /** Bytes each row takes (for types other than Bool, whose rows take a number of bits). */
    int bytesPerRow() {
        return (int) (bitsPerRow / 8);
    }

    /** Visits rows [{@code firstRow}, {@code firstRow + count}) bucket by bucket. */
    void forEachRun(long firstRow, int count, RunVisitor visitor) throws IOException {
        if (count <= 0) {
            return;
        }
        int entry = index.entryOf(firstRow);
        long row = firstRow;
        int done = 0;
        while (done < count) {
            if (entry >= index.entryCount()) {
                throw new TableFormatException(file.path(), "column " + column + ": row " + row + " is beyond the "
                        + index.rowCount() + " rows its StandardStMan index covers: truncated or garbled");
            }
            long start = index.firstRow(entry);
            int n = (int) Math.min(count - done, index.lastRow(entry) - row + 1);
            visitor.visit(part(entry), (int) (row - start), n, done);
            done += n;
            row += n;
            entry++;
        }
    }

    /** This column's bytes of the bucket of index entry {@code entry} (position 0, table byte order). */
    private ByteBuffer part(int entry) throws IOException {
        int bucket = index.bucket(entry);
        ByteBuffer buf = parts.get(bucket);
        if (buf != null) {
            return buf;
        }
        if (parts.size() >= maxParts) {
            Iterator<Map.Entry<Integer, ByteBuffer>> eldest = parts.entrySet().iterator();
            spare.push(eldest.next().getValue());
            eldest.remove();
        }
        buf = spare.isEmpty() ? ByteBuffer.allocate(partBytes).order(file.order()) : spare.pop();
        buf.clear();
        file.read(bucket, offset, buf);
        buf.flip();
        parts.put(bucket, buf);
        return buf;
    }
}
