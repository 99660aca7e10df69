package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.DataFile;
import org.vispark.formats.casacore.dm.DataManagerContext;

/**
 * What a StandardStMan keeps outside its buckets: the per-column layout from {@code table.dat} and
 * the file header at the start of {@code table.f<seq>}.
 *
 * <p>table.dat blob (big-endian AipsIO): object "SSM" holding the data manager name, a "Block" of
 * uInt byte offsets of each column within a bucket and a "Block" of uInt index numbers (which
 * {@link SsmIndex} holds the column's rows), both in the data manager's column order.
 *
 * <p>File header (AipsIO in the table's byte order, within the first {@value #BUCKETS_START} bytes;
 * the buckets follow from that offset): object "StandardStMan" version 1-3: a Bool big-endian flag
 * (version 3 and later), uInt bucket size, uInt bucket count, uInt persistent cache size, uInt free
 * bucket count, Int first free bucket, uInt number of index buckets, Int first index bucket, uInt
 * offset of the index within its bucket (version 2 and later), Int last string bucket, uInt index
 * length in bytes, uInt number of indices.
 *
 * @param columnOffsets  per column, the byte offset of its data within a bucket
 * @param columnIndices  per column, the number of the index that maps its rows to buckets
 * @param bucketSize     bytes per bucket
 * @param bucketCount    number of buckets in the file
 * @param indexBuckets   number of buckets holding the index
 * @param firstIndexBucket the first of them
 * @param indexOffset    when non-zero, the index is in one bucket from this offset on
 * @param indexLength    bytes of the index's AipsIO form
 * @param indexCount     number of indices
 */
record SsmHeader(int[] columnOffsets, int[] columnIndices, int bucketSize, int bucketCount, int indexBuckets,
        int firstIndexBucket, int indexOffset, int indexLength, int indexCount) {
    /** Byte offset of bucket 0 in the file. */
    static final int BUCKETS_START = 512;
    /** A bucket larger than this is taken as garbage. */
    private static final long MAX_BUCKET_SIZE = 1L << 30;

    /** Bytes of bucket {@code bucket}'s start in the file. */
    long bucketPosition(int bucket) {
        return BUCKETS_START + (long) bucket * bucketSize;
    }

    static SsmHeader read(DataManagerContext context, DataFile file) throws IOException {
        Path tableDat = context.tableDir().resolve("table.dat");
        if (context.header().length == 0) {
            throw new TableFormatException(tableDat, "has no header for StandardStMan " + context.sequenceNumber());
        }
        AipsIoReader blob = AipsIoReader.of(context.header(), ByteOrder.BIG_ENDIAN, tableDat);
        blob.getStart("SSM");
        blob.readString(); // data manager name
        int[] offsets = readBlock(blob);
        int[] indices = readBlock(blob);
        blob.getEnd();
        int ncol = context.columns().size();
        if (offsets.length != ncol || indices.length != ncol) {
            throw new TableFormatException(tableDat, "StandardStMan " + context.sequenceNumber() + " describes "
                    + offsets.length + " column offsets and " + indices.length + " index numbers for " + ncol
                    + " columns: garbled");
        }

        Path path = file.path();
        ByteBuffer head = file.read(0, (int) Math.min(BUCKETS_START, file.size()));
        AipsIoReader in = AipsIoReader.of(head, path);
        int version = in.getStart("StandardStMan");
        if (version < 1 || version > 3) {
            throw new TableFormatException(path, "StandardStMan header version " + version + " is not 1-3");
        }
        if (version >= 3) {
            boolean bigEndian = in.readBool();
            if (bigEndian != (context.byteOrder() == ByteOrder.BIG_ENDIAN)) {
                throw new TableFormatException(path, "StandardStMan header says "
                        + (bigEndian ? "big" : "little") + "-endian but table.dat says " + context.byteOrder());
            }
        }
        long bucketSize = in.readUInt();
        long bucketCount = in.readUInt();
        in.readUInt(); // persistent cache size
        in.readUInt(); // free bucket count
        in.readInt(); // first free bucket
        long indexBuckets = in.readUInt();
        int firstIndexBucket = in.readInt();
        long indexOffset = version >= 2 ? in.readUInt() : 0;
        in.readInt(); // last string bucket
        long indexLength = in.readUInt();
        long indexCount = in.readUInt();
        in.getEnd();

        if (bucketSize < 16 || bucketSize > MAX_BUCKET_SIZE) {
            throw new TableFormatException(path, "bucket size " + bucketSize + " is outside 16.." + MAX_BUCKET_SIZE
                    + ": garbled header");
        }
        if (BUCKETS_START + bucketCount * bucketSize > file.size()) {
            throw new TableFormatException(path, bucketCount + " buckets of " + bucketSize
                    + " bytes do not fit in the file's " + file.size() + " bytes: truncated");
        }
        if (indexCount > Math.max(ncol, 1) || indexBuckets > bucketCount || indexLength > indexBuckets * bucketSize
                || indexOffset >= bucketSize) {
            throw new TableFormatException(path, "index of " + indexLength + " bytes in " + indexBuckets
                    + " buckets (offset " + indexOffset + "), " + indexCount + " indices for " + ncol
                    + " columns: garbled header");
        }
        for (int c = 0; c < ncol; c++) {
            if (indices[c] < 0 || indices[c] >= indexCount || offsets[c] < 0 || offsets[c] >= bucketSize) {
                throw new TableFormatException(tableDat, "StandardStMan " + context.sequenceNumber() + " column "
                        + context.columns().get(c).name() + " has index " + Integer.toUnsignedString(indices[c])
                        + " (of " + indexCount + ") at bucket offset " + Integer.toUnsignedString(offsets[c])
                        + " (bucket size " + bucketSize + "): garbled");
            }
        }
        return new SsmHeader(offsets, indices, (int) bucketSize, (int) bucketCount, (int) indexBuckets,
                firstIndexBucket, (int) indexOffset, (int) indexLength, (int) indexCount);
    }

    private static int[] readBlock(AipsIoReader in) throws TableFormatException {
        in.getStart("Block");
        int n = in.readCount(4);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        in.getEnd();
        return values;
    }
}
