package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.Test;

class MemoryParquetFileTest {
    private static final int BLOCK = MemoryParquetFile.BLOCK_BYTES;

    @Test
    void bytesWrittenAcrossBlocksReadBackByEveryReadAndSeek() throws Exception {
        byte[] all = new byte[3 * BLOCK + 12345];
        new Random(7).nextBytes(all);
        MemoryParquetFile f = new MemoryParquetFile("part 0");
        try (PositionOutputStream out = f.create(0)) {
            int p = 0;
            for (int len : new int[] {1, BLOCK - 2, 3, 2 * BLOCK}) { // across each block boundary, and two at once
                out.write(all, p, len);
                p += len;
                assertEquals(p, out.getPos());
            }
            while (p < all.length) {
                out.write(all[p++]);
            }
        }
        assertEquals(all.length, f.getLength());

        try (SeekableInputStream in = f.newStream()) {
            byte[] whole = new byte[all.length];
            in.readFully(whole);
            assertArrayEquals(all, whole);
            assertEquals(-1, in.read());

            in.seek(BLOCK - 5);
            byte[] ten = new byte[10];
            assertEquals(10, in.read(ten, 0, 10));
            assertArrayEquals(Arrays.copyOfRange(all, BLOCK - 5, BLOCK + 5), ten);
            assertEquals(all[BLOCK + 5] & 0xff, in.read());

            in.seek(all.length - 4);
            ByteBuffer big = ByteBuffer.allocate(100).limit(50);
            assertEquals(4, in.read(big));
            assertEquals(4, big.position());
            assertEquals(50, big.limit()); // the caller's limit is left as it was
            assertArrayEquals(Arrays.copyOfRange(all, all.length - 4, all.length), Arrays.copyOf(big.array(), 4));
            assertEquals(-1, in.read(big));

            in.seek(2 * BLOCK - 1);
            ByteBuffer two = ByteBuffer.allocateDirect(BLOCK + 2);
            in.readFully(two);
            assertEquals(3 * BLOCK + 1, in.getPos());
            byte[] back = new byte[BLOCK + 2];
            two.flip().get(back);
            assertArrayEquals(Arrays.copyOfRange(all, 2 * BLOCK - 1, 3 * BLOCK + 1), back);

            in.seek(all.length - 1);
            assertThrows(EOFException.class, () -> in.readFully(new byte[2]));
            assertThrows(EOFException.class, () -> in.seek(all.length + 1));
        }
    }

    @Test
    void aFileWrittenAgainHoldsOnlyItsNewBytes() throws Exception {
        MemoryParquetFile f = new MemoryParquetFile("part 1");
        try (PositionOutputStream out = f.create(0)) {
            out.write(new byte[BLOCK + 10]);
        }
        try (PositionOutputStream out = f.createOrOverwrite(0)) {
            out.write(new byte[] {1, 2, 3});
        }
        assertEquals(3, f.getLength());
        byte[] back = new byte[3];
        try (SeekableInputStream in = f.newStream()) {
            in.readFully(back);
            assertEquals(-1, in.read());
        }
        assertArrayEquals(new byte[] {1, 2, 3}, back);
    }
}
