package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalParquetFileTest {
    private static final int BLOCK = LocalParquetFile.BUFFER;

    /**
     * Files of whole blocks, a partial block only and whole blocks plus a partial one, written with and without direct
     * writes (the temporary directory's ext4 takes them), flushed on the way as Parquet may: the same bytes back.
     */
    @ParameterizedTest
    @CsvSource({"true, 0", "true, 1000", "true, 2097152", "true, 3150000", "false, 1000", "false, 3150000"})
    void bytesWrittenDirectlyOrNotReadBack(boolean directWrites, int length, @TempDir Path tmp) throws Exception {
        byte[] all = new byte[length];
        new Random(length).nextBytes(all);
        LocalParquetFile f = new LocalParquetFile(tmp.resolve("f.parquet"), directWrites);
        try (PositionOutputStream out = f.create(0)) {
            assertEquals(directWrites, LocalParquetFile.writesDirect(out));
            for (int at = 0; at < length; ) {
                int n = Math.min(length - at, 77777);
                out.write(all, at, n);
                at += n;
                out.flush();
                assertEquals(at, out.getPos());
            }
        }
        assertEquals(length, f.getLength());
        assertArrayEquals(all, Files.readAllBytes(tmp.resolve("f.parquet")));
    }

    /** The setting decides where it is set; unset, the caller's default (convert's visibility files: direct). */
    @ParameterizedTest
    @CsvSource({"'', false, false", "'', true, true", "false, true, false", "true, false, true"})
    void directWritesAsSetOrByDefault(String setting, boolean directByDefault, boolean direct, @TempDir Path tmp)
            throws Exception {
        Configuration conf = new Configuration(false);
        if (!setting.isEmpty()) {
            conf.set(LakeParquet.DIRECT_WRITES, setting);
        }
        OutputFile f = LakeParquet.outputFile(new org.apache.hadoop.fs.Path(tmp.resolve("f.parquet").toUri()), conf,
                directByDefault);
        try (PositionOutputStream out = f.create(0)) {
            assertEquals(direct, LocalParquetFile.writesDirect(out));
        }
    }

    @Test
    void bytesWrittenReadBackByEveryReadAcrossBlocks(@TempDir Path tmp) throws Exception {
        byte[] all = new byte[3 * BLOCK + 4321];
        new Random(11).nextBytes(all);
        LocalParquetFile f = new LocalParquetFile(tmp.resolve("sub/f.parquet"));
        try (PositionOutputStream out = f.create(0)) {
            out.write(all, 0, 5);
            out.write(all[5]);
            out.write(all, 6, all.length - 6);
            assertEquals(all.length, out.getPos());
        }
        assertEquals(all.length, f.getLength());

        try (SeekableInputStream in = f.newStream()) {
            // as Parquet's chunk copy reads: 8 kB at a time, whatever a call returns, through the file's end
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            byte[] small = new byte[8192];
            for (int n = in.read(small, 0, small.length); n >= 0; n = in.read(small, 0, small.length)) {
                copy.write(small, 0, n);
            }
            assertArrayEquals(all, copy.toByteArray());
            assertEquals(all.length, in.getPos());
            assertEquals(-1, in.read());

            in.seek(BLOCK - 3); // back, into the middle of a block read before
            byte[] big = new byte[2 * BLOCK + 7];
            in.readFully(big);
            assertArrayEquals(Arrays.copyOfRange(all, BLOCK - 3, 3 * BLOCK + 4), big);
            assertEquals(all[3 * BLOCK + 4] & 0xff, in.read());

            in.seek(17);
            ByteBuffer direct = ByteBuffer.allocateDirect(BLOCK + 9);
            in.readFully(direct);
            byte[] back = new byte[BLOCK + 9];
            direct.flip().get(back);
            assertArrayEquals(Arrays.copyOfRange(all, 17, BLOCK + 26), back);

            ByteBuffer heap = ByteBuffer.allocate(40);
            heap.position(4).limit(14);
            assertEquals(10, in.read(heap));
            assertEquals(14, heap.position());
            assertArrayEquals(Arrays.copyOfRange(all, BLOCK + 26, BLOCK + 36), Arrays.copyOfRange(heap.array(), 4, 14));

            in.seek(all.length - 2);
            assertEquals(2, in.skip(100));
            in.seek(all.length - 2);
            assertThrows(EOFException.class, () -> in.readFully(new byte[3]));
        }
    }
}
