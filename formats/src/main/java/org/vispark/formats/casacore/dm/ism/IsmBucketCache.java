package org.vispark.formats.casacore.dm.ism;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vispark.formats.casacore.dm.DataFile;

/**
 * The few most recently used buckets of an IncrementalStMan file, parsed. Holds at most
 * {@value #MAX_BUCKETS} buckets and at most {@value #MAX_BYTES} bytes (but always the last one
 * read); each bucket is read with one positioned read.
 */
final class IsmBucketCache {
    static final int MAX_BUCKETS = 4;
    static final long MAX_BYTES = 64L << 20;

    private final DataFile file;
    private final IsmHeader header;
    private final int columnCount;
    private final int capacity;
    private final Map<Integer, IsmBucket> buckets = new LinkedHashMap<>(8, 0.75f, true);

    IsmBucketCache(DataFile file, IsmHeader header, int columnCount) {
        this.file = file;
        this.header = header;
        this.columnCount = columnCount;
        this.capacity = (int) Math.max(1, Math.min(MAX_BUCKETS, MAX_BYTES / header.bucketSize()));
    }

    IsmBucket get(int bucketNr) throws IOException {
        IsmBucket b = buckets.get(bucketNr);
        if (b == null) {
            ByteBuffer bytes = file.read(header.bucketOffset(bucketNr), header.bucketSize());
            b = IsmBucket.parse(file.path(), bucketNr, bytes, columnCount);
            if (buckets.size() >= capacity) {
                buckets.remove(buckets.keySet().iterator().next());
            }
            buckets.put(bucketNr, b);
        }
        return b;
    }
}
