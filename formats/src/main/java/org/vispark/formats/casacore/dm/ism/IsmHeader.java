package org.vispark.formats.casacore.dm.ism;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.DataFile;
import org.vispark.formats.casacore.dm.DataManagerContext;

/**
 * The fixed facts of an IncrementalStMan: what its header in {@code table.dat} and the head of
 * its file {@code table.f<seq>} say.
 *
 * <p>table.dat holds (big-endian AipsIO) an object "ISM" whose version tells where indirect arrays
 * live (from version 3 one file {@code table.f<seq>i} for all columns, before that one file
 * {@code table.f<seq>i<n>} per indirect column) and the data manager name. The data file starts,
 * in the table's byte order, with an AipsIO object "IncrementalStMan": from version 5 a Bool
 * "big-endian" flag, then uInt bucket size, uInt number of buckets, uInt persistent cache size,
 * uInt unique-number counter and (from version 2) uInt free-bucket count and Int first free bucket.
 * Bucket {@code k} occupies bytes {@code [512 + k * bucketSize, 512 + (k + 1) * bucketSize)}; the
 * row index follows the last bucket.
 *
 * @param version     the "ISM" version (a version-1 header with a version-3 file header counts
 *                    as 3, as casacore's fix for a short-lived writer bug does)
 * @param bucketSize  bytes per bucket
 * @param bucketCount number of buckets in the file
 */
record IsmHeader(int version, int bucketSize, int bucketCount) {
    /** Offset of bucket 0 in the data file. */
    static final long FIRST_BUCKET = 512;
    /** casacore stores bucket offsets in 28 bits, which limits the bucket size. */
    private static final int MAX_BUCKET_SIZE = 1 << 28;

    /** File offset of bucket {@code bucketNr}. */
    long bucketOffset(int bucketNr) {
        return FIRST_BUCKET + (long) bucketNr * bucketSize;
    }

    /** File offset of the row index (just after the last bucket). */
    long indexOffset() {
        return bucketOffset(bucketCount);
    }

    static IsmHeader read(DataManagerContext context, DataFile file) throws IOException {
        int version = readTableDatVersion(context);
        Path path = file.path();
        int headLength = (int) Math.min(FIRST_BUCKET, file.size());
        AipsIoReader in = AipsIoReader.of(file.read(0, headLength).array(), context.byteOrder(), path);
        int fileVersion = in.getStart("IncrementalStMan");
        boolean bigEndian = fileVersion < 5 || in.readBool();
        if (bigEndian != (context.byteOrder() == ByteOrder.BIG_ENDIAN)) {
            throw new TableFormatException(path, "header says the data are " + (bigEndian ? "big" : "little")
                    + "-endian but table.dat says " + context.byteOrder());
        }
        long bucketSize = in.readUInt();
        long bucketCount = in.readUInt();
        in.getEnd();
        if (bucketSize < 4 || bucketSize >= MAX_BUCKET_SIZE) {
            throw new TableFormatException(path, "bucket size " + bucketSize + " is outside 4.." + MAX_BUCKET_SIZE
                    + ": garbled header");
        }
        if (FIRST_BUCKET + bucketCount * bucketSize > file.size()) {
            throw new TableFormatException(path, bucketCount + " buckets of " + bucketSize
                    + " bytes do not fit in the file's " + file.size() + " bytes: truncated");
        }
        if (version == 1 && fileVersion == 3) {
            version = 3;
        }
        return new IsmHeader(version, (int) bucketSize, (int) bucketCount);
    }

    private static int readTableDatVersion(DataManagerContext context) throws TableFormatException {
        Path tableDat = context.tableDir().resolve("table.dat");
        if (context.header().length == 0) {
            throw new TableFormatException(tableDat, "has no header for IncrementalStMan " + context.sequenceNumber());
        }
        AipsIoReader in = AipsIoReader.of(context.header(), ByteOrder.BIG_ENDIAN, tableDat);
        int version = in.getStart("ISM");
        in.readString(); // data manager name
        in.getEnd();
        return version;
    }
}
