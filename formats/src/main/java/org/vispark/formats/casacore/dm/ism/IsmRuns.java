package org.vispark.formats.casacore.dm.ism;

import java.io.IOException;

/**
 * Walks the runs of equal values of one IncrementalStMan column over a row range: each
 * {@link #next()} moves to the longest stretch of rows, from the current row on, that one stored
 * value covers within one bucket. A value holds from the row it was stored for until the column's
 * next stored value; a bucket repeats at its first row the value its column has there, so runs
 * never need to look back into an earlier bucket.
 */
final class IsmRuns {
    private final IsmIndex index;
    private final IsmBucketCache buckets;
    private final int column;
    private final long endRow;

    private long row;
    private long bucketStart;
    private long bucketEnd;
    private long[] rows;
    private int[] positions;
    private int entry;
    private IsmBucket bucket;
    private int valuePosition;
    private long runStart;
    private int runLength;

    IsmRuns(IsmIndex index, IsmBucketCache buckets, int column, long firstRow, long rowCount) {
        this.index = index;
        this.buckets = buckets;
        this.column = column;
        this.row = firstRow;
        this.endRow = firstRow + rowCount;
        this.bucketEnd = firstRow; // forces a bucket look-up on the first call
    }

    /** Moves to the next run; false when the row range is exhausted. */
    boolean next() throws IOException {
        if (row >= endRow) {
            return false;
        }
        if (row >= bucketEnd) {
            int interval = index.intervalOf(row);
            bucketStart = index.startRow(interval);
            bucketEnd = index.endRow(interval);
            bucket = buckets.get(index.bucketNr(interval));
            rows = bucket.rows(column);
            positions = bucket.valuePositions(column);
            entry = lastEntryAtOrBefore(rows, row - bucketStart);
        } else {
            entry++;
        }
        long end = entry + 1 < rows.length ? Math.min(bucketEnd, bucketStart + rows[entry + 1]) : bucketEnd;
        end = Math.min(end, endRow);
        valuePosition = positions[entry];
        runStart = row;
        runLength = (int) (end - row);
        row = end;
        return true;
    }

    private static int lastEntryAtOrBefore(long[] rows, long relativeRow) {
        int lo = 0;
        int hi = rows.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (rows[mid] <= relativeRow) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The bucket holding the current run's value. */
    IsmBucket bucket() {
        return bucket;
    }

    /** Byte position of the current run's value in {@link #bucket()}. */
    int valuePosition() {
        return valuePosition;
    }

    /** First row of the current run. */
    long runStart() {
        return runStart;
    }

    /** Number of rows in the current run (at least 1). */
    int runLength() {
        return runLength;
    }
}
