package org.vispark.jobs.lake;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file held on the heap: written once as an {@link OutputFile}, then read as an {@link InputFile} any
 * number of times. For the part files of {@link VisibilityRewriter}, which live only until the rewriter has joined
 * them: on disk each would be written and read back at once, as many bytes again as the columns it holds. The bytes
 * live in blocks of {@link #BLOCK_BYTES}, so a growing file is never copied into a larger array (nor needs one
 * array as large as itself).
 */
final class MemoryParquetFile implements OutputFile, InputFile {
    /**
     * Bytes of one block: an ordinary young object for G1 (half a heap region or more is "humongous", allocated and
     * collected apart; regions are 1 MB and up).
     */
    static final int BLOCK_BYTES = 256 << 10;

    private final String name;
    private final List<byte[]> blocks = new ArrayList<>();
    private long length;

    /** An empty file; {@code name} says what it stands for in messages. */
    MemoryParquetFile(String name) {
        this.name = name;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        blocks.clear();
        length = 0;
        return new Out();
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return -1;
    }

    @Override
    public String getPath() {
        return name;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new In();
    }

    private final class Out extends PositionOutputStream {
        @Override
        public long getPos() {
            return length;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int at = (int) (length % BLOCK_BYTES);
                if (at == 0 && length / BLOCK_BYTES == blocks.size()) {
                    blocks.add(new byte[BLOCK_BYTES]);
                }
                int n = Math.min(len, BLOCK_BYTES - at);
                System.arraycopy(b, off, blocks.get((int) (length / BLOCK_BYTES)), at, n);
                length += n;
                off += n;
                len -= n;
            }
        }
    }

    private final class In extends ByteBufferInputStream {
        private long pos;

        @Override
        String name() {
            return name;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > length) {
                throw new EOFException(name + ": seek to " + newPos + " outside its " + length + " bytes");
            }
            pos = newPos;
        }

        @Override
        public int read(ByteBuffer buf) {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = (int) Math.min(buf.remaining(), length - pos);
            if (n <= 0) {
                return -1;
            }
            ByteBuffer first = buf.duplicate();
            copy(first.limit(first.position() + n));
            buf.position(first.position());
            return n;
        }

        /** Fills {@code buf}'s remaining bytes from the position on (the caller checked there are as many). */
        private void copy(ByteBuffer buf) {
            while (buf.hasRemaining()) {
                int at = (int) (pos % BLOCK_BYTES);
                int n = Math.min(buf.remaining(), BLOCK_BYTES - at);
                buf.put(blocks.get((int) (pos / BLOCK_BYTES)), at, n);
                pos += n;
            }
        }
    }
}
