package org.vispark.formats.casacore.dm.ssm;

import java.nio.file.Path;
import java.util.Arrays;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.aipsio.AipsIoReader;

/**
 * One row index of a StandardStMan: which bucket holds which rows of the columns that share it.
 * Columns added to an existing StandardStMan may get an index (and buckets) of their own.
 *
 * <p>On disk (AipsIO in the table's byte order, within the index buckets): object "SSMIndex"
 * version 1 or 2: uInt {@code nused}, uInt rows per bucket, Int number of columns, the free space
 * map (object "SimpleOrderedMap", not needed to read), a "Block" of the last row of each entry
 * (uInt in version 1, uInt64 in version 2) and a "Block" of uInt bucket numbers. Entry {@code i}
 * holds rows {@code (lastRow(i - 1), lastRow(i)]} (from row 0 for entry 0) in bucket
 * {@code bucket(i)}; entries may hold fewer rows than a bucket can after rows were removed.
 */
final class SsmIndex {
    private final Path file;
    private final int rowsPerBucket;
    private final long[] lastRows;
    private final int[] buckets;

    private SsmIndex(Path file, int rowsPerBucket, long[] lastRows, int[] buckets) {
        this.file = file;
        this.rowsPerBucket = rowsPerBucket;
        this.lastRows = lastRows;
        this.buckets = buckets;
    }

    /** Reads the next index object from {@code in}; bucket numbers must be below {@code bucketCount}. */
    static SsmIndex read(AipsIoReader in, int bucketCount) throws TableFormatException {
        Path file = in.file();
        int version = in.getStart("SSMIndex");
        long nused = in.readUInt();
        long rowsPerBucket = in.readUInt();
        in.readInt(); // number of columns
        in.getStart("SimpleOrderedMap");
        in.getEnd();
        in.getStart("Block");
        int nLast = in.readCount(version > 1 ? 8 : 4);
        if (nLast < nused) {
            throw new TableFormatException(file, "index with " + nused + " entries has " + nLast + " last rows: garbled");
        }
        long[] lastRows = new long[(int) nused];
        for (int i = 0; i < nLast; i++) {
            long r = version > 1 ? in.readLong() : in.readUInt();
            if (i < nused) {
                lastRows[i] = r;
            }
        }
        in.getEnd();
        in.getStart("Block");
        int nBuckets = in.readCount(4);
        if (nBuckets < nused) {
            throw new TableFormatException(file, "index with " + nused + " entries has " + nBuckets
                    + " bucket numbers: garbled");
        }
        int[] buckets = new int[(int) nused];
        for (int i = 0; i < nBuckets; i++) {
            int b = in.readInt();
            if (i < nused) {
                buckets[i] = b;
            }
        }
        in.getEnd();
        in.getEnd();
        if (rowsPerBucket < 1 || rowsPerBucket > Integer.MAX_VALUE) {
            throw new TableFormatException(file, "index has " + rowsPerBucket + " rows per bucket: garbled");
        }
        long previous = -1;
        for (int i = 0; i < nused; i++) {
            long rows = lastRows[i] - previous;
            if (rows < 1 || rows > rowsPerBucket || buckets[i] < 0 || buckets[i] >= bucketCount) {
                throw new TableFormatException(file, "index entry " + i + " (rows " + (previous + 1) + ".." + lastRows[i]
                        + " in bucket " + Integer.toUnsignedString(buckets[i]) + " of " + bucketCount + ", at most "
                        + rowsPerBucket + " rows per bucket) is garbled");
            }
            previous = lastRows[i];
        }
        return new SsmIndex(file, (int) rowsPerBucket, lastRows, buckets);
    }

    /** The most rows one bucket holds for this index's columns. */
    int rowsPerBucket() {
        return rowsPerBucket;
    }

    /** Number of rows the index covers. */
    long rowCount() {
        return lastRows.length == 0 ? 0 : lastRows[lastRows.length - 1] + 1;
    }

    int entryCount() {
        return lastRows.length;
    }

    /** The entry holding {@code row}. */
    int entryOf(long row) throws TableFormatException {
        int i = Arrays.binarySearch(lastRows, row);
        if (i < 0) {
            i = -i - 1;
        }
        if (row < 0 || i >= lastRows.length) {
            throw new TableFormatException(file, "row " + row + " is beyond the " + rowCount()
                    + " rows the StandardStMan index covers: truncated or garbled");
        }
        return i;
    }

    /** The first row of entry {@code entry}. */
    long firstRow(int entry) {
        return entry == 0 ? 0 : lastRows[entry - 1] + 1;
    }

    /** The last row of entry {@code entry}. */
    long lastRow(int entry) {
        return lastRows[entry];
    }

    /** The bucket holding the rows of entry {@code entry}. */
    int bucket(int entry) {
        return buckets[entry];
    }
}
