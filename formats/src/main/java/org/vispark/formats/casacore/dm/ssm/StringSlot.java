package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.vispark.formats.casacore.TableFormatException;

/**
 * The 12 bytes a String cell (a scalar without maximum length, or a String array) takes in its
 * column's part of a bucket: three Ints in the table's byte order giving the bucket, offset and
 * byte length of its value in the {@link StringHeap}. A scalar string of at most
 * {@value #IN_PLACE} bytes is instead held in the slot's first bytes, the length still in the third
 * Int.
 *
 * @param bucket string bucket of the value
 * @param offset offset of the value in that bucket's data
 * @param length bytes of the value (0: an empty string, or an undefined array cell)
 */
record StringSlot(int bucket, int offset, int length) {
    static final int BYTES = 12;
    /** Scalar strings up to this many bytes are stored in the slot itself. */
    static final int IN_PLACE = 8;

    /** The slot of row {@code bucketRow} of a column part. */
    static StringSlot at(ByteBuffer area, int bucketRow) {
        int pos = bucketRow * BYTES;
        return new StringSlot(area.getInt(pos), area.getInt(pos + 4), area.getInt(pos + 8));
    }

    /** The slot of one row of a column. */
    static StringSlot of(ColumnArea area, long row) throws IOException {
        StringSlot[] slot = new StringSlot[1];
        area.forEachRun(row, 1, (buf, bucketRow, rows, done) -> slot[0] = at(buf, bucketRow));
        return slot[0];
    }

    /** Checks the length is not negative (a garbled slot). */
    StringSlot checked(SsmFile file, String column, long row) throws TableFormatException {
        if (length < 0) {
            throw new TableFormatException(file.path(), "column " + column + " row " + row + " has string length "
                    + Integer.toUnsignedString(length) + ": garbled");
        }
        return this;
    }
}
