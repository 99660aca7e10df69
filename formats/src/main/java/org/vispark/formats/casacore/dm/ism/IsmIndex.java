package org.vispark.formats.casacore.dm.ism;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.DataFile;

/**
 * The row index of an IncrementalStMan: which bucket holds which range of rows.
 *
 * <p>On disk (after the last bucket, AipsIO in the table's byte order): object "ISMIndex" with
 * uInt {@code nused}, a "Block" of {@code nused + 1} start rows (uInt in version 1, uInt64 in
 * version 2; the last one is the total row count) and a "Block" of {@code nused} uInt bucket
 * numbers. Interval {@code i} covers rows {@code [start(i), start(i + 1))} and is stored in bucket
 * {@code bucketNr(i)}.
 */
final class IsmIndex {
    private final Path file;
    private final long[] startRows;
    private final int[] bucketNrs;

    private IsmIndex(Path file, long[] startRows, int[] bucketNrs) {
        this.file = file;
        this.startRows = startRows;
        this.bucketNrs = bucketNrs;
    }

    static IsmIndex read(DataFile data, IsmHeader header) throws IOException {
        Path path = data.path();
        long at = header.indexOffset();
        long length = data.size() - at;
        if (length > Integer.MAX_VALUE - 16) {
            throw new TableFormatException(path, "row index of " + length + " bytes is implausibly large: garbled");
        }
        AipsIoReader in = AipsIoReader.of(data.read(at, (int) length).array(), data.order(), path);
        int version = in.getStart("ISMIndex");
        long nused = in.readUInt();
        in.getStart("Block");
        int nRows = in.readCount(version > 1 ? 8 : 4);
        if (nused < 1 || nRows < nused + 1) {
            throw new TableFormatException(path, "row index with " + nused + " intervals has " + nRows
                    + " start rows: garbled");
        }
        long[] rows = new long[(int) nused + 1];
        for (int i = 0; i < nRows; i++) {
            long r = version > 1 ? in.readLong() : in.readUInt();
            if (i < rows.length) {
                rows[i] = r;
            }
        }
        in.getEnd();
        in.getStart("Block");
        int nBuckets = in.readCount(4);
        if (nBuckets < nused) {
            throw new TableFormatException(path, "row index with " + nused + " intervals has " + nBuckets
                    + " bucket numbers: garbled");
        }
        int[] buckets = new int[(int) nused];
        for (int i = 0; i < nBuckets; i++) {
            int b = in.readInt();
            if (i < buckets.length) {
                buckets[i] = b;
            }
        }
        in.getEnd();
        in.getEnd();
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] < 0 || buckets[i] >= header.bucketCount()) {
                throw new TableFormatException(path, "row index names bucket " + Integer.toUnsignedString(buckets[i])
                        + " but the file has " + header.bucketCount() + ": garbled");
            }
            if (rows[i] < 0 || rows[i + 1] < rows[i] || (i == 0 && rows[0] != 0)) {
                throw new TableFormatException(path, "row index start rows " + Arrays.toString(rows)
                        + " are not ascending from 0: garbled");
            }
        }
        return new IsmIndex(path, rows, buckets);
    }

    /** Number of rows the index covers. */
    long rowCount() {
        return startRows[startRows.length - 1];
    }

    /** The interval holding {@code row}. */
    int intervalOf(long row) throws TableFormatException {
        if (row < 0 || row >= rowCount()) {
            throw new TableFormatException(file, "row " + row + " is outside the " + rowCount()
                    + " rows the row index covers: truncated or garbled");
        }
        // the last interval whose start row is <= row (empty intervals before it are skipped)
        int lo = 0;
        int hi = bucketNrs.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (startRows[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    long startRow(int interval) {
        return startRows[interval];
    }

    long endRow(int interval) {
        return startRows[interval + 1];
    }

    int bucketNr(int interval) {
        return bucketNrs[interval];
    }
}
