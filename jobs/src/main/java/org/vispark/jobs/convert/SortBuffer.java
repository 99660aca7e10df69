package org.vispark.jobs.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Rows of one sorted run: records are appended to slabs of {@link #SLAB} bytes (a record never straddles two),
 * then read back in any order, then the buffer is cleared for the next run. Little-endian.
 *
 * <p>The slabs on the heap take at most {@code heapBytes}. Without a scratch directory that is the run's budget
 * ({@link #fits} says when it is reached). With one, a run has no budget: when the heap slabs are full they are
 * appended to a scratch file there (created on the first spill, deleted at once, so nothing is left behind even if
 * the JVM dies; its space is freed when the run ends) and reused, and the spilled records are read back through
 * memory maps of that file, one per slab. So a task writes all its rows as one run, fully sorted files, whatever the
 * heap (a DSA-110 MS of 3.6 GB on 512 MB of heap per core): the file's pages stay in the page cache while memory
 * allows, and the heap holds only {@code heapBytes}. A full scratch disk is an {@link UncheckedIOException} naming it.
 *
 * <p>The heap slabs are pooled per JVM between tasks ({@link #acquire}, {@link #release}; softly, so memory pressure
 * can reclaim them): fresh memory costs the kernel a page fault per 4 kB, as much as converting the bytes it holds.
 */
final class SortBuffer {
    static final int SLAB = 16 << 20;
    private static final ConcurrentLinkedDeque<SoftReference<SortBuffer>> POOL = new ConcurrentLinkedDeque<>();
    private final long heapBytes;
    private final List<byte[]> slabs = new ArrayList<>();
    private final List<ByteBuffer> writers = new ArrayList<>();
    /** Bytes of the heap slabs. */
    private long slabBytes;
    /** The heap slab being filled. */
    private int slab;
    private long used;
    private Path scratchDir;
    private FileChannel scratch;
    /** Per spilled slab (the first {@code spilled} of the run): where it starts in the scratch file, its length. */
    private long[] spillStart = new long[0];
    private int[] spillLength = new int[0];
    private ByteBuffer[] spillMaps = new ByteBuffer[0];
    private int spilled;
    private long scratchSize;

    SortBuffer(long heapBytes) {
        this.heapBytes = heapBytes;
    }

    /**
     * An empty buffer of {@code heapBytes} on the heap, from the pool when it has one, spilling into
     * {@code scratchDir} (null: no spilling, the heap is the budget).
     */
    static SortBuffer acquire(long heapBytes, Path scratchDir) {
        SortBuffer b = null;
        for (SoftReference<SortBuffer> ref = POOL.poll(); ref != null && b == null; ref = POOL.poll()) {
            SortBuffer pooled = ref.get();
            if (pooled != null && pooled.heapBytes == heapBytes) {
                b = pooled;
            }
        }
        if (b == null) {
            b = new SortBuffer(heapBytes);
        }
        b.scratchDir = scratchDir;
        return b;
    }

    /** Returns a buffer to the pool (at most one per core is kept), its scratch file deleted. */
    static void release(SortBuffer b) {
        b.clear();
        b.scratchDir = null;
        if (POOL.size() < Runtime.getRuntime().availableProcessors()) {
            POOL.push(new SoftReference<>(b));
        }
    }

    /** Whether a record of {@code bytes} still fits (an empty or spilling buffer takes any record). */
    boolean fits(int bytes) {
        return used == 0 || scratchDir != null || used + bytes <= heapBytes;
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
            if (slab == slabs.size() && scratchDir != null && slabBytes + Math.max(SLAB, bytes) > heapBytes) {
                spill();
                slab = 0;
            }
            if (slab == slabs.size()) {
                addSlab(Math.max(SLAB, bytes));
            } else if (slabs.get(slab).length < bytes) {
                slabBytes += bytes - slabs.get(slab).length;
                slabs.set(slab, new byte[bytes]);
                writers.set(slab, ByteBuffer.wrap(slabs.get(slab)).order(ByteOrder.LITTLE_ENDIAN));
            }
            w = writers.get(slab);
        }
        long offset = ((long) (spilled + slab) << 32) | w.position();
        used += bytes;
        return offset;
    }

    private void addSlab(int size) {
        byte[] b = new byte[size];
        slabs.add(b);
        writers.add(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        slabBytes += size;
    }

    /** Appends the filled heap slabs to the scratch file and empties them; their records keep their offsets. */
    private void spill() {
        try {
            if (scratch == null) {
                Path file = Files.createTempFile(scratchDir, "vispark-sort-", ".run");
                scratch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Files.delete(file);
            }
            int n = slabs.size();
            spillStart = Arrays.copyOf(spillStart, spilled + n);
            spillLength = Arrays.copyOf(spillLength, spilled + n);
            spillMaps = Arrays.copyOf(spillMaps, spilled + n);
            for (int i = 0; i < n; i++) {
                ByteBuffer w = writers.get(i);
                ByteBuffer out = ByteBuffer.wrap(slabs.get(i), 0, w.position());
                spillStart[spilled + i] = scratchSize;
                spillLength[spilled + i] = w.position();
                while (out.hasRemaining()) {
                    scratchSize += scratch.write(out, scratchSize);
                }
                w.clear();
            }
            spilled += n;
        } catch (IOException e) {
            throw new UncheckedIOException("spilling the sort run to " + scratchDir + ": " + e.getMessage(), e);
        }
    }

    /** Where the reserved record is written. */
    ByteBuffer writer() {
        return writers.get(slab);
    }

    /** The record at {@code offset}, {@code bytes} long, as a little-endian buffer positioned at its start. */
    ByteBuffer record(long offset, int bytes) {
        int s = (int) (offset >>> 32);
        int at = (int) offset;
        if (s >= spilled) {
            return ByteBuffer.wrap(slabs.get(s - spilled), at, bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (spillMaps[s] == null) {
            try {
                spillMaps[s] = scratch.map(FileChannel.MapMode.READ_ONLY, spillStart[s], spillLength[s]);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the sort run back from " + scratchDir + ": " + e.getMessage(),
                        e);
            }
        }
        return spillMaps[s].slice(at, bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Empties the buffer, keeping its heap slabs and deleting its scratch file. */
    void clear() {
        for (ByteBuffer w : writers) {
            w.clear();
        }
        slab = 0;
        used = 0;
        spilled = 0;
        scratchSize = 0;
        Arrays.fill(spillMaps, null);
        if (scratch != null) {
            try {
                scratch.truncate(0); // frees its space now, though the dropped maps are unmapped only by a GC
                scratch.close(); // the file is already unlinked
            } catch (IOException e) {
                throw new UncheckedIOException("closing the sort run's scratch file in " + scratchDir, e);
            } finally {
                scratch = null;
            }
        }
    }

    /** Bytes of records held. */
    long used() {
        return used;
    }
}
