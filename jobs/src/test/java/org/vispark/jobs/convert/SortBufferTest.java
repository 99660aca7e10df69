package org.vispark.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sort run larger than the buffer's heap part: spilled to scratch, read back intact, nothing left behind. */
class SortBufferTest {
    @TempDir
    Path scratch;

    @Test
    void aRunBeyondTheHeapSpillsAndReadsBackEveryRecord() throws Exception {
        long heapBytes = 2L * SortBuffer.SLAB;
        SortBuffer buffer = SortBuffer.acquire(heapBytes, scratch);
        Random random = new Random(7);
        List<long[]> where = new ArrayList<>(); // offset, length, seed
        long total = 0;
        try {
            // records of up to 12 kB, and every 97th just over a slab: a slab of its own
            for (int i = 0; total < 5 * heapBytes; i++) {
                int bytes = i % 97 == 96 ? SortBuffer.SLAB + 1 + random.nextInt(1000) : 8 + random.nextInt(12_288);
                assertTrue(buffer.fits(bytes), "a spilling buffer takes every record");
                long offset = buffer.reserve(bytes);
                ByteBuffer w = buffer.writer();
                fill(w, bytes, i);
                where.add(new long[] {offset, bytes, i});
                total += bytes;
            }
            assertEquals(total, buffer.used());
            try (Stream<Path> files = Files.list(scratch)) {
                assertEquals(0, files.count(), "the scratch file is deleted as soon as it is open");
            }
            for (int k = where.size() - 1; k >= 0; k -= 3) { // any order
                long[] r = where.get(k);
                ByteBuffer got = buffer.record(r[0], (int) r[1]);
                assertEquals(r[1], got.remaining());
                byte[] expected = new byte[(int) r[1]];
                fill(ByteBuffer.wrap(expected), expected.length, (int) r[2]);
                byte[] actual = new byte[expected.length];
                got.get(actual);
                assertArrayEquals(expected, actual, "record " + k);
            }
        } finally {
            SortBuffer.release(buffer);
        }
    }

    @Test
    void withoutScratchTheHeapIsTheBudget() {
        SortBuffer buffer = SortBuffer.acquire(SortBuffer.SLAB, null);
        try {
            assertTrue(buffer.fits(SortBuffer.SLAB + 5), "an empty buffer takes any record");
            buffer.reserve(SortBuffer.SLAB - 10);
            assertTrue(buffer.fits(10));
            assertFalse(buffer.fits(11));
        } finally {
            SortBuffer.release(buffer);
        }
    }

    private static void fill(ByteBuffer w, int bytes, int seed) {
        Random r = new Random(seed);
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        w.put(b);
    }
}
