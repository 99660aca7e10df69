package org.vispark.formats.casacore.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The string buckets of a StandardStMan being written (casacore's SSMStringHandler layout): each bucket starts
 * with four big-endian Ints (0, bytes used, bytes free, next bucket or -1), then its data; a value that does
 * not fit continues in a new bucket, linked from the previous one. A value starts in a new bucket when it does
 * not fit in the current one and fewer than 50 bytes are left there (as casacore). String-array cells are, per
 * element, a big-endian uInt byte count and the UTF-8 bytes.
 */
final class SsmStringBuckets {
    private static final int HEADER = 16;
    private static final int MIN_SPACE = 50;

    /** Gives out bucket numbers and writes whole buckets. */
    interface Buckets {
        int newBucket();

        void write(int bucket, byte[] bytes) throws IOException;
    }

    private final Buckets buckets;
    private final byte[] bucket;
    private final int capacity;
    private int current = -1;
    private int used;
    private int last = -1;

    SsmStringBuckets(Buckets buckets, int bucketSize) {
        this.buckets = buckets;
        this.bucket = new byte[bucketSize];
        this.capacity = bucketSize - HEADER;
    }

    /** Stores a scalar string; returns {bucket, offset, length} of its bytes. */
    int[] put(byte[] utf8) throws IOException {
        int[] slot = start(utf8.length);
        putData(utf8);
        return slot;
    }

    /** Stores the elements of a fixed-shape String array cell; returns {bucket, offset, length}. */
    int[] putArray(String[] values, int from, int count) throws IOException {
        byte[][] bytes = new byte[count][];
        int total = 0;
        for (int i = 0; i < count; i++) {
            bytes[i] = values[from + i].getBytes(StandardCharsets.UTF_8);
            total += 4 + bytes[i].length;
        }
        if (total == 0) {
            return new int[3];
        }
        int[] slot = start(total);
        byte[] length = new byte[4];
        for (byte[] b : bytes) {
            ByteBuffer.wrap(length).order(ByteOrder.BIG_ENDIAN).putInt(b.length);
            putData(length);
            putData(b);
        }
        return slot;
    }

    /** The last string bucket used, -1 for none. */
    int lastBucket() {
        return last;
    }

    /** Writes the current bucket. */
    void flush() throws IOException {
        if (current >= 0) {
            writeCurrent(-1);
        }
    }

    private int[] start(int length) throws IOException {
        if (current < 0 || (length > capacity - used && capacity - used < MIN_SPACE)) {
            newBucket();
        }
        return new int[] {current, used, length};
    }

    private void putData(byte[] data) throws IOException {
        int done = 0;
        while (done < data.length) {
            int n = Math.min(data.length - done, capacity - used);
            System.arraycopy(data, done, bucket, HEADER + used, n);
            used += n;
            done += n;
            if (done < data.length) {
                newBucket();
            }
        }
    }

    private void newBucket() throws IOException {
        int next = buckets.newBucket();
        if (current >= 0) {
            writeCurrent(next);
        }
        current = next;
        last = next;
        used = 0;
        java.util.Arrays.fill(bucket, (byte) 0);
    }

    private void writeCurrent(int next) throws IOException {
        ByteBuffer.wrap(bucket).order(ByteOrder.BIG_ENDIAN).putInt(0, 0).putInt(4, used).putInt(8, capacity - used)
                .putInt(12, next);
        buckets.write(current, bucket);
    }
}
