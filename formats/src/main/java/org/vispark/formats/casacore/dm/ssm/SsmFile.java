package org.vispark.formats.casacore.dm.ssm;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.DataFile;
import org.vispark.formats.casacore.dm.DataManagerContext;

/**
 * The bucket file {@code table.f<seq>} of a StandardStMan: its header, its row indices, and
 * positioned reads of parts of buckets (bucket {@code b} starts at byte {@code 512 + b * bucketSize}).
 *
 * <p>The index is stored in a chain of buckets starting at the header's first index bucket: each
 * starts with the number of the next one twice (Int, always big-endian), followed by the next part of
 * the index's AipsIO form; when the header gives an index offset, the whole index is in the first
 * bucket from that offset on.
 */
final class SsmFile implements Closeable {
    /** Bytes before the index data in an index bucket: the next bucket's number, twice. */
    private static final int INDEX_BUCKET_LINK = 8;

    private final DataFile file;
    private final SsmHeader header;
    private final List<SsmIndex> indices;

    private SsmFile(DataFile file, SsmHeader header, List<SsmIndex> indices) {
        this.file = file;
        this.header = header;
        this.indices = indices;
    }

    static SsmFile open(DataManagerContext context) throws IOException {
        DataFile file = DataFile.open(context.file(""), context.byteOrder());
        try {
            SsmHeader header = SsmHeader.read(context, file);
            return new SsmFile(file, header, readIndices(file, header));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static List<SsmIndex> readIndices(DataFile file, SsmHeader header) throws IOException {
        Path path = file.path();
        int length = header.indexLength();
        byte[] bytes = new byte[length];
        int done = 0;
        int bucket = header.firstIndexBucket();
        int perBucket = header.bucketSize() - INDEX_BUCKET_LINK;
        for (int j = 0; j < header.indexBuckets() && done < length; j++) {
            if (bucket < 0 || bucket >= header.bucketCount()) {
                throw new TableFormatException(path, "index bucket " + bucket + " is not one of the file's "
                        + header.bucketCount() + " buckets: garbled");
            }
            long at = header.bucketPosition(bucket);
            int next = file.read(at, INDEX_BUCKET_LINK).order(ByteOrder.BIG_ENDIAN).getInt(4);
            int from;
            int n;
            if (header.indexOffset() > 0) {
                if (header.indexOffset() + length > header.bucketSize()) {
                    throw new TableFormatException(path, "index of " + length + " bytes at offset "
                            + header.indexOffset() + " does not fit in a bucket of " + header.bucketSize() + ": garbled");
                }
                from = header.indexOffset();
                n = length;
            } else {
                from = INDEX_BUCKET_LINK;
                n = Math.min(length - done, perBucket);
            }
            file.read(at + from, ByteBuffer.wrap(bytes, done, n));
            done += n;
            bucket = next;
        }
        if (done < length) {
            throw new TableFormatException(path, "index of " + length + " bytes does not fit in its "
                    + header.indexBuckets() + " buckets: garbled header");
        }
        AipsIoReader in = AipsIoReader.of(bytes, file.order(), path);
        List<SsmIndex> indices = new ArrayList<>(header.indexCount());
        for (int i = 0; i < header.indexCount(); i++) {
            indices.add(SsmIndex.read(in, header.bucketCount()));
        }
        return List.copyOf(indices);
    }

    Path path() {
        return file.path();
    }

    ByteOrder order() {
        return file.order();
    }

    SsmHeader header() {
        return header;
    }

    SsmIndex index(int i) {
        return indices.get(i);
    }

    /** Fills {@code dst} (its remaining space) from byte {@code offset} of bucket {@code bucket}. */
    void read(int bucket, int offset, ByteBuffer dst) throws IOException {
        if (bucket < 0 || bucket >= header.bucketCount() || offset < 0
                || offset + dst.remaining() > header.bucketSize()) {
            throw new TableFormatException(file.path(), "bytes [" + offset + ", " + (offset + dst.remaining())
                    + ") of bucket " + bucket + " are outside the file's " + header.bucketCount() + " buckets of "
                    + header.bucketSize() + " bytes: garbled");
        }
        file.read(header.bucketPosition(bucket) + offset, dst);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
