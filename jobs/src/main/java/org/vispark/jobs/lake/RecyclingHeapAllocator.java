package org.vispark.jobs.lake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Parquet's page and column-chunk buffers of one writer, reused: a released heap buffer goes back to a
 * free list by power-of-two capacity and serves the next request of that class (limit = the size asked
 * for, position 0, big-endian as fresh). Parquet's own heap allocator makes a new array for every page
 * slab and every collected page, which at the visibilities' 1-2 MB pages is most of a writer's
 * allocation: the heap then grows (fresh memory costs the kernel a page zeroing) and the collector runs
 * often. Only buffers this allocator handed out and has not had back are taken back (a slice or a
 * second release is ignored), so a buffer is never handed out twice at once. Thread-safe.
 */
final class RecyclingHeapAllocator implements ByteBufferAllocator {
    /** Largest class pooled: 2^30 bytes; bigger requests get a buffer of their own size. */
    private static final int MAX_CLASS = 30;
    private final ArrayDeque<ByteBuffer>[] free;
    private final Map<ByteBuffer, Boolean> out = new IdentityHashMap<>();

    @SuppressWarnings("unchecked")
    RecyclingHeapAllocator() {
        free = new ArrayDeque[MAX_CLASS + 1];
        for (int c = 0; c <= MAX_CLASS; c++) {
            free[c] = new ArrayDeque<>();
        }
    }

    @Override
    public synchronized ByteBuffer allocate(int size) {
        int c = sizeClass(size);
        if (c > MAX_CLASS) {
            return ByteBuffer.allocate(size);
        }
        ByteBuffer b = free[c].poll();
        if (b == null) {
            b = ByteBuffer.allocate(1 << c);
        }
        b.clear().limit(size);
        b.order(ByteOrder.BIG_ENDIAN);
        out.put(b, Boolean.TRUE);
        return b;
    }

    @Override
    public synchronized void release(ByteBuffer b) {
        if (out.remove(b) != null) {
            free[sizeClass(b.capacity())].push(b);
        }
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /** The smallest c with 2^c >= size. */
    private static int sizeClass(int size) {
        return size <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(size - 1);
    }
}
