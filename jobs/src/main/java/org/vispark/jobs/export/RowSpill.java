package org.vispark.jobs.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Puts the main-table rows of one MS back into row order: the lake holds them sorted by partition, baseline and
 * time, an MS needs them by row number. Each row's bytes are appended to a local temporary file as they come, with
 * an index (offset and length per row number); {@link #read} then returns them in any order. Memory: 12 bytes per
 * row. The file is deleted on {@link #close()}.
 */
final class RowSpill implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final long[] offset;
    private final int[] length;
    private long end;

    /** A spill for rows 0 .. rows-1 in a new temporary file under {@code dir}. */
    RowSpill(Path dir, long rows) throws IOException {
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IOException("an MS of " + rows + " rows is too large to export in one piece");
        }
        file = Files.createTempFile(dir, "vispark-export-", ".rows");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        offset = new long[(int) rows];
        length = new int[(int) rows];
        Arrays.fill(length, -1);
    }

    /** Stores the bytes of row {@code row}; each row exactly once. */
    void put(long row, byte[] bytes) throws IOException {
        if (row < 0 || row >= offset.length) {
            throw new IOException("row " + row + " is outside the MS's " + offset.length + " rows");
        }
        int r = (int) row;
        if (length[r] >= 0) {
            throw new IOException("row " + row + " appears twice in the lake's visibility files");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b, end + b.position());
        }
        offset[r] = end;
        length[r] = bytes.length;
        end += bytes.length;
    }

    /** The first row number not stored, or -1 when every row is. */
    long firstMissing() {
        for (int r = 0; r < length.length; r++) {
            if (length[r] < 0) {
                return r;
            }
        }
        return -1;
    }

    /** The bytes of row {@code row}. */
    byte[] read(long row) throws IOException {
        int r = (int) row;
        byte[] out = new byte[length[r]];
        ByteBuffer b = ByteBuffer.wrap(out);
        while (b.hasRemaining()) {
            if (channel.read(b, offset[r] + b.position()) < 0) {
                throw new IOException(file + ": ended early");
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
