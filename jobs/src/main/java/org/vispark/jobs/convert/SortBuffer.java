package org.vispark.jobs.convert;

import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Rows of one sorted run held on the heap: records are appended to slabs of {@link #SLAB} bytes (a
 * record never straddles two) up to a byte budget, then read back in any order, then the buffer is
 * cleared for the next run; the slabs are reused. Little-endian. Buffers are pooled per JVM between
 * tasks ({@link #acquire}, {@link #release}; softly, so memory pressure can reclaim them): fresh memory
 * costs the kernel a page fault per 4 kB, as much as converting the bytes it holds.
 */
final class SortBuffer {
    static final int SLAB = 16 << 20;
    private static final ConcurrentLinkedDeque<SoftReference<SortBuffer>> POOL = new ConcurrentLinkedDeque<>();
    private final long budget;
    private final List<byte[]> slabs = new ArrayList<>();
    private final List<ByteBuffer> writers = new ArrayList<>();
    private int slab;
    private long used;

    SortBuffer(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** An empty buffer of {@code budgetBytes}, from the pool when it has one. */
    static SortBuffer acquire(long budgetBytes) {
        for (SoftReference<SortBuffer> ref = POOL.poll(); ref != null; ref = POOL.poll()) {
            SortBuffer b = ref.get();
            if (b != null && b.budget == budgetBytes) {
                return b;
            }
        }
        return new SortBuffer(budgetBytes);
    }

    /** Returns a buffer to the pool (at most two per core are kept: a task fills one while the other is written). */
    static void release(SortBuffer b) {
        b.clear();
        if (POOL.size() < 2 * Runtime.getRuntime().availableProcessors()) {
            POOL.push(new SoftReference<>(b));
        }
    }

    /** Whether a record of {@code bytes} still fits (an empty buffer takes any record). */
    boolean fits(int bytes) {
        return used == 0 || used + bytes <= budget;
    }

    /**
     * Makes room for a record of {@code bytes}; returns its offset, and {@link #writer()} is positioned
     * at it. The caller then writes exactly {@code bytes}.
     */
    long reserve(int bytes) {
        if (slabs.isEmpty()) {
            addSlab(Math.max(SLAB, bytes));
        }
        ByteBuffer w = writers.get(slab);
        if (w.remaining() < bytes) {
            slab++;
            if (slab == slabs.size()) {
                addSlab(Math.max(SLAB, bytes));
            } else if (slabs.get(slab).length < bytes) {
                slabs.set(slab, new byte[bytes]);
                writers.set(slab, ByteBuffer.wrap(slabs.get(slab)).order(ByteOrder.LITTLE_ENDIAN));
            }
            w = writers.get(slab);
        }
        long offset = ((long) slab << 32) | w.position();
        used += bytes;
        return offset;
    }

    private void addSlab(int size) {
        byte[] b = new byte[size];
        slabs.add(b);
        writers.add(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Where the reserved record is written. */
    ByteBuffer writer() {
        return writers.get(slab);
    }

    /** The record at {@code offset}, {@code bytes} long, as a little-endian heap buffer positioned at its start. */
    ByteBuffer record(long offset, int bytes) {
        return ByteBuffer.wrap(slabs.get((int) (offset >>> 32)), (int) offset, bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Empties the buffer, keeping its slabs. */
    void clear() {
        for (ByteBuffer w : writers) {
            w.clear();
        }
        slab = 0;
        used = 0;
    }

    /** Bytes of records held. */
    long used() {
        return used;
    }
}
